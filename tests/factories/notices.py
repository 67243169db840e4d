import datetime

import factory
from django.utils import timezone

from intranet.notices.models import Alert, AlertLevel, PageFeedback


class AlertFactory(factory.django.DjangoModelFactory):
    """An info alert showing from an hour ago until tomorrow."""

    class Meta:
        model = Alert

    message = factory.Sequence(lambda n: f"Driftsmelding {n}")
    level = AlertLevel.INFO
    starts_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1)
    )
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))


class PageFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageFeedback

    path = "/finnes-ikke/"
    text = factory.Sequence(lambda n: f"Tilbakemelding {n}")
