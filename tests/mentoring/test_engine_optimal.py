"""The engine finds the exact lexicographic optimum: the most pairs first, then the highest
total score (or, in fairness mode, the best worst pair before the total), checked against
brute force on many small random pools."""

import itertools
import random

import numpy as np
import pytest

from mentoring import matching as m

ROLES = ["investigator", "prosecutor", "advocate"]
ELEMENTS = ["labor", "protocol", "data", "services"]


def random_pool(seed, n_requests=5, n_offers=3, conflicts=True):
    rng = random.Random(seed)

    def stages():
        return {e: rng.randint(1, 5) for e in ELEMENTS}

    def context():
        return m.Context(
            rng.randint(0, 3), rng.random() < 0.3, rng.random() < 0.2, rng.choice(["West", "South"])
        )

    requests = []
    for i in range(n_requests):
        areas = frozenset(rng.sample(ELEMENTS, rng.randint(1, 2)))
        must = frozenset(rng.sample(sorted(areas), rng.randint(0, 1)))
        people = tuple(
            m.MenteePerson(100 * i + k, rng.choice(ROLES)) for k in range(rng.randint(1, 3))
        )
        requests.append(
            m.Request(
                i + 1, 10 + i, areas, must, stages(), context(), people, (0, rng.randint(50, 200))
            )
        )
    offers = []
    for j in range(n_offers):
        people = tuple(
            m.MentorPerson(
                5000 + 100 * j + k,
                rng.choice(ROLES),
                rng.randint(1, 2),
                frozenset(rng.sample(ELEMENTS, 2)),
                rng.randint(0, 12),
            )
            for k in range(rng.randint(1, 3))
        )
        offers.append(
            m.Offer(
                j + 1,
                50 + j,
                frozenset(rng.sample(ELEMENTS, rng.randint(1, 3))),
                {e: rng.randint(0, 3) for e in ELEMENTS},
                stages(),
                context(),
                rng.randint(1, 2),
                rng.randint(1, 4),
                people,
                (0, rng.randint(50, 300)),
            )
        )
    register = frozenset()
    if conflicts:
        register = frozenset({frozenset({10, 50}), frozenset({11 + rng.randint(0, 2), 51})})
    return m.Pool(tuple(requests), tuple(offers), conflicts=register)


WEIGHTS = m.Weights(dict(m.DEFAULT_WEIGHTS), stages_ahead=1)


def brute_force(table, pool, pins=None, fair=False):
    """Every way to give each request one offer (or none) within capacities."""
    n, k = table.total.shape
    best = None
    for choice in itertools.product([None, *range(k)], repeat=n):
        load = [0] * k
        ok = True
        for i, j in enumerate(choice):
            if pins and i in pins and j != pins[i]:
                ok = False
                break
            if j is None:
                continue
            forced = pins and pins.get(i) == j
            if not forced and not table.feasible[i, j]:
                ok = False
                break
            load[j] += 1
            if load[j] > pool.offers[j].capacity:
                ok = False
                break
        if not ok:
            continue
        scores = [int(table.total[i, j]) for i, j in enumerate(choice) if j is not None]
        key = (
            (len(scores), min(scores, default=0), sum(scores))
            if fair
            else (len(scores), sum(scores))
        )
        if best is None or key > best:
            best = key
    return best


def achieved(result, fair=False):
    scores = [p.score for p in result.pairs]
    if fair:
        return (len(scores), min(scores, default=0), sum(scores))
    return (len(scores), sum(scores))


@pytest.mark.parametrize("seed", range(60))
def test_taskforce_level_equals_the_brute_force_optimum(seed):
    pool = random_pool(seed)
    table = m.score_taskforces(pool, WEIGHTS)
    assert achieved(m.match(pool, WEIGHTS)) == brute_force(table, pool)


@pytest.mark.parametrize("seed", range(40))
def test_fairness_mode_lifts_the_worst_pair_first_and_stays_exact(seed):
    pool = random_pool(seed + 1000)
    table = m.score_taskforces(pool, WEIGHTS)
    assert achieved(m.match(pool, WEIGHTS, fair=True), fair=True) == brute_force(
        table, pool, fair=True
    )


@pytest.mark.parametrize("seed", range(30))
def test_pins_are_kept_and_the_rest_is_still_optimal(seed):
    pool = random_pool(seed + 2000, conflicts=False)
    pin = (pool.requests[0].id, pool.offers[-1].id)
    pinned = m.Pool(pool.requests, pool.offers, pinned=frozenset({pin}))
    result = m.match(pinned, WEIGHTS)
    assert (pin[0], pin[1]) in {(p.request_id, p.offer_id) for p in result.pairs}
    table = m.score_taskforces(pinned, WEIGHTS)
    assert achieved(result) == brute_force(table, pinned, pins={0: len(pool.offers) - 1})


def slot_expanded_optimum(needs, mentors, weights, cap):
    """An independent slot-expanded formulation: enumerate which `cap`-sized set of mentee
    people is paired, solve each with linear_sum_assignment (count first, then score)."""
    from scipy.optimize import linear_sum_assignment

    table = m.score_people(needs, mentors, weights)
    columns = [j for j, x in enumerate(mentors) for _ in range(x.capacity)]
    best = (0, 0)
    rows = range(len(needs))
    for size in range(0, min(cap, len(needs), len(columns)) + 1):
        for subset in itertools.combinations(rows, size):
            if not subset:
                continue
            feasible = table.feasible[np.ix_(subset, columns)]
            value = np.where(feasible, table.total[np.ix_(subset, columns)] + 10**7, -(10**9))
            r, c = linear_sum_assignment(value, maximize=True)
            if (value[r, c] < 0).any():
                continue
            best = max(best, (size, int((value[r, c] - 10**7).sum())))
    return best


@pytest.mark.parametrize("seed", range(40))
def test_people_level_with_a_cap_equals_an_independent_optimum(seed):
    rng = random.Random(seed)
    needs = [m.Need(i, rng.choice(ROLES), frozenset(rng.sample(ELEMENTS, 2))) for i in range(5)]
    mentors = [
        m.MentorPerson(
            100 + j,
            rng.choice(ROLES),
            rng.randint(1, 2),
            frozenset(rng.sample(ELEMENTS, rng.randint(0, 3))),
            rng.randint(0, 15),
        )
        for j in range(3)
    ]
    cap = rng.randint(1, 4)
    pairs = m.match_people(needs, mentors, WEIGHTS, cap=cap)
    assert (len(pairs), sum(p.score for p in pairs)) == slot_expanded_optimum(
        needs, mentors, WEIGHTS, cap
    )
    load = {}
    for p in pairs:
        load[p.mentor_id] = load.get(p.mentor_id, 0) + 1
    capacity = {x.id: x.capacity for x in mentors}
    assert all(load[j] <= capacity[j] for j in load)
    roles = {x.id: x.role for x in needs} | {x.id: x.role for x in mentors}
    assert all(roles[p.mentee_id] == roles[p.mentor_id] for p in pairs)
