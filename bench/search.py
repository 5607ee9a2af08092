"""Search benchmark: generates N practitioner-like items, rebuilds the index, and prints the
median and p95 of a full results page (top 20 with snippets, total count, all facets) and of
suggestions, over fixed selective and broad queries, plus reindex throughput.

    python -m bench.search                  # 1,000 and 10,000 items on SQLite
    python -m bench.search --full           # also 100,000
    python -m bench.search --postgres postgres://postgres@127.0.0.1:5432/tfh_bench
    python -m bench.search --sizes 1000 --freshness   # how soon a change shows in results
"""

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime

SELECTIVE = [
    "dairy farm labor",
    "T visa certification",
    "forensic interview minor",
    '"information sharing" checklist',
]
BROAD = ["trafficking", "victim services", "task force training -webinar"]
SUGGEST = ["traf", "forensic int", "da", "t vi"]
WORDS = (
    "trafficking victim survivor task force labor sex prosecutor investigation outreach "
    "training protocol screening housing interpreter referral youth agriculture hotel "
    "restaurant construction fishing domestic servitude coercion debt bondage recruitment "
    "shelter counseling advocacy certification immigration evidence testimony"
).split()
RARE = ["dairy", "forensic", "visa", "checklist", "quokka", "cannery", "orchard"]
TOPICS = [
    "Labor trafficking",
    "Sex trafficking",
    "Victim services",
    "Investigations",
    "Prosecution",
    "Youth",
    "Task force operations",
]
AUDIENCES = ["Law enforcement", "Prosecutors", "Victim service providers", "Survivor-leaders"]
TYPES = ["Labor", "Sex", "Both"]
KINDS = ["library", "forum", "survivors", "taskforce"]
TIERS = ["public", "members", "law_enforcement"]


def documents(n: int, seed: int = 7):
    from access.search import tier_tokens
    from search.registry import SearchDocument

    rnd = random.Random(seed)
    for i in range(n):
        words = rnd.choices(WORDS, k=rnd.randint(40, 160))
        if rnd.random() < 0.005:
            words += rnd.sample(RARE, 2)
        if rnd.random() < 0.002:
            words += [
                "dairy",
                "farm",
                "labor",
                "t",
                "visa",
                "certification",
                "forensic",
                "interview",
                "minor",
                "information",
                "sharing",
                "checklist",
            ]
        yield SearchDocument(
            kind=rnd.choice(KINDS),
            object_id=str(i),
            title=" ".join(rnd.choices(WORDS, k=rnd.randint(3, 8))).capitalize(),
            body=" ".join(words),
            url=f"/bench/{i}/",
            access=tier_tokens(rnd.choice(TIERS)),
            date=datetime(rnd.randint(2012, 2025), rnd.randint(1, 12), 1, tzinfo=UTC),
            facets={
                "topic": rnd.sample(TOPICS, rnd.randint(1, 2)),
                "audience": rnd.sample(AUDIENCES, rnd.randint(1, 2)),
                "trafficking_type": [rnd.choice(TYPES)],
            },
            keywords=" ".join(rnd.sample(WORDS, 4)),
        )


def run(size: int, label: str) -> None:
    from django.test import override_settings

    from bench.common import machine_note, measure, print_table, progress
    from search import service
    from search.backends.database import DatabaseBackend

    backend = DatabaseBackend()
    batch, batches = [], []
    for doc in progress(documents(size), size, f"generate {size:,}"):
        batch.append(doc)
        if len(batch) == 1000:
            batches.append(batch)
            batch = []
    if batch:
        batches.append(batch)
    started, cpu_started = time.perf_counter(), time.process_time()
    backend.rebuild(progress(batches, len(batches), f"reindex {size:,} (batches)"))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started

    class Member:  # a signed-in member of a task force, without a database row
        is_authenticated, is_active, pk = True, True, None

    from access.core import MembershipFact, Viewer

    viewer = Viewer(
        user=Member(),
        is_authenticated=True,
        memberships=(MembershipFact(1, "victim_services", "member", None),),
    )
    read_in = len(backend._parts())
    rows = []
    for kind, queries in (("selective", SELECTIVE), ("broad", BROAD)):
        parts = [
            measure(f"page {q}", lambda q=q: service.search(viewer, q), repeat=15) for q in queries
        ]
        rows.append(combined(f"{label} {size:,}: full page, {kind}", parts))
    in_parts = whole = rows[-1]
    if read_in > 1:  # the baseline: the same broad pages from one statement over the whole index
        with override_settings(SEARCH_DATABASE_WORKERS=1):
            parts = [
                measure(f"page {q}", lambda q=q: service.search(viewer, q), repeat=15)
                for q in BROAD
            ]
        whole = combined(f"{label} {size:,}: full page, broad, one statement", parts)
        rows.append(whole)
    parts = [
        measure(f"suggest {q}", lambda q=q: service.suggest(viewer, q), repeat=15) for q in SUGGEST
    ]
    rows.append(combined(f"{label} {size:,}: suggestions", parts))
    # On SQLite the database works in this process, so CPU time is the work of the whole
    # search; on a shared, busy machine wall time also counts waiting for a core.
    print_table(
        rows,
        f"{label}, {size:,} items (reindex {size / elapsed:,.0f} items/s wall, "
        f"{size / cpu:,.0f} items/s of this process's CPU)",
    )
    print(machine_note())
    if read_in > 1:
        print(
            f"Broad pages ranked in {read_in} parts side by side; one statement over the whole "
            f"index takes {whole.median / in_parts.median:.2f}x as long at the median and "
            f"{whole.p95 / in_parts.p95:.2f}x at p95. The parts run on connections of their "
            "own: the queries column counts the request's connection only, CPU every thread."
        )


def freshness(viewer, rounds: int = 10) -> None:
    """Seconds from the commit of a change to it showing in (or leaving) search results, as
    in production: the change queues a task in the database queue and a separate
    ``db_worker`` process (polling every second when idle) updates the index."""
    import subprocess
    import sys

    from django.db import transaction
    from django.test import override_settings

    from bench.common import ROOT, Stats, print_table
    from search import service
    from taskforces.factories import TaskForceFactory

    override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}).enable()
    worker = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
        },
        stdout=subprocess.DEVNULL,
    )

    def until(found: bool, word: str, since: float) -> float:
        while (service.search(viewer, word).total > 0) != found:
            if time.perf_counter() - since > 60:
                raise SystemExit("the worker did not update the index within 60 s")
            time.sleep(0.01)
        return time.perf_counter() - since

    shown, hidden = [], []
    try:
        for index in range(rounds + 1):  # the first round waits for the worker to start
            word = f"freshness{index}q{random.randrange(10**9)}"
            with transaction.atomic():
                taskforce = TaskForceFactory(name=f"Task force {word}", slug=word)
            seconds = until(True, word, time.perf_counter())
            with transaction.atomic():
                taskforce.delete()
            gone = until(False, word, time.perf_counter())
            if index:
                shown.append(seconds * 1000)
                hidden.append(gone * 1000)
    finally:
        worker.terminate()
        worker.wait()
    print_table(
        [
            Stats("change searchable after commit", shown),
            Stats("removal hidden after commit", hidden),
        ],
        f"Index freshness: task queue in the database, db_worker; {rounds} changes (goal ≤ 5 s)",
    )


def combined(label: str, parts):
    """One row for several queries: every sample, the median of their CPU medians, and the
    most queries any of them ran."""
    from bench.common import Stats

    return Stats(
        label,
        [ms for part in parts for ms in part.samples_ms],
        queries=max(part.queries for part in parts),
        cpu_ms=statistics.median(part.cpu_ms for part in parts),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also 100,000 items")
    parser.add_argument("--sizes", type=int, nargs="*", help="item counts (default 1000 10000)")
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL database")
    parser.add_argument(
        "--freshness",
        action="store_true",
        help="also time how soon a change shows in results (starts a db_worker)",
    )
    args = parser.parse_args()
    sizes = args.sizes or ([1_000, 10_000, 100_000] if args.full else [1_000, 10_000])
    targets = [("SQLite", f"sqlite:///{tempfile.mkdtemp(prefix='tfh-bench-')}/bench.sqlite3")]
    if args.postgres:
        targets.append(("PostgreSQL", args.postgres))
    for label, url in targets:
        pid = os.fork()
        if pid == 0:  # one process per database: Django settings are read once
            os.environ["DATABASE_URL"] = url
            from bench.common import setup_django

            setup_django()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            for size in sizes:
                run(size, label)
            if args.freshness:
                freshness(None)
            os._exit(0)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
