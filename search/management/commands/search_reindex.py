import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import registry, service


class Command(BaseCommand):
    help = "Rebuild the search index from every registered kind of content, with progress."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend",
            choices=["db", "elasticsearch"],
            help="Rebuild only this backend (default: every configured one).",
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, backend=None, batch_size=500, **options):
        if backend == "elasticsearch" and service.elastic_backend() is None:
            raise CommandError("ELASTICSEARCH_URL is not set.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        kinds = list(registry.kinds().values())
        total = service.count_objects(kinds)
        for target in service.backends(backend):
            done = 0

            def progress(n, label=target.name):
                nonlocal done
                done += n
                width = 30
                filled = int(width * done / total) if total else width
                sys.stderr.write(
                    f"\r{label:<14} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
                )
                sys.stderr.flush()

            started = time.perf_counter()
            count = service.rebuild(backend=target.name, batch_size=batch_size, progress=progress)
            elapsed = max(time.perf_counter() - started, 1e-6)
            sys.stderr.write("\n")
            self.stdout.write(
                f"{target.name}: indexed {count} documents of {len(kinds)} kinds in "
                f"{elapsed:.1f}s ({count / elapsed:,.0f} documents/s)"
            )
