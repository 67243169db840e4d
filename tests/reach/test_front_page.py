"""The "Må leses" section on the front page: per person, addressed, visible,
not yet confirmed, bounded."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from intranet.reach.models import Acknowledgement
from tests.factories.news import NewsPageFactory
from tests.reach.conftest import in_days

pytestmark = pytest.mark.django_db


def front_page(client, user) -> str:
    """The "Må leses" section of the person's front page ("" when none)."""
    client.force_login(user)
    html = client.get("/").content.decode()
    section = BeautifulSoup(html, "html.parser").find(
        "section", class_="home-section--must-read"
    )
    return str(section) if section else ""


def test_the_section_lists_what_the_reader_must_read_with_its_deadline(
    client, make_must_read, home_care, nurse, teacher
):
    make_must_read("Ny avviksrutine", units=[home_care], until=in_days(4))

    html = front_page(client, nurse)
    assert "Må leses" in html
    assert "Ny avviksrutine" in html
    assert "Les innen" in html

    assert "Ny avviksrutine" not in front_page(client, teacher)


def test_the_section_stands_before_the_pinned_news(
    client, make_must_read, news_index, nurse
):
    make_must_read("Ny avviksrutine", everyone=True)
    NewsPageFactory(
        parent=news_index, title="Viktig nå", important=True, important_until=in_days(3)
    )

    client.force_login(nurse)
    html = client.get("/").content.decode()
    assert 'id="home-pinned"' in html
    assert html.index('id="home-must-read"') < html.index('id="home-pinned"')


def test_a_passed_deadline_is_said(client, make_must_read, nurse):
    article = make_must_read("Gammel rutine", everyone=True, until=in_days(3))
    type(article).objects.filter(pk=article.pk).update(must_read_until=in_days(-2))

    html = front_page(client, nurse)
    assert "Gammel rutine" in html
    assert "Fristen har gått ut" in html


def test_a_confirmed_story_leaves_the_section(client, make_must_read, nurse):
    article = make_must_read("Ny avviksrutine", everyone=True)
    Acknowledgement.objects.create(user=nurse, page=article)

    assert "Ny avviksrutine" not in front_page(client, nurse)


def test_a_story_the_reader_may_not_view_is_not_listed(client, make_must_read, nurse):
    article = make_must_read("Lønnsforhandlinger", everyone=True)
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Ledere"))

    assert "Lønnsforhandlinger" not in front_page(client, nurse)


def test_the_section_is_bounded_and_counts_the_rest(client, make_must_read, nurse):
    for n in range(7):
        make_must_read(f"Rutine {n}", everyone=True, until=in_days(n + 1))

    html = front_page(client, nurse)
    assert html.count("must-read-list__item") == 5
    assert "Rutine 0" in html
    assert "Rutine 6" not in html
    assert "Og 2 andre saker som må leses" in html


def test_the_section_costs_the_same_however_many_stories(client, make_must_read, nurse):
    make_must_read("Rutine", everyone=True)
    client.force_login(nurse)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(6):
        make_must_read(f"Rutine {n}", everyone=True)
    client.get("/")
    with CaptureQueriesContext(connection) as many:
        client.get("/")

    assert len(many) == len(few)


def test_a_story_made_a_must_read_and_released_shows_at_once(
    client, make_must_read, news_index, editor, nurse
):
    """The must-read stories are kept for everyone while ordinary articles
    are published; a story that becomes a must-read, or stops being one, is
    on (or off) the front page at the next visit."""
    make_must_read("Ny avviksrutine", everyone=True)
    assert "Ny avviksrutine" in front_page(client, nurse)

    ordinary = NewsPageFactory(parent=news_index, title="Kantina", owner=editor)
    ordinary.must_read_until = in_days(5)
    ordinary.must_read_everyone = True
    ordinary.save_revision().publish()
    assert "Kantina" in front_page(client, nurse)

    ordinary.must_read_until = None
    ordinary.must_read_everyone = False
    ordinary.save_revision().publish()
    html = front_page(client, nurse)
    assert "Kantina" not in html
    assert "Ny avviksrutine" in html
