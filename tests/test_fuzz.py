"""Hostile input on every form and query parameter never gives a server error.

A seeded generator (the same values every run) walks the front-end views and our
admin views as a person would see them: it loads each page, reads its forms, and
sends each field, one at a time, a handful of hostile values (too long, out of
range, not a number, control characters, broken JSON, foreign URLs). It also
tries the common query parameters and out-of-range ids in URL paths. A response
of 500 or more, or an exception, fails the test with the request that caused it.
"""

import random
import traceback
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import TopicFactory, UnitFactory, UserFactory
from tests.factories.dialogue import CommentFactory
from tests.factories.insights import PulseSurveyFactory
from tests.factories.news import NewsPageFactory
from tests.factories.planning import ActivityFactory
from tests.factories.promotion import PromotionFactory

pytestmark = pytest.mark.django_db

SEED = 18
VALUES_PER_FIELD = 2
MAX_FIELDS_PER_FORM = 40
PARAMETERS_PER_PAGE = 8

HOSTILE = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "1.5",
    "99999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
    "1e309",
    "NaN",
    "nul\x00byte",
    "linje\r\nskift",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%",
    "ÆØÅ" * 3,
    "x" * 3000,
    "[]",
    "{}",
    '{"a": ',
    "null",
    "2026-13-45",
    "0000-00-00",
    "../../../etc/passwd",
    "javascript:alert(1)",
    "//evil.example/",
    "[1, 2,",
    "1,2,3",
    "\U0001d518\U0001d52b",
]

# Query parameters the views read, tried on every page whether or not a form shows them.
COMMON_PARAMETERS = [
    "page",
    "side",
    "p",
    "q",
    "ordering",
    "unit",
    "topic",
    "case",
    "year",
    "month",
    "fra",
    "dato",
    "sort",
    "type",
    "theme",
    "tag",
    "person",
    "from",
    "to",
    "status",
    "vis",
    "next",
]

# Never posted: they end the session the walk runs in.
SKIPPED_ACTIONS = ("/logg-ut/", "/admin/logout/", "/i18n/")


def build_world() -> dict:
    sector = UnitFactory(name="Helse og omsorg", slug="helse")
    unit = UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten", parent=sector)
    topic = TopicFactory(name="Digitalisering", slug="digitalisering")
    staff = UserFactory(username="ansatt", groups=[STAFF])
    team = UserFactory(username="kommunikasjon", groups=[STAFF, COMMUNICATION])
    editor = UserFactory(username="redaktor", groups=[STAFF, EDITORS])
    admin = UserFactory(username="admin", groups=[STAFF])
    admin.is_superuser = True
    admin.save()
    home = Site.objects.get(is_default_site=True).root_page
    case_index = CaseIndexPageFactory(parent=home, slug="saker")
    case = CasePageFactory(parent=case_index, owners=[staff], unit=unit)
    case.topics.add(topic)
    update = CaseUpdatePageFactory(parent=case)
    news = NewsPageFactory(unit=unit)
    news.topics.add(topic)
    comment = CommentFactory(page=news, author=staff)
    promotion = PromotionFactory()
    shared = PromotionFactory(status="approved")
    activity = ActivityFactory(owners=[staff], case=case)
    survey = PulseSurveyFactory()
    return {
        "users": {"staff": staff, "team": team, "editor": editor, "admin": admin},
        "case": case,
        "update": update,
        "news": news,
        "unit": unit,
        "topic": topic,
        "comment": comment,
        "promotion": promotion,
        "shared": shared,
        "activity": activity,
        "survey": survey,
    }


def front_end_urls(world: dict) -> list[str]:
    today = timezone.localdate()
    return [
        "/",
        world["news"].get_parent().url,
        world["news"].url,
        world["case"].get_parent().url,
        world["case"].url,
        world["update"].url,
        reverse("cases:my_cases"),
        reverse("search:search") + "?q=sak",
        reverse("subscriptions:topic", args=[world["topic"].slug]),
        reverse("people:unit", args=[world["unit"].slug]),
        reverse("people:person", args=[world["users"]["staff"].username]),
        reverse("subscriptions:subscriptions"),
        reverse("subscriptions:notifications"),
        reverse("planning:year"),
        reverse("planning:month", args=[today.year, today.month]),
        reverse("planning:agenda"),
        reverse("planning:mine"),
        reverse("planning:add"),
        reverse("planning:activity", args=[world["activity"].pk]),
        reverse("planning:calendar_token"),
        reverse("promotion:showcase"),
        reverse("insights:pulse", args=[world["survey"].pk]),
        reverse("promotion:share", args=[world["shared"].pk]),
    ]


def admin_urls(world: dict) -> list[str]:
    pages = [world["news"], world["case"], world["update"]]
    snippets = [
        "planning/communicationactivity",
        "promotion/promotion",
        "core/unit",
        "core/topic",
        "insights/pulsesurvey",
    ]
    return [
        "/admin/",
        "/admin/kommentarer/",
        "/admin/innsikt/",
        "/admin/innsikt/kulturpuls/",
        *[f"/admin/pages/{page.pk}/edit/" for page in pages],
        *[f"/admin/snippets/{snippet}/" for snippet in snippets],
        *[f"/admin/snippets/{snippet}/add/" for snippet in snippets],
        f"/admin/snippets/planning/communicationactivity/edit/{world['activity'].pk}/",
        f"/admin/snippets/promotion/promotion/edit/{world['promotion'].pk}/",
        "/admin/snippets/choose/core/unit/",
        "/admin/snippets/choose/promotion/promotion/",
        "/admin/choose-page/",
        f"/admin/pages/{world['case'].get_parent().pk}/",
        "/admin/formidling/tall/",
        f"/admin/formidling/{world['shared'].pk}/deling/",
    ]


def path_urls(world: dict) -> list[str]:
    """Ids in URL paths that do not exist or do not fit in a database integer."""
    huge = "99999999999999999999"
    return [
        f"/media/{'a' * 3000}",
        f"/media/documents/{'a' * 300}.pdf",
        f"/dokumenter/{huge}/fil.pdf",
        f"/arshjul/{huge}/",
        f"/arshjul/{huge}/{huge}/",
        "/arshjul/2026/13/",
        "/arshjul/0/1/",
        f"/arshjul/tiltak/{huge}/",
        f"/arshjul/tiltak/{huge}/kalender.ics",
        f"/puls/{huge}/",
        f"/dialog/{huge}/kommentarer/",
        f"/dialog/kommentar/{huge}/rapporter/",
        f"/ekstern/bilde/{huge}/",
        f"/admin/pages/{huge}/edit/",
        f"/admin/kommentarer/{huge}/",
        f"/personer/{'x' * 300}/",
        f"/abonnementer/feed/{'x' * 300}/",
        f"/arshjul/ical/{'x' * 300}.ics",
        f"/ekstern/lenke/{huge}/facebook/",
        f"/ekstern/lenke/1/{'x' * 300}/",
        f"/vi-viser-det/del/{huge}/",
    ]


def read_forms(base_url: str, html: str) -> list[tuple[str, str, list]]:
    """Every form on the page as (method, action URL, [(name, value), ...])."""
    forms = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        method = (form.get("method") or "get").lower()
        action = urljoin(base_url, form.get("action") or base_url)
        if urlsplit(action).netloc not in ("", "testserver"):
            continue
        fields = []
        for element in form.find_all(["input", "select", "textarea"]):
            name = element.get("name")
            if not name:
                continue
            if element.name == "select":
                options = element.find_all("option")
                chosen = [o for o in options if o.has_attr("selected")] or options[:1]
                fields += [(name, option.get("value", "")) for option in chosen]
            elif element.name == "textarea":
                fields.append((name, element.text))
            elif element.get("type") in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    fields.append((name, element.get("value", "on")))
            elif element.get("type") not in ("submit", "button", "file", "image"):
                fields.append((name, element.get("value", "")))
        forms.append((method, action, fields))
    return forms


class Walk:
    def __init__(self, client: Client, rng: random.Random):
        self.client = client
        self.rng = rng
        self.failures: list[str] = []
        self.requests = 0
        self._exception = ""

    def _record_exception(self, sender, request=None, **kwargs) -> None:
        self._exception = traceback.format_exc(limit=-3)

    def send(self, method: str, url: str, data) -> None:
        path = urlsplit(url).path
        if any(path.startswith(skipped) for skipped in SKIPPED_ACTIONS):
            return
        self._exception = ""
        self.requests += 1
        got_request_exception.connect(self._record_exception)
        try:
            if method == "post":
                response = self.client.post(url, data)
            else:
                response = self.client.get(url, data)
        finally:
            got_request_exception.disconnect(self._record_exception)
        if response.status_code >= 500 or self._exception:
            shown = {key: str(value)[:60] for key, value in dict(data).items()}
            self.failures.append(
                f"{method.upper()} {url[:120]} {shown} -> {response.status_code}\n"
                f"{self._exception}"
            )

    def values(self) -> list[str]:
        return self.rng.sample(HOSTILE, VALUES_PER_FIELD)

    def page(self, url: str) -> None:
        response = self.client.get(url)
        self.requests += 1
        if response.status_code >= 500:
            self.failures.append(f"GET {url} -> {response.status_code}")
            return
        if response.status_code != 200 or "html" not in response.get("Content-Type"):
            return
        for name in self.rng.sample(COMMON_PARAMETERS, PARAMETERS_PER_PAGE):
            self.send("get", url, {name: self.rng.choice(HOSTILE)})
        for method, action, fields in read_forms(url, response.content.decode()):
            names = list(dict.fromkeys(name for name, _value in fields))
            for name in names[:MAX_FIELDS_PER_FORM]:
                for value in self.values():
                    data: dict[str, list[str]] = {}
                    for field, field_value in fields:
                        data.setdefault(field, []).append(
                            value if field == name else field_value
                        )
                    self.send(method, action, data)


def test_no_hostile_input_gives_a_server_error():
    world = build_world()
    rng = random.Random(SEED)
    failures, requests = [], 0
    plan = [
        ("staff", front_end_urls(world) + path_urls(world)),
        ("admin", admin_urls(world)),
    ]
    for who, urls in plan:
        client = Client(raise_request_exception=False)
        client.force_login(world["users"][who])
        walk = Walk(client, rng)
        for url in urls:
            walk.page(url)
        failures += walk.failures
        requests += walk.requests

    assert not failures, f"{len(failures)} of {requests} requests failed:\n" + (
        "\n".join(failures[:25])
    )
    assert requests > 800, "the walk must reach the forms"
