"""Who must read a story: everyone, or the people of chosen units and sectors,
and never anyone a view restriction keeps out."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from intranet.reach import selectors
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def usernames(queryset) -> set[str]:
    return set(queryset.values_list("username", flat=True))


def test_everyone_means_every_active_person(make_must_read, nurse, teacher, editor):
    UserFactory(username="sluttet", is_active=False)
    article = make_must_read(everyone=True)

    assert usernames(selectors.audience(page=article)) == {
        "sykepleier",
        "laerer",
        "redaktor",
    }


def test_a_sector_includes_its_units_and_a_unit_only_itself(
    make_must_read, health, home_care, nurse, carer, teacher
):
    for_sector = make_must_read(units=[health])
    for_unit = make_must_read(units=[home_care])

    assert usernames(selectors.audience(page=for_sector)) == {"sykepleier", "omsorg"}
    assert usernames(selectors.audience(page=for_unit)) == {"sykepleier"}


def test_a_page_not_must_read_or_not_live_has_no_audience(
    make_must_read, news_index, nurse
):
    article = make_must_read(everyone=True)
    article.unpublish()
    article.refresh_from_db()

    assert not selectors.audience(page=article).exists()


def test_a_view_restriction_narrows_the_audience(make_must_read, nurse, teacher):
    article = make_must_read(everyone=True)
    group = Group.objects.create(name="Ledergruppen")
    teacher.groups.add(group)
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)

    assert usernames(selectors.audience(page=article)) == {"laerer"}
    assert not selectors.in_audience(user=nurse, page=article)


def test_a_password_restriction_leaves_nobody(make_must_read, nurse):
    article = make_must_read(everyone=True)
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    assert not selectors.audience(page=article).exists()
