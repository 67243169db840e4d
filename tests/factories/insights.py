import datetime

import factory
from django.utils import timezone

from intranet.insights.models import PulseSurvey, StoryReadDay


class PulseSurveyFactory(factory.django.DjangoModelFactory):
    """An open survey (opened an hour ago, closes in two weeks)."""

    class Meta:
        model = PulseSurvey

    question = "Opplever du at vi har en god intern kommunikasjonskultur?"
    opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(hours=1)
    )
    closes_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=14)
    )

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=30)
            ),
            closes_at=factory.LazyFunction(
                lambda: timezone.now() - datetime.timedelta(days=1)
            ),
        )


class StoryReadDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StoryReadDay

    day = factory.LazyFunction(timezone.localdate)
    readers = 1
