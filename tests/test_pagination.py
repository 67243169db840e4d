"""Every paginated list answers any page number: past the end it shows the
last page, and anything that is not a page number shows the first one, each
with a Norwegian notice; never an error, and never more queries than a page
asked for properly."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from intranet.core.roles import COMMUNICATION, STAFF
from intranet.subscriptions.models import Notification
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
    days_ago,
)
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db

ITEMS = 3  # with two a page: two pages, the last one holding one item


@pytest.fixture
def person(db):
    return UserFactory(username="leser", groups=[STAFF, COMMUNICATION])


@pytest.fixture
def lists(home_page, person, monkeypatch) -> dict:
    """Each paginated list: (its URL, its page parameter, a mark per item)."""
    for target, name in [
        ("cases.models.CaseIndexPage", "per_page"),
        ("cases.models.CasePage", "updates_per_page"),
        ("cases.views", "MY_CASES_PER_PAGE"),
        ("cases.admin_views", "NEEDING_MEASURES_PER_PAGE"),
        ("news.models", "NEWS_PER_PAGE"),
        ("intranet.planning.views", "AGENDA_PER_PAGE"),
        ("intranet.planning.views", "MINE_PER_PAGE"),
        ("intranet.subscriptions.views", "NOTIFICATIONS_PER_PAGE"),
    ]:
        monkeypatch.setattr(f"{target}.{name}", 2)
    index = CaseIndexPageFactory(parent=home_page, slug="saker")
    cases = [
        CasePageFactory(
            parent=index, title=f"Sak {n}", owners=[person], communication_need="high"
        )
        for n in range(ITEMS)
    ]
    for n in range(ITEMS):
        CaseUpdatePageFactory(parent=cases[0], publication_date=days_ago(n))
    for n in range(ITEMS):
        NewsPageFactory(title=f"Nyhet {n}")
        ActivityFactory(title=f"Tiltak {n}", owners=[person])
        Notification.objects.create(
            user=person,
            kind="reminder",
            key=f"påminnelse-{n}",
            delivery="inbox",
            title=f"Påminnelse {n}",
            url="/",
            content_type="reminder",
        )
    return {
        "case list": (index.url, "side", 'class="case-item"'),
        "case updates": (cases[0].url, "side", 'class="timeline__item"'),
        "Mine saker": (reverse("cases:my_cases"), "side", "Ny oppdatering<"),
        "cases needing measures (admin)": (
            reverse("cases_needing_measures"),
            "side",
            'class="title"',
        ),
        "news": ("/nyheter/", "page", '<article class="news-card'),
        "planning agenda": (reverse("planning:agenda"), "side", 'class="plan-card"'),
        "my activities": (reverse("planning:mine"), "side", 'class="plan-card"'),
        "inbox": (
            reverse("subscriptions:notifications"),
            "side",
            '<li class="notification',
        ),
    }


LIST_NAMES = [
    "case list",
    "case updates",
    "Mine saker",
    "cases needing measures (admin)",
    "news",
    "planning agenda",
    "my activities",
    "inbox",
]

PAST_THE_END = ["3", "999", "9" * 40, "9" * 5000]
NOT_A_PAGE = ["-1", "0", "000", "abc", "1.5", " ", "2e3", "١", "²"]


def get(client, url: str, params: dict):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, (url, params)
    return response.content.decode(), len(queries.captured_queries)


@pytest.mark.parametrize("name", LIST_NAMES)
def test_every_paginated_list_answers_any_page_number(client, person, lists, name):
    url, parameter, mark = lists[name]
    client.force_login(person)
    get(client, url, {})  # fills per-process caches and first-visit defaults
    first, first_queries = get(client, url, {parameter: "1"})
    last, last_queries = get(client, url, {parameter: "2"})
    assert first.count(mark) > last.count(mark) > 0, "two pages to tell apart"

    for value in PAST_THE_END:
        html, queries = get(client, url, {parameter: value})
        assert html.count(mark) == last.count(mark), value
        assert "viser siste side, 2." in html, value
        assert queries <= last_queries, value

    for value in NOT_A_PAGE:
        html, queries = get(client, url, {parameter: value})
        assert html.count(mark) == first.count(mark), value
        if value.strip():
            assert "er ikke et sidetall; viser første side." in html, value
        assert queries <= first_queries, value
