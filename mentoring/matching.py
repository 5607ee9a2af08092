"""The matching engine: pure functions over plain data classes (no ORM, no Django).

Two levels, each solved globally and exactly:
1. task-force pairs: every open mentee request against every mentor offer, each offer
   expanded into as many columns as task forces it can take;
2. people pairs inside each offer: the mentee task forces' participants against the offer's
   mentors (expanded by each person's capacity), role to role, under the offer's cap on people.

Objective (lexicographic): first the number of pairs, then the total score. Both are
integers (scores are in hundredths of a point), so one assignment problem with a big-M bonus
per pair solves both at once: the bonus is larger than any possible total score, so no amount
of score can buy a lost pair. ``scipy.optimize.linear_sum_assignment`` returns the exact
optimum. Fairness mode is (number of pairs, worst pair's score, total): the largest threshold
that still allows the maximum number of pairs is found by bisection, then the total is
maximised over pairs at or above it.

Scores are sums of per-criterion contributions, each rounded to a hundredth *before*
summing, so an explanation's contributions add up exactly to the score the solver used.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

# criterion key -> label shown in explanations and on the weights form
TASKFORCE_CRITERIA: dict[str, str] = {
    "expertise": "Offers the requested key elements",
    "strength": "Self-rated strength on the requested elements",
    "stage_gap": "Stages ahead on the requested elements",
    "role_coverage": "Has a mentor for each participant's role",
    "population": "Similar population served",
    "structure": "Both statewide or both local",
    "navigator": "Same navigator model",
    "region": "Same region of the country",
    "availability": "Availability overlaps the requested timeframe",
}
PERSON_CRITERIA: dict[str, str] = {
    "person_expertise": "Mentor's own expertise in the requested elements",
    "person_experience": "Mentor's years in the role",
}
CRITERIA = {**TASKFORCE_CRITERIA, **PERSON_CRITERIA}

DEFAULT_WEIGHTS: dict[str, int] = {
    "expertise": 30,
    "strength": 15,
    "stage_gap": 20,
    "role_coverage": 15,
    "population": 8,
    "structure": 5,
    "navigator": 4,
    "region": 3,
    "availability": 10,
    "person_expertise": 60,
    "person_experience": 40,
}

# Hard rules, in the order they are checked; a removed pair is counted under the first
# rule it fails, so the counts add up to the number of pairs removed.
RULES: dict[str, str] = {
    "same_taskforce": "A task force does not mentor itself",
    "register": "Conflict-of-interest register",
    "excluded": "Excluded by the coordinator",
    "expertise": "Offers every must-have element (and at least one requested element)",
    "stages_ahead": "Mentor is at least {k} stage(s) ahead on the must-have elements",
    "role": "Has a mentor in at least one participant's role",
}
SHOWN_RULES = ("expertise", "stages_ahead", "role")
PERSON_RULE = "Same role"
MAX_STAGE = 5
MAX_GAP = 3
MAX_YEARS = 10
# Independent people blocks (one per role) solved side by side; 1 solves them in turn.
SOLVER_THREADS = 2


class PoolError(ValueError):
    """The pool or the weights cannot be matched as given; the message says why."""


@dataclass(frozen=True)
class Context:
    population_band: int  # ordinal 0..3
    statewide: bool
    navigator: bool
    region: str


@dataclass(frozen=True)
class MenteePerson:
    id: int
    role: str


@dataclass(frozen=True)
class MentorPerson:
    id: int
    role: str
    capacity: int = 1
    areas: frozenset[str] = frozenset()
    years: int = 0


@dataclass(frozen=True)
class Request:
    id: int
    taskforce_id: int
    areas: frozenset[str]
    must_have: frozenset[str]
    stages: Mapping[str, int]
    context: Context
    people: tuple[MenteePerson, ...]
    window: tuple[int, int] = (0, 1)  # ordinal days


@dataclass(frozen=True)
class Offer:
    id: int
    taskforce_id: int
    areas: frozenset[str]
    strengths: Mapping[str, int]  # 0..3
    stages: Mapping[str, int]
    context: Context
    capacity: int
    people_capacity: int
    people: tuple[MentorPerson, ...]
    window: tuple[int, int] = (0, 1)


@dataclass(frozen=True)
class Pool:
    requests: tuple[Request, ...]
    offers: tuple[Offer, ...]
    conflicts: frozenset[frozenset[int]] = frozenset()  # task-force id pairs
    excluded: frozenset[tuple[int, int]] = frozenset()  # (request id, offer id)
    pinned: frozenset[tuple[int, int]] = frozenset()


@dataclass(frozen=True)
class Weights:
    values: Mapping[str, int]
    stages_ahead: int = 1
    version: int = 0


@dataclass
class Contribution:
    criterion: str
    label: str
    weight: int
    value: float  # the criterion's measure, 0..1
    points: int  # hundredths of a point


@dataclass
class Explanation:
    score: int
    contributions: list[Contribution]
    rules: list[str]
    pinned: bool = False
    runner_up: int | None = None
    runner_up_score: int | None = None
    runner_up_reason: str = ""

    def as_dict(self) -> dict:
        return {
            "score": self.score,
            "contributions": [c.__dict__ for c in self.contributions],
            "rules": self.rules,
            "pinned": self.pinned,
            "runner_up": self.runner_up,
            "runner_up_score": self.runner_up_score,
            "runner_up_reason": self.runner_up_reason,
        }


@dataclass
class PeoplePair:
    mentee_id: int
    mentor_id: int
    score: int
    explanation: Explanation


@dataclass
class TaskForcePair:
    request_id: int
    offer_id: int
    score: int
    explanation: Explanation
    people: list[PeoplePair] = field(default_factory=list)
    unmatched_people: list[int] = field(default_factory=list)


@dataclass
class MatchResult:
    pairs: list[TaskForcePair]
    unmatched_requests: list[int]
    removed: dict[str, int]
    objective: dict[str, int]
    message: str = ""
    timings: dict[str, float] = field(default_factory=dict)


# --------------------------------------------------------------------------- validation


def validate(pool: Pool, weights: Weights) -> None:
    """Refuse input that has no sensible answer, with a message a coordinator can act on."""
    values = {key: weights.values.get(key, 0) for key in CRITERIA}
    if any(v < 0 for v in values.values()):
        raise PoolError("Weights cannot be negative.")
    if not any(values[key] for key in TASKFORCE_CRITERIA):
        raise PoolError("At least one task-force weight must be above zero.")
    if weights.stages_ahead < 0:
        raise PoolError("“Stages ahead” cannot be negative.")
    for request in pool.requests:
        if not request.areas:
            raise PoolError(f"Request {request.id} names no key elements to be mentored in.")
        if not request.must_have <= request.areas:
            raise PoolError(f"Request {request.id}: must-have elements must also be requested.")
    for offer in pool.offers:
        if offer.capacity <= 0 or offer.people_capacity <= 0:
            raise PoolError(f"Offer {offer.id}: capacities must be at least 1.")
        if any(p.capacity <= 0 for p in offer.people):
            raise PoolError(f"Offer {offer.id}: every mentor's capacity must be at least 1.")
    requests = {r.id: r for r in pool.requests}
    offers = {o.id: o for o in pool.offers}
    pinned_requests: dict[int, int] = {}
    pinned_load: dict[int, int] = {}
    for request_id, offer_id in sorted(pool.pinned):
        if request_id not in requests or offer_id not in offers:
            raise PoolError("A pinned pair refers to a request or offer that is not open.")
        if request_id in pinned_requests:
            raise PoolError(f"Request {request_id} is pinned to more than one offer.")
        pinned_requests[request_id] = offer_id
        pinned_load[offer_id] = pinned_load.get(offer_id, 0) + 1
        request, offer = requests[request_id], offers[offer_id]
        if request.taskforce_id == offer.taskforce_id:
            raise PoolError("A task force cannot be pinned to mentor itself.")
        if frozenset({request.taskforce_id, offer.taskforce_id}) in pool.conflicts:
            raise PoolError(
                "A pinned pair is in the conflict-of-interest register: remove the pin or the "
                "register entry."
            )
        if (request_id, offer_id) in pool.excluded:
            raise PoolError("A pair cannot be both pinned and excluded.")
    for offer_id, load in pinned_load.items():
        if load > offers[offer_id].capacity:
            raise PoolError(f"Offer {offer_id} is pinned to more task forces than it can take.")


# --------------------------------------------------------------------------- scoring


@dataclass
class ScoreTable:
    """Per-criterion contributions (hundredths) and the rule outcome for every pair."""

    contributions: dict[str, np.ndarray]
    total: np.ndarray
    feasible: np.ndarray
    failed_rule: np.ndarray  # index into RULES, -1 when every rule passed
    values: dict[str, np.ndarray]
    failed: dict[str, np.ndarray] = field(default_factory=dict)  # rule -> pairs failing it


def _points(weight: int, value: np.ndarray) -> np.ndarray:
    return np.rint(weight * 100 * value).astype(np.int64)


def _contribute(weights: Weights, keys, values: dict[str, np.ndarray], shape) -> tuple:
    contributions = {}
    total = np.zeros(shape, dtype=np.int64)
    for key in keys:
        contributions[key] = _points(int(weights.values.get(key, 0)), values[key])
        total += contributions[key]
    return contributions, total


def score_taskforces(pool: Pool, weights: Weights) -> ScoreTable:
    """Every request against every offer: rule outcomes and scores, vectorised."""
    requests, offers = pool.requests, pool.offers
    n, m = len(requests), len(offers)
    elements = sorted(
        {e for r in requests for e in r.areas}
        | {e for o in offers for e in o.areas}
        | {e for r in requests for e in r.stages}
        | {e for o in offers for e in o.stages}
    )
    index = {e: i for i, e in enumerate(elements)}
    size = max(len(elements), 1)

    def vector(keys, mapping=None, default=0):
        row = np.full(size, default, dtype=np.int64)
        if mapping is not None:
            for key, value in mapping.items():
                if key in index:
                    row[index[key]] = value
        else:
            for key in keys:
                row[index[key]] = 1
        return row

    wanted = np.array([vector(r.areas) for r in requests]).reshape(n, size)
    must = np.array([vector(r.must_have) for r in requests]).reshape(n, size)
    mentee_stage = np.array([vector((), r.stages, 0) for r in requests]).reshape(n, size)
    mentee_stage = np.maximum(mentee_stage, 1)  # unassessed counts as the first stage
    offered = np.array([vector(o.areas) for o in offers]).reshape(m, size)
    strength = np.array([vector((), o.strengths) for o in offers]).reshape(m, size)
    mentor_stage = np.array([vector((), o.stages, 0) for o in offers]).reshape(m, size)

    n_wanted = np.maximum(wanted.sum(axis=1), 1)[:, None].astype(float)
    covered = wanted @ offered.T
    must_covered = must @ offered.T
    n_must = must.sum(axis=1)[:, None]

    gap = mentor_stage[None, :, :] - mentee_stage[:, None, :]  # n x m x E
    ahead = gap >= weights.stages_ahead
    wanted3 = wanted[:, None, :].astype(bool)
    covered3 = wanted3 & offered[None, :, :].astype(bool)
    must3 = must[:, None, :].astype(bool)
    stages_ok = np.all(~must3 | ahead, axis=2) & np.any(covered3 & ahead, axis=2)

    roles = sorted(
        {p.role for r in requests for p in r.people} | {p.role for o in offers for p in o.people}
    )
    role_index = {role: i for i, role in enumerate(roles)}
    need = np.zeros((n, max(len(roles), 1)))
    for i, r in enumerate(requests):
        for p in r.people:
            need[i, role_index[p.role]] += 1
    has = np.zeros((m, max(len(roles), 1)))
    for j, o in enumerate(offers):
        for p in o.people:
            has[j, role_index[p.role]] = 1
    role_hits = need @ has.T
    n_people = np.maximum(need.sum(axis=1), 1)[:, None]

    def ctx(attr, items):
        return np.array([getattr(x.context, attr) for x in items])

    band_r, band_o = ctx("population_band", requests), ctx("population_band", offers)
    band_gap = np.abs(band_r[:, None] - band_o[None, :]) if n and m else np.zeros((n, m))
    region_r = [r.context.region for r in requests]
    region_o = [o.context.region for o in offers]
    start_r = np.array([r.window[0] for r in requests], dtype=float)
    end_r = np.array([r.window[1] for r in requests], dtype=float)
    start_o = np.array([o.window[0] for o in offers], dtype=float)
    end_o = np.array([o.window[1] for o in offers], dtype=float)
    overlap = np.clip(
        np.minimum(end_r[:, None], end_o[None, :]) - np.maximum(start_r[:, None], start_o[None, :]),
        0,
        None,
    )
    length = np.maximum(end_r - start_r, 1)[:, None]

    values = {
        "expertise": covered / n_wanted,
        "strength": (wanted @ strength.T) / (3.0 * n_wanted),
        "stage_gap": (np.clip(gap, 0, MAX_GAP) * wanted3).sum(axis=2) / (MAX_GAP * n_wanted),
        "role_coverage": role_hits / n_people,
        "population": np.where(band_gap == 0, 1.0, np.where(band_gap == 1, 0.5, 0.0)),
        "structure": (ctx("statewide", requests)[:, None] == ctx("statewide", offers)[None, :])
        * 1.0,
        "navigator": (ctx("navigator", requests)[:, None] == ctx("navigator", offers)[None, :])
        * 1.0,
        "region": np.array(
            [[1.0 if a and a == b else 0.0 for b in region_o] for a in region_r]
        ).reshape(n, m),
        "availability": np.minimum(overlap / length, 1.0),
    }
    values = {k: np.asarray(v, dtype=float).reshape(n, m) for k, v in values.items()}
    contributions, total = _contribute(weights, TASKFORCE_CRITERIA, values, (n, m))

    request_tf = np.array([r.taskforce_id for r in requests])
    offer_tf = np.array([o.taskforce_id for o in offers])
    checks = [
        request_tf[:, None] == offer_tf[None, :] if n and m else np.zeros((n, m), bool),
        _pair_mask(
            requests,
            offers,
            lambda r, o: frozenset({r.taskforce_id, o.taskforce_id}) in pool.conflicts,
        )
        if pool.conflicts
        else np.zeros((n, m), bool),
        _pair_mask(requests, offers, lambda r, o: (r.id, o.id) in pool.excluded)
        if pool.excluded
        else np.zeros((n, m), bool),
        (must_covered < n_must) | (covered == 0),
        ~stages_ok,
        role_hits == 0,
    ]
    failed = {
        key: np.asarray(check).reshape(n, m) for key, check in zip(RULES, checks, strict=True)
    }
    failed_rule = np.full((n, m), -1, dtype=np.int64)
    for rule_number, key in reversed(list(enumerate(RULES))):
        failed_rule[failed[key]] = rule_number
    return ScoreTable(contributions, total, failed_rule < 0, failed_rule, values, failed)


def _pair_mask(requests, offers, test) -> np.ndarray:
    return np.array([[test(r, o) for o in offers] for r in requests], dtype=bool).reshape(
        len(requests), len(offers)
    )


@dataclass(frozen=True)
class Need:
    """One mentee person waiting for a mentor, with what their request asks for."""

    id: int
    role: str
    areas: frozenset[str]
    group: int = 0  # the request it belongs to


def _masks(sets: Sequence[frozenset[str]], index: Mapping[str, int], words: int) -> np.ndarray:
    """Each set of elements as bits, 64 to a word (a key element is one bit)."""
    bits = [sum(1 << index[e] for e in items) for items in sets]
    out = np.zeros((len(sets), words), dtype=np.uint64)
    for word in range(words):
        out[:, word] = [(b >> (64 * word)) & 0xFFFFFFFFFFFFFFFF for b in bits]
    return out


def score_people(needs: Sequence[Need], mentors: Sequence[MentorPerson], weights: Weights):
    """Mentee people against mentor people; only the same role is allowed.

    Shared elements are counted with bit masks and popcount rather than a float matrix
    product: on thousands of people the product sends OpenBLAS threads spinning on a machine
    whose cores are already shared, and the counts are small integers anyway. The measures
    and points are computed with the same float64 formulas as before, so scores are equal.
    """
    n, m = len(needs), len(mentors)
    elements = sorted({e for x in needs for e in x.areas} | {e for x in mentors for e in x.areas})
    index = {e: i for i, e in enumerate(elements)}
    words = max((len(elements) + 63) // 64, 1)
    wanted = _masks([x.areas for x in needs], index, words)
    known = _masks([x.areas for x in mentors], index, words)
    covered = np.zeros((n, m), dtype=np.uint16)
    for word in range(words):
        covered += np.bitwise_count(wanted[:, word, None] & known[None, :, word])
    n_wanted = np.array([max(len(x.areas), 1) for x in needs], dtype=np.int64)
    years = np.array([min(x.years, MAX_YEARS) for x in mentors], dtype=float) / MAX_YEARS
    expertise = covered / n_wanted[:, None]
    values = {
        "person_expertise": expertise,
        "person_experience": np.broadcast_to(years[None, :], (n, m)),
    }
    # Experience depends on the mentor alone: one point value per mentor, broadcast.
    contributions = {
        "person_expertise": _points(int(weights.values.get("person_expertise", 0)), expertise),
        "person_experience": np.broadcast_to(
            _points(int(weights.values.get("person_experience", 0)), years)[None, :], (n, m)
        ),
    }
    total = contributions["person_expertise"] + contributions["person_experience"]
    codes: dict[str, int] = {}
    role_n = np.array([codes.setdefault(x.role, len(codes)) for x in needs], dtype=np.int64)
    role_m = np.array([codes.setdefault(x.role, len(codes)) for x in mentors], dtype=np.int64)
    feasible = role_n.reshape(n, 1) == role_m.reshape(1, m)
    failed_rule = np.where(feasible, np.int8(-1), np.int8(0))
    return ScoreTable(contributions, total, feasible, failed_rule, values)


# --------------------------------------------------------------------------- solving


def _assign(value: np.ndarray, cap: int | None = None) -> list[tuple[int, int]]:
    """Maximum-value assignment over positive entries; at most ``cap`` pairs when given.

    A cap is enforced exactly by adding (columns - cap) phantom rows that every column
    prefers above anything real: they occupy all but ``cap`` columns, and the real rows
    compete for the rest.

    ``value`` (float64, zero where a pair is not allowed) is overwritten with its negation
    and handed to the solver as costs: ``maximize=True`` would make that same negated copy,
    and on the large pool every extra full-size copy is a few milliseconds of page faults.
    """
    n, m = value.shape
    if n == 0 or m == 0 or cap == 0:
        return []
    if cap is not None and cap < min(n, m):
        phantom = float(value.max() + 1) * (n + 1)
        value = np.vstack([value, np.full((m - cap, m), phantom)])
    cost = np.negative(value, out=value)
    rows, cols = linear_sum_assignment(cost)
    real = rows < n
    rows, cols = rows[real], cols[real]
    allowed = cost[rows, cols] < 0
    return list(zip(rows[allowed].tolist(), cols[allowed].tolist(), strict=True))


def _values(allowed: np.ndarray, score: np.ndarray, big: int) -> np.ndarray:
    """A fresh float64 matrix: ``big + score`` where allowed, 0 elsewhere (exact: < 2**53)."""
    value = score.astype(np.float64)
    value += big
    if not allowed.all():
        value[~allowed] = 0.0
    return value


def solve(
    feasible: np.ndarray, score: np.ndarray, *, fair: bool = False, cap: int | None = None
) -> list[tuple[int, int]]:
    """Exact lexicographic optimum over a (slot-expanded) matrix.

    Standard: (number of pairs, total score). Fair: (number of pairs, lowest pair score,
    total score). ``score`` must be non-negative integers.
    """
    if feasible.size == 0 or not feasible.any():
        return []
    score = score.astype(np.int64, copy=False)
    if not feasible.all():
        score = np.where(feasible, score, 0)
    big = int(score.max()) * min(score.shape) + 1
    if not fair:
        return _assign(_values(feasible, score, big), cap)
    best = len(_assign(feasible.astype(np.float64), cap))
    thresholds = np.unique(score[feasible])
    low, high = 0, len(thresholds) - 1  # thresholds[low] always allows `best` pairs
    while low < high:
        middle = (low + high + 1) // 2
        allowed = feasible & (score >= thresholds[middle])
        if len(_assign(allowed.astype(np.float64), cap)) == best:
            low = middle
        else:
            high = middle - 1
    allowed = feasible & (score >= thresholds[low])
    return _assign(_values(allowed, score, big), cap)


def objective(pairs_scores: Sequence[int]) -> tuple[int, int]:
    return len(pairs_scores), int(sum(pairs_scores))


# --------------------------------------------------------------------------- explanations


def _contributions(table: ScoreTable, weights: Weights, keys, i: int, j: int):
    return _contributions_of(table, weights, keys, [i], [j])[0]


def _contributions_of(table: ScoreTable, weights: Weights, keys, rows, cols):
    """Each pair's contributions, criterion by criterion: one gather per criterion for all
    the pairs (on the large pool, thousands), not one array lookup per pair and criterion."""
    columns = [
        (
            key,
            CRITERIA[key],
            int(weights.values.get(key, 0)),
            table.values[key][rows, cols].tolist(),
            table.contributions[key][rows, cols].tolist(),
        )
        for key in keys
    ]
    return [
        [
            Contribution(key, label, weight, round(values[k], 4), points[k])
            for key, label, weight, values, points in columns
        ]
        for k in range(len(rows))
    ]


def _weakest_criterion(table: ScoreTable, keys, i: int, chosen: int, other: int) -> str:
    diffs = {
        k: int(table.contributions[k][i, chosen] - table.contributions[k][i, other]) for k in keys
    }
    key = max(sorted(diffs), key=lambda k: diffs[k])
    return CRITERIA[key].lower()


def _rules_passed(table: ScoreTable, weights: Weights, i: int, j: int) -> list[str]:
    """The substantive rules this pair passed, as shown to both task forces. The register
    and the coordinator's exclusions are never mentioned to a task force."""
    return [
        RULES[key].format(k=weights.stages_ahead)
        for key in SHOWN_RULES
        if not table.failed[key][i, j]
    ]


# --------------------------------------------------------------------------- the engine


def match(pool: Pool, weights: Weights, *, fair: bool = False, explain: bool = True) -> MatchResult:
    """Propose task-force pairs and, inside each, role-to-role people pairs."""
    validate(pool, weights)
    clock = time.perf_counter
    timings: dict[str, float] = {}
    pool = Pool(
        requests=tuple(sorted(pool.requests, key=lambda r: r.id)),
        offers=tuple(sorted(pool.offers, key=lambda o: o.id)),
        conflicts=pool.conflicts,
        excluded=pool.excluded,
        pinned=pool.pinned,
    )
    requests, offers = pool.requests, pool.offers
    started = clock()
    table = score_taskforces(pool, weights)
    timings["scores"] = clock() - started

    rule_keys = list(RULES)
    removed = {
        key: int((table.failed_rule == number).sum()) for number, key in enumerate(rule_keys)
    }
    request_row = {r.id: i for i, r in enumerate(requests)}
    offer_col = {o.id: j for j, o in enumerate(offers)}
    pins = {request_row[r]: offer_col[o] for r, o in pool.pinned}

    started = clock()
    assignment = _solve_taskforces(table, offers, pins, fair=fair)
    timings["solve"] = clock() - started

    started = clock()
    pairs: list[TaskForcePair] = []
    by_offer: dict[int, list[int]] = {}
    for i, j in sorted(assignment.items()):
        by_offer.setdefault(j, []).append(i)
    people_by_request: dict[int, tuple[list[PeoplePair], list[int]]] = {}
    for j, rows in sorted(by_offer.items()):
        people_by_request.update(
            _match_people_of_offer(offers[j], [requests[i] for i in rows], weights, fair, explain)
        )
    timings["people"] = clock() - started

    started = clock()
    for i, j in sorted(assignment.items()):
        request, offer = requests[i], offers[j]
        explanation = Explanation(
            score=int(table.total[i, j]),
            contributions=_contributions(table, weights, TASKFORCE_CRITERIA, i, j),
            rules=_rules_passed(table, weights, i, j),
            pinned=i in pins,
        )
        if explain:
            _explain_runner_up(explanation, table, offers, pins, assignment, i, j, fair)
        people, unmatched = people_by_request.get(request.id, ([], [p.id for p in request.people]))
        pairs.append(
            TaskForcePair(
                request.id, offer.id, int(table.total[i, j]), explanation, people, unmatched
            )
        )
    timings["explanations"] = clock() - started

    matched_rows = set(assignment)
    unmatched = [r.id for i, r in enumerate(requests) if i not in matched_rows]
    scores = [p.score for p in pairs]
    people_scores = [pp.score for p in pairs for pp in p.people]
    result = MatchResult(
        pairs=pairs,
        unmatched_requests=unmatched,
        removed=removed,
        objective={
            "pairs": len(pairs),
            "total_score": int(sum(scores)),
            "lowest_score": int(min(scores)) if scores else 0,
            "people_pairs": len(people_scores),
            "people_total_score": int(sum(people_scores)),
            "requests": len(requests),
            "offers": len(offers),
        },
        timings=timings,
    )
    if not pairs:
        result.message = _why_empty(requests, offers, removed)
    return result


def _why_empty(requests, offers, removed) -> str:
    if not requests:
        return "Nobody could be matched: there are no open mentee requests."
    if not offers:
        return "Nobody could be matched: there are no open mentor offers."
    reasons = ", ".join(
        f"{count} by “{RULES[key].format(k='k')}”" for key, count in removed.items() if count
    )
    return f"Nobody could be matched: every possible pair failed a rule ({reasons})."


def _slots(offers: Sequence[Offer], used: Mapping[int, int]) -> list[int]:
    columns = []
    for j, offer in enumerate(offers):
        columns.extend([j] * max(offer.capacity - used.get(j, 0), 0))
    return columns


def _solve_taskforces(table: ScoreTable, offers, pins: Mapping[int, int], *, fair: bool):
    used: dict[int, int] = {}
    for j in pins.values():
        used[j] = used.get(j, 0) + 1
    columns = _slots(offers, used)
    rows = [i for i in range(table.total.shape[0]) if i not in pins]
    assignment = dict(pins)
    if rows and columns:
        feasible = table.feasible[np.ix_(rows, columns)]
        score = table.total[np.ix_(rows, columns)]
        for r, c in solve(feasible, score, fair=fair):
            assignment[rows[r]] = columns[c]
    return assignment


def _explain_runner_up(explanation, table, offers, pins, assignment, i, j, fair) -> None:
    candidates = [c for c in range(table.total.shape[1]) if c != j and table.feasible[i, c]]
    if not candidates:
        explanation.runner_up_reason = "No other mentor task force passed the rules."
        return
    other = max(candidates, key=lambda c: (int(table.total[i, c]), -c))
    explanation.runner_up = offers[other].id
    explanation.runner_up_score = int(table.total[i, other])
    gap = int(table.total[i, j]) - int(table.total[i, other])
    if i in pins:
        explanation.runner_up_reason = "The coordinator pinned this pair."
    elif gap > 0:
        explanation.runner_up_reason = (
            f"It scored {gap / 100:.2f} points lower, mostly on "
            f"“{_weakest_criterion(table, TASKFORCE_CRITERIA, i, j, other)}”."
        )
    else:
        # It scored as well or better here; its places went where they help the whole pool
        # more. Say by how much, by solving again with this pair forced.
        current = _value(table, assignment)
        forced = _value(table, _solve_taskforces(table, offers, {**pins, i: other}, fair=fair))
        if forced[0] < current[0]:
            lost = current[0] - forced[0]
            explanation.runner_up_reason = (
                f"Its places are taken: choosing it would leave {lost} more task "
                f"force{'s' if lost != 1 else ''} without a mentor."
            )
        elif gap == 0 and forced[1] == current[1]:
            explanation.runner_up_reason = "It scored the same; the tie went to the earlier offer."
        else:
            explanation.runner_up_reason = (
                f"Its places are taken: choosing it would lower the total score across all "
                f"pairs by {(current[1] - forced[1]) / 100:.2f} points."
            )


def _value(table: ScoreTable, assignment: Mapping[int, int]) -> tuple[int, int]:
    return len(assignment), int(sum(int(table.total[i, j]) for i, j in assignment.items()))


def _match_people_of_offer(offer: Offer, requests: Sequence[Request], weights, fair, explain):
    needs = [Need(p.id, p.role, r.areas, r.id) for r in requests for p in r.people]
    pairs = match_people(
        needs, list(offer.people), weights, cap=offer.people_capacity, fair=fair, explain=explain
    )
    out: dict[int, tuple[list[PeoplePair], list[int]]] = {r.id: ([], []) for r in requests}
    matched = {p.mentee_id: p for p in pairs}
    for need in needs:
        if need.id in matched:
            out[need.group][0].append(matched[need.id])
        else:
            out[need.group][1].append(need.id)
    return out


def match_people(
    needs: Sequence[Need],
    mentors: Sequence[MentorPerson],
    weights: Weights,
    *,
    cap: int | None = None,
    fair: bool = False,
    explain: bool = True,
    timings: dict[str, float] | None = None,
) -> list[PeoplePair]:
    """Role-to-role people pairs. Without a shared cap the problem splits by role exactly
    (a pair never crosses roles), which keeps large pools fast."""
    needs = sorted(needs, key=lambda x: x.id)
    mentors = sorted(mentors, key=lambda x: x.id)
    if cap is not None or fair:
        blocks = [(needs, mentors)]
    else:
        roles = sorted({x.role for x in needs})
        blocks = [
            ([x for x in needs if x.role == role], [x for x in mentors if x.role == role])
            for role in roles
        ]
    block_timings = [{} for _ in blocks]

    def run(k: int) -> list[PeoplePair]:
        block_needs, block_mentors = blocks[k]
        return _people_block(
            block_needs, block_mentors, weights, cap, fair, explain, block_timings[k]
        )

    if len(blocks) > 1 and SOLVER_THREADS > 1:
        # The role blocks are independent and the assignment solver releases the GIL, so
        # a second core solves one block while the first solves another. Results are
        # gathered in role order, so the output does not depend on which finishes first.
        with ThreadPoolExecutor(max_workers=SOLVER_THREADS) as executor:
            results = list(executor.map(run, range(len(blocks))))
    else:
        results = [run(k) for k in range(len(blocks))]
    if timings is not None:
        for block in block_timings:
            for key, value in block.items():
                timings[key] = timings.get(key, 0.0) + value
    return sorted((p for block in results for p in block), key=lambda p: p.mentee_id)


def _people_block(needs, mentors, weights, cap, fair, explain, timings=None) -> list[PeoplePair]:
    if not needs or not mentors:
        return []
    clock = _PhaseClock(timings)
    table = score_people(needs, mentors, weights)
    clock.lap("scores")
    columns = np.repeat(np.arange(len(mentors)), [x.capacity for x in mentors])
    feasible = table.feasible[:, columns]
    # A pair of the right role always counts, even when every person weight is zero.
    score = table.total[:, columns]
    chosen = solve(feasible, score, fair=fair, cap=cap)
    clock.lap("solve")
    rows = np.array([i for i, _ in chosen], dtype=np.int64)
    chosen_cols = columns[np.array([c for _, c in chosen], dtype=np.int64)]
    load = Counter(chosen_cols.tolist())
    # Only the chosen pairs are explained, all at once: one gather per criterion.
    scores = table.total[rows, chosen_cols].tolist()
    contributions = _contributions_of(table, weights, PERSON_CRITERIA, rows, chosen_cols)
    runner_up = runner_score = [None] * len(rows)
    if explain and len(rows):
        # Everyone's runner-up at once: the best other mentor of the same role.
        others = table.total[rows]
        if not table.feasible.all():
            others[~table.feasible[rows]] = -1
        others[np.arange(len(rows)), chosen_cols] = -1
        best = np.argmax(others, axis=1)
        runner_up = best.tolist()
        runner_score = others[np.arange(len(rows)), best].tolist()
    pairs = []
    for k, (i, j) in enumerate(zip(rows.tolist(), chosen_cols.tolist(), strict=True)):
        explanation = Explanation(
            score=scores[k], contributions=contributions[k], rules=[PERSON_RULE]
        )
        if explain:
            _explain_person_runner_up(
                explanation, mentors, load, scores[k], runner_up[k], runner_score[k]
            )
        pairs.append(PeoplePair(needs[i].id, mentors[j].id, scores[k], explanation))
    clock.lap("explanations")
    return pairs


class _PhaseClock:
    """Adds each phase's wall time to ``timings`` (the engine's figures) and its CPU time
    under "<phase> cpu": on a shared machine the two differ by the time spent waiting for a
    core, and only the second is the engine's own doing. CPU is this thread's, so blocks
    solved side by side are not counted twice."""

    def __init__(self, timings: dict[str, float] | None):
        self.timings = timings
        self.wall, self.cpu = time.perf_counter(), time.thread_time()

    def lap(self, phase: str) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        if self.timings is not None:
            self.timings[phase] = self.timings.get(phase, 0.0) + wall - self.wall
            key = f"{phase} cpu"
            self.timings[key] = self.timings.get(key, 0.0) + cpu - self.cpu
        self.wall, self.cpu = wall, cpu


def _explain_person_runner_up(explanation, mentors, load, score, other, other_score) -> None:
    if other_score < 0:
        explanation.runner_up_reason = "No other mentor in this role."
        return
    explanation.runner_up = mentors[other].id
    explanation.runner_up_score = other_score
    gap = score - other_score
    if gap > 0:
        explanation.runner_up_reason = f"A {gap / 100:.2f}-point lower fit."
    elif load.get(other, 0) >= mentors[other].capacity:
        explanation.runner_up_reason = (
            "Already mentoring as many people as they offered; this way more people are "
            "paired or the total fit is higher."
        )
    else:
        explanation.runner_up_reason = "The offer's cap on people went where the fit is higher."


# --------------------------------------------------------------------------- baseline


def greedy(
    feasible: np.ndarray, score: np.ndarray, capacity: Sequence[int]
) -> list[tuple[int, int]]:
    """The obvious baseline: best pair first while both sides have room (for the benchmark)."""
    rows, cols = np.nonzero(feasible)
    order = np.lexsort((cols, rows, -score[rows, cols]))
    taken_rows: set[int] = set()
    room = list(capacity)
    chosen = []
    for k in order:
        i, j = int(rows[k]), int(cols[k])
        if i in taken_rows or room[j] <= 0:
            continue
        taken_rows.add(i)
        room[j] -= 1
        chosen.append((i, j))
    return chosen
