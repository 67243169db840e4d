from django.core.management.base import BaseCommand, CommandParser

from intranet.core.models import Unit
from intranet.demo.seed import demo_seed
from intranet.demo.steps.people import DEMO_PASSWORD, role_logins


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
        else:
            demo_seed(seed=seed, reset=reset, log=self.stdout.write)
            self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for role, username in role_logins():
            self.stdout.write(f"  {role:<28} {username}")
