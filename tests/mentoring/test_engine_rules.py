"""Hard rules, the register, exclusions and capacities are never broken, every run is
deterministic, and explanations add up exactly to the score the solver used."""

import dataclasses

import pytest

from mentoring import matching as m

from .test_engine_optimal import WEIGHTS, random_pool

CTX = m.Context(2, False, False, "West")


def request(rid=1, tf=10, areas=("labor",), must=(), stages=None, roles=("investigator",)):
    return m.Request(
        rid,
        tf,
        frozenset(areas),
        frozenset(must),
        stages or {"labor": 1},
        CTX,
        tuple(m.MenteePerson(rid * 100 + k, r) for k, r in enumerate(roles)),
        (0, 100),
    )


def offer(
    oid=1, tf=50, areas=("labor",), stages=None, roles=("investigator",), capacity=1, people=3
):
    return m.Offer(
        oid,
        tf,
        frozenset(areas),
        {"labor": 3},
        stages or {"labor": 4},
        CTX,
        capacity,
        people,
        tuple(m.MentorPerson(oid * 1000 + k, r) for k, r in enumerate(roles)),
        (0, 100),
    )


def solve(*requests, offers, **pool):
    return m.match(m.Pool(tuple(requests), tuple(offers), **pool), WEIGHTS)


def test_a_mentor_without_a_must_have_element_is_never_proposed():
    result = solve(request(areas=("labor", "data"), must=("data",)), offers=[offer()])
    assert result.pairs == [] and result.removed["expertise"] == 1


def test_a_mentor_not_k_stages_ahead_on_a_must_have_element_is_never_proposed():
    weights = m.Weights(dict(m.DEFAULT_WEIGHTS), stages_ahead=2)
    pool = m.Pool((request(must=("labor",), stages={"labor": 3}),), (offer(stages={"labor": 4}),))
    result = m.match(pool, weights)
    assert result.pairs == [] and result.removed["stages_ahead"] == 1


def test_roles_must_match_for_task_forces_and_people():
    result = solve(request(roles=("prosecutor",)), offers=[offer(roles=("advocate",))])
    assert result.pairs == [] and result.removed["role"] == 1
    result = solve(request(roles=("prosecutor", "advocate")), offers=[offer(roles=("advocate",))])
    (pair,) = result.pairs
    assert [p.mentee_id for p in pair.people] == [101] and pair.unmatched_people == [100]


def test_the_register_removes_the_pair_and_only_its_count_is_kept():
    result = solve(request(), offers=[offer()], conflicts=frozenset({frozenset({10, 50})}))
    assert result.pairs == [] and result.removed["register"] == 1
    assert "register" in result.message


def test_excluded_pairs_are_never_proposed():
    result = solve(request(), offers=[offer(1), offer(2, tf=51)], excluded=frozenset({(1, 1)}))
    assert [(p.request_id, p.offer_id) for p in result.pairs] == [(1, 2)]


def test_task_force_and_people_capacities_hold():
    requests = [
        request(rid, tf=10 + rid, roles=("investigator", "investigator")) for rid in (1, 2, 3)
    ]
    result = solve(*requests, offers=[offer(capacity=2, people=3, roles=("investigator",) * 4)])
    assert len(result.pairs) == 2
    assert sum(len(p.people) for p in result.pairs) == 3


@pytest.mark.parametrize("seed", range(15))
def test_random_pools_respect_every_rule_and_capacity(seed):
    pool = random_pool(seed)
    result = m.match(pool, WEIGHTS)
    table = m.score_taskforces(pool, WEIGHTS)
    rows = {r.id: i for i, r in enumerate(pool.requests)}
    cols = {o.id: j for j, o in enumerate(pool.offers)}
    load = {}
    for pair in result.pairs:
        assert table.feasible[rows[pair.request_id], cols[pair.offer_id]]
        tfs = frozenset(
            {
                pool.requests[rows[pair.request_id]].taskforce_id,
                pool.offers[cols[pair.offer_id]].taskforce_id,
            }
        )
        assert tfs not in pool.conflicts
        load[pair.offer_id] = load.get(pair.offer_id, 0) + 1
    assert all(load[o.id] <= o.capacity for o in pool.offers if o.id in load)


@pytest.mark.parametrize("fair", [False, True])
def test_the_same_inputs_give_the_same_output(fair):
    pool = random_pool(7)
    shuffled = dataclasses.replace(pool, requests=pool.requests[::-1], offers=pool.offers[::-1])
    first, second = m.match(pool, WEIGHTS, fair=fair), m.match(shuffled, WEIGHTS, fair=fair)
    assert [
        (p.request_id, p.offer_id, p.score, [(x.mentee_id, x.mentor_id) for x in p.people])
        for p in first.pairs
    ] == [
        (p.request_id, p.offer_id, p.score, [(x.mentee_id, x.mentor_id) for x in p.people])
        for p in second.pairs
    ]
    assert [p.explanation.as_dict() for p in first.pairs] == [
        p.explanation.as_dict() for p in second.pairs
    ]


@pytest.mark.parametrize("seed", range(20))
def test_contributions_add_up_exactly_to_the_score(seed):
    result = m.match(random_pool(seed), WEIGHTS)
    for pair in result.pairs:
        assert (
            sum(c.points for c in pair.explanation.contributions)
            == pair.score
            == pair.explanation.score
        )
        for person in pair.people:
            assert sum(c.points for c in person.explanation.contributions) == person.score


def test_the_runner_up_is_named_with_the_reason_it_lost():
    weak = offer(2, tf=51, stages={"labor": 2})
    result = solve(request(), offers=[offer(1), weak])
    explanation = result.pairs[0].explanation
    assert result.pairs[0].offer_id == 1
    assert explanation.runner_up == 2
    assert "points lower" in explanation.runner_up_reason


def test_a_higher_scoring_runner_up_lost_because_its_place_serves_the_whole_pool_better():
    # Request 1 prefers offer 1, but offer 1 is the only one request 2 can use.
    strong = request(1, tf=10, areas=("labor", "data"))
    only_labor = request(2, tf=11, areas=("labor",), must=("labor",))
    offers = [
        offer(1, areas=("labor", "data"), stages={"labor": 4, "data": 4}),
        offer(2, tf=51, areas=("data",), stages={"labor": 1, "data": 4}),
    ]
    result = solve(strong, only_labor, offers=offers)
    assert len(result.pairs) == 2
    first = next(p for p in result.pairs if p.request_id == 1)
    assert first.offer_id == 2 and first.explanation.runner_up == 1
    assert "without a mentor" in first.explanation.runner_up_reason


def test_a_pinned_pair_lists_only_the_rules_it_really_passed():
    result = solve(
        request(areas=("labor", "data"), must=("data",)),
        offers=[offer()],
        pinned=frozenset({(1, 1)}),
    )
    (pair,) = result.pairs
    assert pair.explanation.pinned
    assert not any("must-have" in rule for rule in pair.explanation.rules)
    assert any("role" in rule for rule in pair.explanation.rules)
    assert not any("register" in rule.lower() for rule in pair.explanation.rules)
