"""Notices: one information alert on every page, showing for a month from the
day before the demo was loaded, and two page feedbacks: one on a case of
Kari Nordmann's (so her "Tilbakemeldinger på dine sider" has one), one about a
dead address (the communication team's only). Content: ``notices.json``.
Runs after the people and cases. Running it again changes nothing (an alert is
found again by its message, a feedback by its text).
"""

import datetime
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import CaseOwner
from intranet.demo.content import load
from intranet.notices.models import Alert, PageFeedback


def _alerts(now) -> None:
    for spec in load("notices")["alerts"]:
        starts = now - datetime.timedelta(days=spec["started_days_ago"])
        Alert.objects.get_or_create(
            message=spec["message"],
            defaults={
                "level": spec["level"],
                "link_url": spec["link_url"],
                "link_text": spec["link_text"],
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(days=spec["days_shown"]),
            },
        )


def _feedback() -> None:
    people = get_user_model().objects
    for spec in load("notices")["feedback"]:
        if PageFeedback.objects.filter(text=spec["text"]).exists():
            continue
        case = None
        if "about_case_of" in spec:
            owned = (
                CaseOwner.objects.filter(
                    user__username=spec["about_case_of"], case__live=True
                )
                .select_related("case")
                .order_by("case__path")
                .first()
            )
            case = owned.case if owned else None
        feedback = PageFeedback.objects.create(
            user=people.filter(username=spec["from"]).first(),
            path=case.url if case else spec.get("path", ""),
            page=case,
            unit_id=case.unit_id if case else None,
            text=spec["text"],
            contact_ok=spec["contact_ok"],
        )
        if case is not None:
            feedback.recipients.set(people.filter(username=spec["about_case_of"]))


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    _alerts(timezone.now())
    _feedback()
    log(
        f"Alerts: {Alert.objects.count()}, "
        f"page feedback: {PageFeedback.objects.count()}"
    )


def reset() -> None:
    content = load("notices")
    Alert.objects.filter(
        message__in=[spec["message"] for spec in content["alerts"]]
    ).delete()
    PageFeedback.objects.filter(
        text__in=[spec["text"] for spec in content["feedback"]]
    ).delete()
