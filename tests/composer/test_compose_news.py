"""Editors and the communication team write news in the composer."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from news import services as news_services
from news.models import NewsPage
from tests.composer.helpers import composer_form
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

URL = "/skriv/nyhet/"


@pytest.fixture
def news_index(home_page):
    return news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor", first_name="Rita", groups=[STAFF, EDITORS])


def test_the_address_is_the_named_one():
    assert reverse("composer:news_new") == URL


def test_editors_find_skriv_nyhet_on_the_front_page_and_news_listing(
    client, editor, news_index, home_page
):
    client.force_login(editor)

    front = client.get(home_page.url).content.decode()
    listing = client.get(news_index.url).content.decode()

    assert f'href="{URL}">Skriv nyhet' in front
    assert f'href="{URL}">Skriv nyhet' in listing


def test_staff_see_no_skriv_nyhet_and_may_not_use_it(client, news_index, home_page):
    client.force_login(UserFactory(username="ansatt"))

    assert "Skriv nyhet" not in client.get(home_page.url).content.decode()
    assert "Skriv nyhet" not in client.get(news_index.url).content.decode()
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"title": "X", "action": "publish"}).status_code == 403


@pytest.mark.parametrize("groups", [[STAFF, EDITORS], [STAFF, COMMUNICATION]])
def test_an_editor_publishes_a_pinned_news_item(client, news_index, home_page, groups):
    client.force_login(UserFactory(username="skribent", groups=groups))
    until = timezone.localdate() + datetime.timedelta(days=7)
    data = composer_form(
        client,
        URL,
        title="Nytt telefonsystem fra mandag",
        intro="Alle får nye nummer. Les hva du må gjøre.",
        text="1. Logg inn\n2. Bytt passord",
        important_until=until.isoformat(),
        action="publish",
    )

    response = client.post(URL, data, follow=True)

    article = NewsPage.objects.get()
    assert article.live and article.important and article.important_until == until
    assert response.redirect_chain[-1][0] == article.url
    assert article.date == timezone.localdate()
    front = client.get(home_page.url).content.decode()
    assert "Nytt telefonsystem fra mandag" in front
    assert "Viktig" in front


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "Velg i dag eller en senere dag, eller la feltet stå tomt."),
        (61, "En nyhet kan festes i høyst 60 dager."),
    ],
)
def test_a_pin_date_out_of_range_is_refused(client, editor, news_index, days, message):
    client.force_login(editor)
    until = timezone.localdate() + datetime.timedelta(days=days)
    data = composer_form(
        client,
        URL,
        title="Festet",
        intro="Ingress.",
        important_until=until.isoformat(),
        action="publish",
    )

    response = client.post(URL, data)

    assert message in response.content.decode()
    assert not NewsPage.objects.exists()


def test_editing_news_keeps_its_day_and_can_unpin(client, editor, news_index):
    client.force_login(editor)
    until = timezone.localdate() + datetime.timedelta(days=3)
    client.post(
        URL,
        composer_form(
            client,
            URL,
            title="Festet nyhet",
            intro="Ingress.",
            important_until=until.isoformat(),
            action="publish",
        ),
    )
    article = NewsPage.objects.get()
    edit_url = reverse("composer:edit", args=[article.pk])

    data = composer_form(client, edit_url, important_until="", action="publish")
    assert data["title"] == ["Festet nyhet"]
    client.post(edit_url, data)

    article.refresh_from_db()
    assert not article.important and article.important_until is None
    assert article.date == timezone.localdate()


@time_machine.travel(
    datetime.datetime(2026, 12, 4, 6, 30, tzinfo=ZoneInfo("Europe/Oslo")), tick=False
)
def test_news_published_before_nine_can_be_edited_the_same_morning(
    client, editor, news_index
):
    client.force_login(editor)
    client.post(
        URL,
        composer_form(
            client, URL, title="Tidlig nyhet", intro="Ingress.", action="publish"
        ),
    )
    article = NewsPage.objects.get()
    edit_url = reverse("composer:edit", args=[article.pk])

    data = composer_form(client, edit_url, intro="Rettet ingress.", action="publish")
    response = client.post(edit_url, data)

    assert "frem i tid" not in response.content.decode()
    article.refresh_from_db()
    assert article.intro == "Rettet ingress."
    assert article.date == datetime.date(2026, 12, 4)


NEWS_PEOPLE = {
    "staff": [STAFF],
    "no group": [],
    "editor": [STAFF, EDITORS],
    "communication": [STAFF, COMMUNICATION],
}


@pytest.mark.parametrize("who", NEWS_PEOPLE)
def test_writing_news_follows_the_admins_rule(client, news_index, who):
    client.force_login(UserFactory(username="person", groups=NEWS_PEOPLE[who]))
    admin = client.get(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
    )

    composer = client.get(URL)
    sent = client.post(URL, {"title": "Uønsket", "intro": "X", "action": "publish"})

    assert (composer.status_code == 200) is (admin.status_code == 200)
    if composer.status_code != 200:
        assert composer.status_code == sent.status_code == 403
    assert not NewsPage.objects.filter(title="Uønsket").exists()


def test_the_author_edits_news_from_the_article(client, editor, news_index):
    client.force_login(editor)
    client.post(
        URL,
        composer_form(
            client, URL, title="Egen nyhet", intro="Ingress.", action="publish"
        ),
    )
    article = NewsPage.objects.get()

    html = client.get(article.url).content.decode()

    assert f'href="{reverse("composer:edit", args=[article.pk])}">Rediger' in html
    assert reverse("composer:unpublish", args=[article.pk]) in html


def test_news_from_the_composer_opens_and_saves_in_the_wagtail_editor(
    client, editor, news_index
):
    from tests.cases.admin_forms import edit_form_data, publish

    client.force_login(editor)
    client.post(
        URL,
        composer_form(
            client,
            URL,
            title="Fra skriveverktøyet",
            intro="Ingress.",
            action="publish",
        ),
    )
    article = NewsPage.objects.get()

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]),
        publish(edit_form_data(article, intro="Endret i editoren.")),
    )

    article.refresh_from_db()
    assert response.status_code == 302
    assert article.live and article.intro == "Endret i editoren."


def test_news_written_in_the_wagtail_editor_opens_in_the_composer(
    client, editor, news_index
):
    from tests.factories.news import NewsPageFactory

    article = NewsPageFactory(
        parent=news_index,
        title="Fra editoren",
        owner=editor,
        body=[("paragraph", "<p>Skrevet med <b>Draftail</b>.</p>")],
    )
    article.save_revision(user=editor).publish(user=editor)
    client.force_login(editor)
    url = reverse("composer:edit", args=[article.pk])

    data = composer_form(client, url, action="publish")
    client.post(url, data)

    article.refresh_from_db()
    assert data["text"] == ["Skrevet med **Draftail**."]
    assert "<b>Draftail</b>" in article.body[0].value.source
    assert article.latest_revision.user == editor


def test_skriv_nyhet_is_kept_per_set_of_groups_and_follows_their_rights(
    client, editor, news_index, home_page
):
    """The button is kept for everyone in the same groups (another editor's
    front page builds none), and a change of who may write shows at the next
    visit: a person joining the editors, a group given the right."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    write_news = "composer/includes/write_news.html"

    def front(user) -> tuple[str, bool]:
        client.force_login(user)
        response = client.get(home_page.url)
        built = any(t.name == write_news for t in response.templates)
        return response.content.decode(), built

    assert "Skriv nyhet" in front(editor)[0]
    other_editor = UserFactory(username="redaktor2", groups=[STAFF, EDITORS])
    html, built = front(other_editor)
    assert "Skriv nyhet" in html and not built

    colleague = UserFactory(username="ansatt", groups=[STAFF])
    assert "Skriv nyhet" not in front(colleague)[0]
    colleague.groups.add(Group.objects.get(name=EDITORS))
    assert "Skriv nyhet" in front(colleague)[0]

    reporter_group = Group.objects.create(name="Skolereportere")
    reporter = UserFactory(username="reporter", groups=[STAFF])
    reporter.groups.add(reporter_group)
    assert "Skriv nyhet" not in front(reporter)[0]
    GroupPagePermission.objects.create(
        group=reporter_group,
        page=news_index,
        permission=Permission.objects.get(codename="add_page"),
    )
    assert "Skriv nyhet" in front(reporter)[0]
