"""Notifications addressed to one person: reminders, comments, mentions."""

import pytest
from django.core import mail
from django.core.management import call_command

from intranet.subscriptions import services
from intranet.subscriptions.models import Delivery, Notification, NotificationKind
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(db):
    return UserFactory(username="ola.eier", email="ola@kommune.invalid")


def remind(*user_ids, key="reminder:activity:1:7", actor_id=None):
    return services.notifications_send(
        user_ids=user_ids,
        kind=NotificationKind.REMINDER,
        key=key,
        title="Budsjettmøtet er om 7 dager",
        url="/arshjul/aktivitet/1/",
        intro="Husk å skrive nyheten før møtet.",
        actor_id=actor_id,
    )


def test_a_person_is_told_once_per_key_however_often_it_runs(owner):
    assert remind(owner.pk) == 1
    assert remind(owner.pk) == 0
    assert remind(owner.pk, key="reminder:activity:1:1") == 1

    assert Notification.objects.filter(user=owner).count() == 2


def test_the_actor_is_never_told_about_their_own_doing(owner):
    other = UserFactory()

    assert remind(owner.pk, other.pk, actor_id=owner.pk) == 1

    assert list(Notification.objects.values_list("user_id", flat=True)) == [other.pk]


def test_immediate_email_by_default_and_the_inbox_names_the_kind(owner, client):
    remind(owner.pk)
    call_command("deliver_notifications")
    call_command("deliver_notifications")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Fra intranettet: Budsjettmøtet er om 7 dager"
    assert "Påminnelse" in mail.outbox[0].body

    client.force_login(owner)
    inbox = client.get("/varsler/").content.decode()
    assert "Budsjettmøtet er om 7 dager" in inbox
    assert "Påminnelse" in inbox


def test_the_chosen_delivery_applies_and_digests_list_them_for_you(owner, client):
    client.force_login(owner)
    response = client.post("/abonnementer/varsler-til-meg/", {"delivery": "daily"})
    assert response.status_code == 302
    remind(owner.pk)

    call_command("deliver_notifications")
    assert mail.outbox == []
    call_command("send_digests", period="daily")

    assert len(mail.outbox) == 1
    assert "== For deg ==" in mail.outbox[0].body
    assert "Budsjettmøtet er om 7 dager" in mail.outbox[0].body


def test_an_unknown_delivery_is_refused_with_a_message(owner, client):
    client.force_login(owner)

    response = client.post(
        "/abonnementer/varsler-til-meg/", {"delivery": "brevdue"}, follow=True
    )

    assert "Velg en av måtene" in response.content.decode()
    remind(owner.pk)
    assert Notification.objects.get().delivery == Delivery.IMMEDIATE


def test_the_unsubscribe_link_stops_personal_emails_but_keeps_the_inbox(owner, client):
    remind(owner.pk)
    call_command("deliver_notifications")
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[1].split("/", 1)[1]

    asked = client.get("/" + path)
    assert "Stoppe e-poster om påminnelser" in asked.content.decode()
    done = client.post("/" + path)
    assert "Du får ikke flere e-poster" in done.content.decode()

    remind(owner.pk, key="reminder:activity:2:7")
    call_command("deliver_notifications")
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(user=owner).count() == 2
