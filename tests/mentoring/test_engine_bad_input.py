"""Input the engine cannot match gets a clear message, never a crash; an impossible pool
gives an empty proposal that says why."""

import pytest

from mentoring import matching as m

from .test_engine_rules import offer, request


def run(requests, offers, weights=None, **pool):
    return m.match(
        m.Pool(tuple(requests), tuple(offers), **pool),
        weights or m.Weights(dict(m.DEFAULT_WEIGHTS)),
    )


def test_a_request_with_no_areas_is_refused():
    with pytest.raises(m.PoolError, match="names no key elements"):
        run([request(areas=())], [offer()])


@pytest.mark.parametrize("capacity", [0, -1])
def test_a_capacity_of_zero_or_below_is_refused(capacity):
    with pytest.raises(m.PoolError, match="at least 1"):
        run([request()], [offer(capacity=capacity)])
    with pytest.raises(m.PoolError, match="at least 1"):
        run([request()], [offer(people=capacity)])


def test_weights_that_are_all_zero_are_refused():
    with pytest.raises(m.PoolError, match="above zero"):
        run([request()], [offer()], m.Weights(dict.fromkeys(m.CRITERIA, 0)))


def test_negative_weights_are_refused():
    with pytest.raises(m.PoolError, match="negative"):
        run([request()], [offer()], m.Weights({**m.DEFAULT_WEIGHTS, "region": -1}))


def test_a_pool_where_nobody_can_be_matched_gives_an_empty_proposal_that_says_why():
    result = run([request(roles=("prosecutor",))], [offer(roles=("advocate",))])
    assert result.pairs == [] and result.unmatched_requests == [1]
    assert result.message.startswith("Nobody could be matched")
    assert "1 by" in result.message


def test_an_empty_pool_says_what_is_missing():
    assert "no open mentor offers" in run([request()], []).message
    assert "no open mentee requests" in run([], [offer()]).message


def test_a_pin_into_the_register_is_refused():
    with pytest.raises(m.PoolError, match="conflict-of-interest register"):
        run(
            [request()],
            [offer()],
            conflicts=frozenset({frozenset({10, 50})}),
            pinned=frozenset({(1, 1)}),
        )


def test_more_pins_than_an_offer_can_take_are_refused():
    with pytest.raises(m.PoolError, match="more task forces than it can take"):
        run(
            [request(1), request(2, tf=11)], [offer(capacity=1)], pinned=frozenset({(1, 1), (2, 1)})
        )
