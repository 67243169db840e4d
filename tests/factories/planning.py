import datetime

import factory
from django.utils import timezone

from intranet.planning.models import CommunicationActivity


class ActivityFactory(factory.django.DjangoModelFactory):
    """A planned one-day activity; pass `owners=[user, ...]`."""

    class Meta:
        model = CommunicationActivity
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tiltak {n}")
    start_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=10)
    )
    end_date = factory.LazyAttribute(lambda activity: activity.start_date)
    audiences = factory.LazyFunction(lambda: ["citizens"])
    channels = factory.LazyFunction(lambda: ["website"])

    @factory.post_generation
    def owners(self, create: bool, extracted, **kwargs):
        if create and extracted:
            self.owners.set(extracted)
