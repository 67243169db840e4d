"""The moderators' queue in the Wagtail admin."""

import pytest
from wagtail.models import ModelLogEntry

from intranet.dialogue import services
from intranet.dialogue.models import Comment
from tests.factories.core import UserFactory
from tests.factories.dialogue import CommentFactory

pytestmark = pytest.mark.django_db
QUEUE = "/admin/kommentarer/"


@pytest.fixture
def reported(article, colleague, other):
    comment = CommentFactory(page=article, author=colleague, text="Usaklig utsagn")
    services.comment_report(comment=comment, user=other)
    return comment


def test_staff_get_403_on_every_queue_url(client, colleague, reported):
    client.force_login(colleague)

    assert client.get(QUEUE).status_code == 403
    response = client.post(f"{QUEUE}{reported.pk}/", {"action": "hide", "reason": "x"})
    assert response.status_code == 403
    reported.refresh_from_db()
    assert reported.hidden_at is None


@pytest.mark.parametrize("who", ["author", "communication", "superuser"])
def test_moderators_see_reported_comments(request, client, reported, who):
    user = (
        UserFactory(username="root", is_superuser=True, is_staff=True)
        if who == "superuser"
        else request.getfixturevalue(who)
    )
    client.force_login(user)

    html = client.get(QUEUE).content.decode()

    assert "Kommentarer til moderering" in html
    assert "Usaklig utsagn" in html
    assert "Rapportert av 1 person" in html


def test_the_menu_shows_the_queue_to_moderators_only(client, author, colleague):
    client.force_login(author)
    assert "Kommentarer til moderering" in client.get("/admin/").content.decode()


def test_hiding_from_the_queue_moves_it_to_hidden_and_logs_it(client, author, reported):
    client.force_login(author)

    response = client.post(
        f"{QUEUE}{reported.pk}/",
        {"action": "hide", "reason": "Personangrep", "vis": "rapportert"},
        follow=True,
    )

    assert "Kommentaren er skjult." in response.content.decode()
    assert "Usaklig utsagn" not in client.get(QUEUE).content.decode()
    hidden = client.get(QUEUE, {"vis": "skjult"}).content.decode()
    assert "Usaklig utsagn" in hidden and "Personangrep" in hidden
    assert ModelLogEntry.objects.filter(
        action="dialogue.comment.hide", user=author, object_id=str(reported.pk)
    ).exists()


def test_a_hide_without_reason_is_refused_with_a_message(client, author, reported):
    client.force_login(author)

    response = client.post(f"{QUEUE}{reported.pk}/", {"action": "hide"}, follow=True)

    assert "Skriv hvorfor kommentaren skjules." in response.content.decode()
    assert Comment.objects.get().hidden_at is None


def test_dismissing_a_report_keeps_the_comment(client, author, reported):
    client.force_login(author)

    client.post(f"{QUEUE}{reported.pk}/", {"action": "dismiss"})

    reported.refresh_from_db()
    assert reported.reported_at is None and reported.hidden_at is None
    assert "Ingen kommentarer venter" in client.get(QUEUE).content.decode()


def test_unhiding_from_the_queue(client, communication, reported):
    services.comment_hide(comment=reported, user=communication, reason="Feil")
    client.force_login(communication)

    client.post(f"{QUEUE}{reported.pk}/", {"action": "unhide", "vis": "skjult"})

    reported.refresh_from_db()
    assert reported.hidden_at is None
    assert ModelLogEntry.objects.filter(action="dialogue.comment.unhide").exists()


def test_moderation_shows_in_the_admin_history_report(client, author, reported):
    services.comment_hide(comment=reported, user=author, reason="Personangrep")
    client.force_login(author)

    html = client.get("/admin/reports/site-history/").content.decode()

    assert "Kommentar skjult" in html


def test_unknown_actions_get_a_message(client, author, reported):
    client.force_login(author)

    response = client.post(f"{QUEUE}{reported.pk}/", {"action": "slett"}, follow=True)

    assert "Velg hva som skal skje med kommentaren." in response.content.decode()
    assert client.post(f"{QUEUE}999999/", {"action": "hide"}).status_code == 404
