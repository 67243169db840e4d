"""Wagtail's content checks on a story include Norwegian plain language: the
Checks panel gets one rule per kind of advice, and the preview marks the words
those rules point at. Readers of the published page get the page untouched."""

import json

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from intranet.core.content_checks import mark_plain_language
from intranet.core.roles import EDITORS, STAFF
from news import services
from tests.cases.admin_forms import edit_form_data
from tests.factories.core import UserFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

HEAVY = (
    "<p>Vedrørende søknaden vil den behandles i henhold til regelverket.</p>"
    "<p>Gjennomføringen av kartleggingen av <b>behovet</b> iverksettes snarest.</p>"
)


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor", groups=[STAFF, EDITORS])


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def article(home_page, editor):
    index = services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )
    page = NewsPageFactory(
        parent=index,
        title="Ny ordning",
        intro="Søknaden kan sendes nå.",
        owner=editor,
        body=[("paragraph", HEAVY)],
    )
    page.save_revision(user=editor).publish()
    return page


def marks(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for mark in BeautifulSoup(html, "html.parser").select("[data-klarsprak]"):
        for kind in mark["data-klarsprak"].split():
            found.setdefault(kind, []).append(mark.get_text())
    return found


def axe_configuration(html: str) -> dict:
    script = BeautifulSoup(html, "html.parser").find(id="checker-axe-configuration")
    return json.loads(script.string)


def test_the_marks_wrap_the_words_and_leave_the_text_as_it_was():
    marked = mark_plain_language(HEAVY, target=40)

    found = marks(marked)
    assert found["bureaucratic"] == [
        "Vedrørende",
        "i henhold til",
        "iverksettes",
        "snarest",
    ]
    assert found["passive"] == ["behandles", "iverksettes"]
    assert found["nominalisation"] == ["Gjennomføringen", "kartleggingen"]
    assert found["lix"]  # above the target: the whole text is marked
    assert (
        BeautifulSoup(marked, "html.parser").get_text()
        == BeautifulSoup(HEAVY, "html.parser").get_text()
    )
    assert "<b>behovet</b>" in marked


def test_a_plain_text_gets_no_marks():
    plain = "<p>Du kan søke nå. Vi svarer deg snart.</p>"

    assert mark_plain_language(plain, target=40) == plain


def test_the_checks_panel_of_a_story_has_the_norwegian_rules(editor_client, article):
    html = editor_client.get(
        reverse("wagtailadmin_pages:edit", args=[article.pk])
    ).content.decode()

    config = axe_configuration(html)
    rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
    assert rules["klarsprak-passive"]["selector"] == '[data-klarsprak~="passive"]'
    assert rules["klarsprak-passive"]["none"] == ["has-visible-text"]
    assert "klarsprak-passive" in config["options"]["runOnly"]
    assert "alt-text-quality" in config["options"]["runOnly"]  # Wagtail's stay
    message = config["messages"]["klarsprak-passive"]
    assert message["error_name"] == "Passive verb"
    assert "«Vi behandler søknaden»" in message["help_text"]
    assert "målet på 45" in config["messages"]["klarsprak-lix"]["help_text"]


def test_a_page_that_is_no_story_keeps_wagtails_checks(home_page):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client = Client()
    client.force_login(admin)

    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    ).content.decode()

    rules = [rule["id"] for rule in axe_configuration(html)["spec"]["rules"]]
    assert "alt-text-quality" in rules
    assert not any(rule.startswith("klarsprak") for rule in rules)


def test_the_preview_marks_what_the_checks_point_at(editor_client, article):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    data = edit_form_data(article, intro="Vedrørende saken: søknader vurderes nå.")

    assert editor_client.post(url, data).json()["is_valid"]
    found = marks(editor_client.get(url).content.decode())

    # The unsaved introduction, as typed in the editor.
    assert found["bureaucratic"] == ["Vedrørende"]
    assert found["passive"] == ["vurderes"]


def test_readers_of_the_published_page_get_it_unmarked(editor_client, article):
    reader = UserFactory(username="leser")
    client = Client()
    client.force_login(reader)

    html = client.get(article.url).content.decode()

    assert marks(html) == {}
    assert "Vedrørende søknaden vil den behandles" in html


def test_the_user_bar_on_the_page_has_the_marks_too(editor_client, article):
    html = editor_client.get(article.url + "?verktoy=1").content.decode()

    assert "sendes" in marks(html)["passive"]
    assert "klarsprak-passive" in json.dumps(axe_configuration(html))
