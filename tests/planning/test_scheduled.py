"""Scheduled publishing is visible: the people who may edit a page see when it
goes live or is unpublished, in the annual plan and on "Mine saker"; nobody
else learns the title of a page that is not live."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intranet.core.roles import EDITORS, STAFF
from news import services as news_services
from tests.factories.cases import CasePageFactory, CaseUpdatePageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

IN_TWO_DAYS = datetime.timedelta(days=2)


@pytest.fixture
def news_index(home_page):
    return news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )


@pytest.fixture
def editor(db):
    return UserFactory(username="redaktor", groups=[STAFF, EDITORS])


def schedule(page, user, **dates: datetime.datetime) -> None:
    """What "Publish" in Wagtail's editor does with dates in the future."""
    for name, value in dates.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user, skip_permission_checks=True)


def draft_article(news_index, editor, title: str):
    return news_services.news_article_create(
        index=news_index,
        title=title,
        intro="Kommer snart.",
        owner=editor,
        publish=False,
    )


def plan_pages(when: datetime.datetime) -> list[str]:
    local = timezone.localtime(when)
    return [
        f"/arshjul/{local.year}/",
        f"/arshjul/{local.year}/{local.month}/",
        "/arshjul/agenda/",
        "/mine-saker/",
    ]


def test_an_editor_sees_a_scheduled_article_in_the_plan_and_my_cases(
    client, news_index, editor
):
    article = draft_article(news_index, editor, "Ny turnusordning fra nyttår")
    go_live_at = timezone.now() + IN_TWO_DAYS
    schedule(article, editor, go_live_at=go_live_at)
    client.force_login(editor)

    for path in plan_pages(go_live_at):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "Planlagt publisering" in body, path
        assert "Ny turnusordning fra nyttår" in body, path
        assert "Publiseres" in body, path
        assert f"/admin/pages/{article.pk}/edit/" in body, path


def test_a_colleague_who_cannot_edit_it_learns_nothing(client, news_index, editor):
    article = draft_article(news_index, editor, "Omorganisering i teknisk sektor")
    go_live_at = timezone.now() + IN_TWO_DAYS
    schedule(article, editor, go_live_at=go_live_at)
    client.force_login(UserFactory(username="kollega"))

    for path in plan_pages(go_live_at):
        body = client.get(path).content.decode()
        assert "Omorganisering i teknisk sektor" not in body, path
        assert "Planlagt publisering" not in body, path


def test_a_case_owner_sees_the_scheduled_expiry_of_their_update(client, home_page):
    from tests.factories.cases import CaseIndexPageFactory

    owner = UserFactory(username="eier")
    case_index = CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")
    case = CasePageFactory(parent=case_index, title="Ny bru", owners=[owner])
    update = CaseUpdatePageFactory(parent=case, title="Stengt vei i sommer")
    expire_at = timezone.now() + IN_TWO_DAYS
    schedule(update, owner, expire_at=expire_at)

    client.force_login(owner)
    body = client.get("/mine-saker/").content.decode()
    assert "Stengt vei i sommer" in body
    assert "Avpubliseres" in body

    client.force_login(UserFactory(username="kollega"))
    assert "Avpubliseres" not in client.get("/mine-saker/").content.decode()


def test_what_has_gone_live_is_no_longer_listed(client, news_index, editor):
    article = draft_article(news_index, editor, "Allerede ute")
    schedule(article, editor, go_live_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(editor)

    assert "Allerede ute" not in client.get("/arshjul/agenda/").content.decode()


def test_another_year_shows_only_its_own_schedule(client, news_index, editor):
    article = draft_article(news_index, editor, "Neste års budsjett")
    go_live_at = timezone.now() + datetime.timedelta(days=400)
    schedule(article, editor, go_live_at=go_live_at)
    client.force_login(editor)
    this_year = timezone.localdate().year

    assert (
        "Neste års budsjett"
        not in client.get(f"/arshjul/{this_year}/").content.decode()
    )
    next_year = timezone.localtime(go_live_at).year
    assert "Neste års budsjett" in client.get(f"/arshjul/{next_year}/").content.decode()


def test_the_list_costs_the_same_queries_for_two_and_ten_scheduled(
    client, news_index, editor
):
    def agenda_queries() -> int:
        client.force_login(editor)
        client.get("/arshjul/agenda/")  # what every page caches is cached now
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/arshjul/agenda/").status_code == 200
        return len(queries)

    for number in range(2):
        schedule(
            draft_article(news_index, editor, f"Planlagt {number}"),
            editor,
            go_live_at=timezone.now() + IN_TWO_DAYS,
        )
    few = agenda_queries()
    for number in range(2, 10):
        schedule(
            draft_article(news_index, editor, f"Planlagt {number}"),
            editor,
            go_live_at=timezone.now() + IN_TWO_DAYS,
        )

    assert agenda_queries() == few
