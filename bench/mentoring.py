"""Matching benchmark: generated pools, the exact engine against a greedy baseline.

    /work/main/.venv/bin/python -m bench.mentoring            # the issue's pool sizes, 5 repeats
    /work/main/.venv/bin/python -m bench.mentoring --full     # same sizes, 30 repeats, 5 seeds

Pools:
- realistic: 40 mentee task forces (600 people) and 60 mentor task forces (300 people), with
  task-force-like data: labor trafficking expertise is scarce and held by the strongest task
  forces, and about 5% of task-force pairs sit in the conflict-of-interest register;
- large: 3,000 mentee people against 3,000 mentor slots (people level, role to role).

Each prints the time for scores, solve and explanations, the objective (pairs, total score),
the same for greedy (best pair first) on the same pool, the ratio, and an independent check
of optimality (the same problem as a linear program solved by HiGHS: bipartite b-matching is
totally unimodular, so its optimum is the integer optimum).

Wall time is ``time.perf_counter``, CPU time ``time.process_time`` (all threads of this
process, user and system); both are medians. The machine is shared, so the load average is
printed before and after: when it is above the number of cores, the wall time includes
waiting for a core, and the CPU time is the engine's own cost. The large pool is also shown
phase by phase (scores, solve, explanations) with both clocks (CPU per thread, summed over
the role blocks). Garbage is collected before each repeat, so no run pays for the previous
one's objects.
"""

import argparse
import gc
import os
import random
import statistics
import time

import numpy as np
from scipy.optimize import LinearConstraint, milp
from scipy.sparse import coo_matrix

from bench.common import progress, setup_django

ELEMENTS = [f"element-{i}" for i in range(15)] + ["labor"]
ROLES = ["investigator", "prosecutor", "advocate", "coordinator", "analyst"]
REGIONS = ["West", "Midwest", "Northeast", "Southeast", "South Central"]


def realistic_pool(m, seed: int):
    rng = random.Random(seed)
    person = iter(range(1, 10**7))

    def context():
        return m.Context(
            rng.randint(0, 3), rng.random() < 0.2, rng.random() < 0.15, rng.choice(REGIONS)
        )

    requests = []
    for i in range(40):
        wants_labor = rng.random() < 0.4
        areas = set(rng.sample(ELEMENTS[:-1], rng.randint(1, 3)))
        if wants_labor:
            areas.add("labor")
        stages = {e: rng.randint(1, 3) for e in ELEMENTS}
        people = tuple(m.MenteePerson(next(person), rng.choice(ROLES)) for _ in range(15))
        requests.append(
            m.Request(
                i + 1,
                1000 + i,
                frozenset(areas),
                frozenset({"labor"}) if wants_labor else frozenset(),
                stages,
                context(),
                people,
                (0, rng.randint(120, 365)),
            )
        )
    offers = []
    for j in range(60):
        established = rng.random() < 0.15  # the few with labor trafficking expertise
        base = 4 if established else 2
        stages = {e: min(5, base + rng.randint(0, 1)) for e in ELEMENTS}
        if not established:
            stages["labor"] = rng.randint(1, 2)
        areas = set(rng.sample(ELEMENTS[:-1], rng.randint(3, 7)))
        if established:
            areas.add("labor")
        strengths = {e: min(3, max(0, stages[e] - 2)) for e in ELEMENTS}
        people = tuple(
            m.MentorPerson(
                next(person),
                rng.choice(ROLES),
                rng.randint(1, 3),
                frozenset(rng.sample(sorted(areas), min(3, len(areas)))),
                rng.randint(0, 20),
            )
            for _ in range(5)
        )
        offers.append(
            m.Offer(
                j + 1,
                2000 + j,
                frozenset(areas),
                strengths,
                stages,
                context(),
                rng.randint(1, 2),
                rng.randint(4, 10),
                people,
                (0, rng.randint(200, 365)),
            )
        )
    conflicts = {
        frozenset({r.taskforce_id, o.taskforce_id})
        for r in requests
        for o in offers
        if rng.random() < 0.05
    }
    return m.Pool(tuple(requests), tuple(offers), conflicts=frozenset(conflicts))


def large_pool(m, seed: int):
    rng = random.Random(seed)
    needs = [
        m.Need(i, rng.choice(ROLES), frozenset(rng.sample(ELEMENTS, rng.randint(1, 3))))
        for i in range(3000)
    ]
    mentors = [
        m.MentorPerson(
            10**6 + j,
            rng.choice(ROLES),
            2,
            frozenset(rng.sample(ELEMENTS, rng.randint(1, 5))),
            rng.randint(0, 25),
        )
        for j in range(1500)
    ]
    return needs, mentors


def lp_optimum(feasible, score, capacity):
    """(pairs, total) from HiGHS on the compact b-matching: an independent exactness check."""
    rows, cols = np.nonzero(feasible)
    if len(rows) == 0:
        return 0, 0
    big = int(score.max()) * feasible.shape[0] + 1
    value = big + score[rows, cols].astype(float)
    k = len(rows)
    a_rows = coo_matrix((np.ones(k), (rows, np.arange(k))), shape=(feasible.shape[0], k))
    a_cols = coo_matrix((np.ones(k), (cols, np.arange(k))), shape=(feasible.shape[1], k))
    result = milp(
        -value,
        constraints=[
            LinearConstraint(a_rows, 0, 1),
            LinearConstraint(a_cols, 0, np.array(capacity)),
        ],
        bounds=(0, 1),
    )
    chosen = result.x > 0.5
    return int(chosen.sum()), int(score[rows[chosen], cols[chosen]].sum())


CPU: list[float] = []  # CPU ms of the last timed() call, for the table's "cpu ms" column


def timed(fn, repeat):
    """Median wall time in ms (CPU time alongside: on a shared, busy machine the wall time
    includes waiting for a core)."""
    samples, cpu, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    CPU[:] = [statistics.median(cpu)]
    return result, statistics.median(samples)


def bench_realistic(m, weights, seed, repeat):
    pool = realistic_pool(m, seed)
    result, total_ms = timed(lambda: m.match(pool, weights), repeat)
    cpu_ms = CPU[0]
    table, score_ms = timed(lambda: m.score_taskforces(pool, weights), repeat)
    capacity = [o.capacity for o in pool.offers]
    chosen, greedy_ms = timed(lambda: m.greedy(table.feasible, table.total, capacity), repeat)
    greedy_total = int(sum(int(table.total[i, j]) for i, j in chosen))
    exact = lp_optimum(table.feasible, table.total, capacity)
    ours = (result.objective["pairs"], result.objective["total_score"])
    t = result.timings
    return {
        "pool": f"realistic #{seed}",
        "scores": score_ms,
        "solve": (t["solve"] + t["people"]) * 1000,
        "explain": t["explanations"] * 1000,
        "total": total_ms,
        "cpu": cpu_ms,
        "pairs": ours[0],
        "score": ours[1] / 100,
        "greedy_pairs": len(chosen),
        "greedy_score": greedy_total / 100,
        "greedy_ms": greedy_ms,
        "exact": ours == exact,
        "people": result.objective["people_pairs"],
        "removed": result.removed,
    }


def bench_large(m, weights, seed, repeat):
    needs, mentors = large_pool(m, seed)

    def run():
        timings: dict[str, float] = {}
        pairs = m.match_people(needs, mentors, weights, timings=timings)
        return pairs, timings

    samples, cpu, phases = [], [], []
    for _ in range(repeat):
        (pairs, timings), ms = timed(run, 1)
        samples.append(ms)
        cpu.append(CPU[0])
        phases.append(timings)
    full_ms = statistics.median(samples)
    parts = {k: statistics.median(t[k] for t in phases) * 1000 for k in phases[0]}
    tables = [
        m.score_people(
            [x for x in needs if x.role == r], [x for x in mentors if x.role == r], weights
        )
        for r in ROLES
    ]
    greedy_pairs = greedy_total = 0
    exact = True
    for role, table in zip(ROLES, tables, strict=True):
        block_mentors = [x for x in mentors if x.role == role]
        capacity = [x.capacity for x in block_mentors]
        chosen = m.greedy(table.feasible, table.total, capacity)
        greedy_pairs += len(chosen)
        greedy_total += int(sum(int(table.total[i, j]) for i, j in chosen))
        block_needs = {x.id for x in needs if x.role == role}
        block = [p for p in pairs if p.mentee_id in block_needs]
        exact &= (len(block), sum(p.score for p in block)) == lp_optimum(
            table.feasible, table.total, capacity
        )
    return {
        "pool": f"large #{seed}",
        "scores": parts["scores"],
        "solve": parts["solve"],
        "explain": parts["explanations"],
        "total": full_ms,
        "cpu": statistics.median(cpu),
        "pairs": len(pairs),
        "score": sum(p.score for p in pairs) / 100,
        "greedy_pairs": greedy_pairs,
        "greedy_score": greedy_total / 100,
        "greedy_ms": None,
        "exact": exact,
        "people": len(pairs),
        "removed": {},
        "phases": parts,
    }


def print_rows(rows):
    header = (
        f"{'pool':<14} {'scores ms':>9} {'solve ms':>9} {'explain ms':>10} {'total ms':>9} "
        f"{'cpu ms':>7} "
        f"{'pairs':>6} {'score':>11} {'greedy pairs':>12} {'greedy score':>12} {'ratio':>7} "
        f"{'exact':>6}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = r["score"] / r["greedy_score"] if r["greedy_score"] else float("inf")
        exact = "yes" if r["exact"] else "NO"
        print(
            f"{r['pool']:<14} {r['scores']:>9.1f} {r['solve']:>9.1f} {r['explain']:>10.1f} "
            f"{r['total']:>9.1f} {r['cpu']:>7.1f} {r['pairs']:>6} {r['score']:>11.2f} "
            f"{r['greedy_pairs']:>12} {r['greedy_score']:>12.2f} {ratio:>7.3f} {exact:>6}"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="30 repeats and 5 seeds per pool")
    args = parser.parse_args()
    setup_django()
    from mentoring import matching as m

    repeat, seeds = (30, range(1, 6)) if args.full else (5, range(1, 3))
    load_before = os.getloadavg()[0]
    weights = m.Weights(dict(m.DEFAULT_WEIGHTS), stages_ahead=1)
    rows = [
        bench_realistic(m, weights, seed, repeat)
        for seed in progress(seeds, len(seeds), "realistic")
    ]
    rows += [bench_large(m, weights, seed, repeat) for seed in progress(seeds, len(seeds), "large")]
    load_after = os.getloadavg()[0]
    print("\nMatching: exact engine vs greedy (median wall time; scores in points)")
    print_rows(rows)
    print(
        "\nLarge pool by phase (median ms, wall / CPU, each summed over the role blocks; "
        "two blocks run side by side, so the walls can add up to more than the total)"
    )
    for r in rows:
        if "phases" in r:
            t = r["phases"]
            print(
                f"{r['pool']:<14} "
                + "  ".join(
                    f"{k} {t[k]:.1f} / {t[k + ' cpu']:.1f}"
                    for k in ("scores", "solve", "explanations")
                )
            )
    print(
        f"\nLoad average (1 min) before {load_before:.2f}, after {load_after:.2f}, "
        f"on {os.cpu_count()} cores"
    )
    removed = rows[0]["removed"]
    print(f"\nRealistic pool #1, pairs removed by each rule: {removed}")
    realistic = [r for r in rows if r["pool"].startswith("realistic")]
    large = [r for r in rows if r["pool"].startswith("large")]
    gain = min(r["score"] / r["greedy_score"] - 1 for r in realistic)
    print(
        f"Goals: realistic < 150 ms: {max(r['total'] for r in realistic):.1f} ms; "
        f"large < 1 s: {max(r['total'] for r in large):.1f} ms "
        f"(CPU {max(r['cpu'] for r in large):.1f} ms); "
        f"exact optimum: {all(r['exact'] for r in rows)}; "
        f"gain over greedy on task-force-like data: {gain:+.1%} (goal ≥ +6%)"
    )


if __name__ == "__main__":
    main()
