"""Shared measuring helpers for the benchmarks: timing, percentiles, query counts, tables."""

import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup_django(settings_module: str = "config.settings.test") -> None:
    """Start Django for a benchmark (site/ on the path; test settings unless told otherwise)."""
    for path in (ROOT, ROOT / "site"):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()


def machine_note() -> str:
    """The load average and how long a fixed piece of pure Python takes on one core now: on a
    shared virtual machine the same code runs faster or slower from one hour to the next, so
    figures from two runs compare only through this (ratios within one run compare always)."""
    started = time.process_time()
    sum(range(10_000_000))
    loop_ms = (time.process_time() - started) * 1000
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"machine: {os.cpu_count()} CPUs, load average {load}, reference loop {loop_ms:.0f} ms"


@dataclass
class Stats:
    label: str
    samples_ms: list[float]
    queries: int | None = None
    cpu_ms: float | None = None
    size_bytes: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(label: str, fn, *, repeat: int = 30, warmup: int = 3) -> Stats:
    """Call fn repeatedly; wall time per call in ms, CPU time and the SQL queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        fn()
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    queries = len(ctx.captured_queries)
    size = len(result.content) if hasattr(result, "content") else None
    samples, cpu = [], []
    for _ in range(repeat):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - wall0) * 1000)
        cpu.append((time.process_time() - cpu0) * 1000)
    return Stats(label, samples, queries=queries, cpu_ms=statistics.median(cpu), size_bytes=size)


def print_table(rows: list[Stats], title: str = "") -> None:
    if title:
        print(f"\n{title}")
    header = (
        f"{'what':<44} {'median ms':>10} {'p95 ms':>9} {'cpu ms':>8} {'queries':>8} {'bytes':>9}"
    )
    print(header)
    print("-" * len(header))
    for s in rows:
        cpu = f"{s.cpu_ms:.1f}" if s.cpu_ms is not None else "-"
        q = str(s.queries) if s.queries is not None else "-"
        size = str(s.size_bytes) if s.size_bytes is not None else "-"
        print(f"{s.label:<44} {s.median:>10.1f} {s.p95:>9.1f} {cpu:>8} {q:>8} {size:>9}")


def progress(iterable, total: int, label: str = ""):
    """A plain progress bar on stderr for long generation steps."""
    width = 30
    for index, item in enumerate(iterable, start=1):
        if index == total or index % max(1, total // 100) == 0:
            filled = int(width * index / total)
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {index}/{total}")
            sys.stderr.flush()
        yield item
    sys.stderr.write("\n")
