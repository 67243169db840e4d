"""Train the positioning radar and score the stories without a theme (nightly).

Safe to run as often as you like (a systemd timer runs it every night): each
run replaces the stored model and the scores. With too few stories carrying a
theme it says so and keeps what was there.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from intranet.promotion import radar, services


class Command(BaseCommand):
    help = (
        "Train the positioning radar on the live stories (those with a theme are "
        "the examples; those the communication team dismissed or rejected are "
        "not) and score the live stories without a theme for the promotion board."
    )

    def handle(self, *args, **options) -> None:
        try:
            model = services.radar_train(log=self.stdout.write)
        except radar.NotEnoughExamples as error:
            # Not a failure of the server: the timer stays green and the
            # previous model keeps working.
            self.stdout.write(
                self.style.WARNING(
                    f"Not trained: too few stories with a theme ({error}). The "
                    "previous model and scores are kept."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Trained at {model.trained_at.isoformat(timespec='seconds')} on "
                f"{model.stories} stories ("
                + ", ".join(
                    f"{theme} {count}" for theme, count in model.examples.items()
                )
                + ")."
            )
        )
