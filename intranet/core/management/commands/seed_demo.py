import random
from importlib import import_module

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from intranet.core.models import Unit

# Each app's demo module has `seed(*, rng, log)` and `reset()`. Order matters:
# later seeders build on what earlier ones made; reset runs in reverse.
SEEDERS = [
    "intranet.core.demo",
    "cases.demo",
    "news.demo",
    "intranet.promotion.demo",
    "intranet.dialogue.demo",
    "search.subscriptions_demo",
    "intranet.planning.demo",
    "intranet.insights.demo",
    "search.demo",
]


class Command(BaseCommand):
    help = "Load deterministic Norwegian demo data (safe to run again)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=2012, help="Random seed.")
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo data first."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has units (used by make run).",
        )

    def handle(self, *args, seed: int, reset: bool, if_empty: bool, **options) -> None:
        if if_empty and Unit.objects.exists():
            self.stdout.write("Demo data already present; skipping.")
            self.print_logins()
            return
        modules = [import_module(path) for path in SEEDERS]
        with transaction.atomic():
            if reset:
                for module in reversed(modules):
                    module.reset()
                self.stdout.write("Demo data removed.")
            for step, module in enumerate(modules, start=1):
                self.stdout.write(f"[{step}/{len(modules)}] {module.__name__}")
                module.seed(rng=random.Random(seed), log=self.log)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.print_logins()

    def log(self, message: str) -> None:
        self.stdout.write(f"  {message}")

    def print_logins(self) -> None:
        from intranet.core.demo import DEMO_PASSWORD, ROLE_LOGINS

        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for role, username in ROLE_LOGINS:
            self.stdout.write(f"  {role:<28} {username}")
