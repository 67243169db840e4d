import gc

from django.core.management.base import BaseCommand, CommandError, CommandParser

from search import services
from search.backends.base import SearchUnavailable


class ProgressBar:
    """A one-line text progress bar per backend (plain lines when not a TTY)."""

    def __init__(self, command: BaseCommand, total: int, width: int = 30) -> None:
        self.command = command
        self.total = max(total, 1)
        self.width = width
        self.done: dict[str, int] = {}

    def __call__(self, backend: str, count: int) -> None:
        self.done[backend] = self.done.get(backend, 0) + count
        done = self.done[backend]
        filled = min(self.width, self.width * done // self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.command.stdout.write(
            f"{backend:<14} [{bar}] {done}/{self.total} ({100 * done // self.total}%)"
        )


class Command(BaseCommand):
    help = (
        "Rebuild the search index from every live, indexable page and uploaded "
        "document: the database "
        "index always (in batches, each its own short transaction, so other "
        "writers get in between), and Elasticsearch when it is the active engine "
        "(into a new index, then an atomic alias swap)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-progress",
            action="store_true",
            help="Only print the summary, not the progress bar.",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes that build the database index's documents together "
            "(default: SEARCH_REBUILD_WORKERS; 1 for none).",
        )

    def handle(
        self,
        *args,
        quiet_progress: bool = False,
        workers: int | None = None,
        **options,
    ) -> None:
        if workers is not None and workers < 1:
            raise CommandError("--workers takes a number of processes, 1 or more.")
        total = services.indexable_page_count()
        self.stdout.write(
            f"Rebuilding the search index from {total} pages and documents …"
        )
        progress = None if quiet_progress else ProgressBar(self, total)
        # The objects loaded so far (Django, Wagtail, the apps) are never
        # garbage, yet each full collection, which the many short-lived page
        # objects of a rebuild trigger, would walk them all again.
        gc.freeze()
        try:
            counts = services.rebuild(progress=progress, workers=workers)
        except SearchUnavailable as exc:
            raise CommandError(
                f"The search engine could not be rebuilt: {exc}. The database "
                "index was rebuilt; run the command again when the engine is up."
            ) from exc
        finally:
            gc.unfreeze()
        for backend, count in counts.items():
            self.stdout.write(
                self.style.SUCCESS(f"{backend}: {count} documents indexed.")
            )
