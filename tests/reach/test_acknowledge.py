""" "Jeg har lest": only for the audience, once, and it says when."""

import pytest
from django.utils import formats, timezone

from intranet.reach.models import Acknowledgement
from intranet.reach.services import mustread_announce
from intranet.subscriptions.models import Notification, NotificationKind
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

BUTTON = "Jeg har lest"


def ack_url(page) -> str:
    return f"/ma-leses/{page.pk}/lest/"


def test_a_person_in_the_audience_confirms_once(client, make_must_read, nurse):
    article = make_must_read(everyone=True)
    client.force_login(nurse)

    html = client.get(article.url).content.decode()
    assert BUTTON in html
    assert ack_url(article) in html

    response = client.post(ack_url(article), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == article.url
    today = formats.date_format(timezone.localdate(), "j. F Y")
    assert f"Du bekreftet at du har lest dette {today}" in html
    assert BUTTON not in html
    assert Acknowledgement.objects.filter(user=nurse, page=article).count() == 1


def test_a_second_confirmation_creates_no_duplicate_and_no_error(
    client, make_must_read, nurse
):
    article = make_must_read(everyone=True)
    client.force_login(nurse)
    client.post(ack_url(article))

    response = client.post(ack_url(article), follow=True)

    assert response.status_code == 200
    assert "Du hadde allerede bekreftet" in response.content.decode()
    assert Acknowledgement.objects.filter(user=nurse, page=article).count() == 1


def test_confirming_marks_the_must_read_notification_read(
    client, make_must_read, nurse
):
    article = make_must_read(everyone=True)
    mustread_announce(page_id=article.pk)
    note = Notification.objects.get(user=nurse, kind=NotificationKind.MUST_READ)
    assert note.read_at is None
    client.force_login(nurse)

    client.post(ack_url(article))

    note.refresh_from_db()
    assert note.read_at is not None


def test_a_person_outside_the_audience_sees_no_button_and_is_refused(
    client, make_must_read, home_care, nurse, teacher
):
    article = make_must_read(units=[home_care])
    client.force_login(teacher)

    assert BUTTON not in client.get(article.url).content.decode()
    response = client.post(ack_url(article))

    assert response.status_code == 403
    assert "ikke blant dem du er bedt om å lese" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_bad_requests_to_the_confirmation(client, make_must_read, news_index, nurse):
    article = make_must_read(everyone=True)
    ordinary = NewsPageFactory(parent=news_index)
    client.force_login(nurse)

    assert client.get(ack_url(article)).status_code == 405
    assert client.post("/ma-leses/999999/lest/").status_code == 404
    assert client.post(ack_url(ordinary)).status_code == 404
    assert client.post(f"/ma-leses/{2**64}/lest/").status_code == 404
    assert not Acknowledgement.objects.exists()


def test_an_ordinary_story_shows_no_must_read_box(client, news_index, nurse):
    ordinary = NewsPageFactory(parent=news_index)
    client.force_login(nurse)

    assert "Må leses" not in client.get(ordinary.url).content.decode()


def test_signed_out_people_are_sent_to_log_in(client, make_must_read):
    article = make_must_read(everyone=True)

    response = client.post(ack_url(article))

    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"]


def test_the_database_refuses_a_second_confirmation(make_must_read, nurse):
    from django.db import IntegrityError, transaction

    article = make_must_read(everyone=True)
    Acknowledgement.objects.create(user=nurse, page=article)

    with pytest.raises(IntegrityError), transaction.atomic():
        Acknowledgement.objects.create(user=nurse, page=article)
