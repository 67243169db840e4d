"""Publishing a must-read story tells its audience once, after the commit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.models import Unit
from intranet.reach import services
from intranet.subscriptions.models import Notification, NotificationKind
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.news import NewsPageFactory
from tests.reach.conftest import in_days, place

pytestmark = pytest.mark.django_db


def must_read_notes():
    return Notification.objects.filter(kind=NotificationKind.MUST_READ)


def test_publishing_tells_each_person_in_the_audience_once(
    news_index, home_care, nurse, carer, teacher, django_capture_on_commit_callbacks
):
    article = NewsPageFactory(parent=news_index, title="Ny avviksrutine", live=False)
    article.must_read_until = in_days(7)
    article.must_read_units.set([home_care])

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    notes = must_read_notes()
    assert list(notes.values_list("user__username", flat=True)) == ["sykepleier"]
    note = notes.get()
    assert note.page_id == article.pk
    assert "Ny avviksrutine" in note.title

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert must_read_notes().count() == 1


def test_nobody_is_told_before_the_commit(
    news_index, nurse, django_capture_on_commit_callbacks
):
    article = NewsPageFactory(parent=news_index, live=False)
    article.must_read_until = in_days(7)
    article.must_read_everyone = True

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()

    assert not must_read_notes().exists()
    assert callbacks  # told once the transaction commits


def test_a_story_unpublished_before_the_commit_tells_nobody(
    news_index, nurse, django_capture_on_commit_callbacks
):
    article = NewsPageFactory(parent=news_index, live=False)
    article.must_read_until = in_days(7)
    article.must_read_everyone = True

    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
        article.refresh_from_db()
        article.unpublish()

    assert not must_read_notes().exists()


def test_an_ordinary_story_tells_nobody(
    news_index, nurse, django_capture_on_commit_callbacks
):
    article = NewsPageFactory(parent=news_index, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert not must_read_notes().exists()


def add_people(sector: Unit, *, size: int, units: int, start: int = 0) -> None:
    chosen = [
        UnitFactory(name=f"Enhet {start + n}", slug=f"enhet-{start + n}", parent=sector)
        for n in range(units)
    ]
    for n in range(size):
        place(UserFactory(username=f"person{start + n}"), chosen[n % units])


def queries_to_announce(news_index, sector) -> tuple[int, int]:
    article = NewsPageFactory(parent=news_index)
    article.must_read_until = in_days(7)
    article.must_read_units.set([sector])
    article.save()
    assert article.url  # the site's root paths are read once and kept
    with CaptureQueriesContext(connection) as queries:
        told = services.mustread_announce(page_id=article.pk)
    return told, len(queries)


def test_telling_the_audience_costs_the_same_whatever_its_size(news_index):
    sector = UnitFactory(name="Sektor", slug="sektor")
    add_people(sector, size=5, units=2)
    small = queries_to_announce(news_index, sector)
    add_people(sector, size=45, units=4, start=5)
    large = queries_to_announce(news_index, sector)

    assert small[0] == 5
    assert large[0] == 50
    assert small[1] == large[1]
