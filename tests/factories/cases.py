import datetime

import factory
import wagtail_factories
from django.utils import timezone

from cases.models import (
    CaseIndexPage,
    CaseOwner,
    CasePage,
    CasePlannedMeasure,
    CaseStatus,
    CaseUpdatePage,
)
from intranet.core import services as core_services
from tests.factories.core import UnitFactory


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    """A case list; every staff member may create cases in it."""

    class Meta:
        model = CaseIndexPage
        skip_postgeneration_save = True

    title = "Saker"
    slug = factory.Sequence(lambda n: f"saker-{n}")

    @factory.post_generation
    def staff_access(self, create: bool, extracted, **kwargs):
        if create and extracted is not False:
            core_services.role_page_rights_grant(page=self)


class CasePageFactory(wagtail_factories.PageFactory):
    """A live case with a complete (no-need) communication assessment.

    Pass `owners=[user, ...]` to name its owners.
    """

    class Meta:
        model = CasePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Sak {n}")
    slug = factory.Sequence(lambda n: f"sak-{n}")
    summary = "En sak vi jobber med i kommunen."
    unit = factory.SubFactory(UnitFactory)
    status = CaseStatus.ONGOING
    communication_need = "none"
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def owners(self, create: bool, extracted, **kwargs):
        if create and extracted:
            for position, user in enumerate(extracted):
                CaseOwner.objects.create(case=self, user=user, sort_order=position)


class CasePlannedMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CasePlannedMeasure

    title = "Sak på nettsidene"
    planned_date = factory.LazyFunction(lambda: timezone.localdate())
    channel = "website"
    audience = "citizens"


class CaseUpdatePageFactory(wagtail_factories.PageFactory):
    """A live update; pass `parent=<case>`."""

    class Meta:
        model = CaseUpdatePage

    title = factory.Sequence(lambda n: f"Oppdatering {n}")
    slug = factory.Sequence(lambda n: f"oppdatering-{n}")
    intro = "Dette har skjedd siden sist."
    publication_date = factory.LazyFunction(timezone.now)


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)
