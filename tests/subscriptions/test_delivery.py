"""Emails from the outbox: immediate mail, digests, retries, one-click unsubscribe."""

import datetime
import email
import email.policy
import re
import socket
import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from intranet.subscriptions import delivery, services
from intranet.subscriptions.models import Delivery, Notification, Subscription
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow
from tests.postgres import postgres_only

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(db):
    return UserFactory(username="lise.leser", email="lise@kommune.invalid")


def free_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


@pytest.fixture
def smtp_down(settings):
    """Real SMTP settings pointing at a local port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 2


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on localhost; yields the received messages."""
    from aiosmtpd.controller import Controller

    received: list[email.message.EmailMessage] = []

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, options):
            if address.startswith("avvist"):
                return "550 No such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            received.append(
                email.message_from_bytes(envelope.content, policy=email.policy.default)
            )
            return "250 Message accepted"

    controller = Controller(Handler(), hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield received
    finally:
        controller.stop()


def test_immediate_email_is_sent_once_with_one_click_unsubscribe_headers(
    reader, make_article, topic
):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE, name="Barnehage")
    make_article("Ny barnehage åpner", topics=[topic])

    call_command("deliver_notifications")
    call_command("deliver_notifications")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["lise@kommune.invalid"]
    assert message.subject == "Nytt på intranettet: Ny barnehage åpner"
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert "/abonnementer/avmeld/" in message.extra_headers["List-Unsubscribe"]
    assert Notification.objects.get().emailed_at is not None


def test_inbox_only_subscriptions_send_no_email(reader, make_article, topic):
    follow(reader, topic="barnehage")
    make_article("Ny barnehage åpner", topics=[topic])

    call_command("deliver_notifications")
    call_command("send_digests", period="daily")

    assert mail.outbox == []


def test_an_smtp_failure_leaves_the_email_unsent_and_a_later_run_sends_it(
    reader, make_article, topic, smtp_down, settings
):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    make_article("Ny barnehage åpner", topics=[topic])

    call_command("deliver_notifications")

    notification = Notification.objects.get()
    assert notification.emailed_at is None
    assert notification.attempts == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("deliver_notifications")
    assert mail.outbox == []  # waits a minute before the next attempt

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=1)):
        call_command("deliver_notifications")

    assert len(mail.outbox) == 1
    assert Notification.objects.get().emailed_at is not None


def test_mail_through_a_real_smtp_server_has_both_parts_headers_and_links(
    reader, make_article, topic, smtp_server, client
):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE, name="Barnehage")
    make_article(
        "Ny barnehage åpner",
        topics=[topic],
        intro="Åpner 1. august.",
        slug="ny-barnehage",
    )

    call_command("deliver_notifications")

    assert len(smtp_server) == 1
    message = smtp_server[0]
    assert message["To"] == "lise@kommune.invalid"
    assert message["Subject"] == "Nytt på intranettet: Ny barnehage åpner"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Åpner 1. august." in plain
    assert "fordi du følger «Barnehage»" in plain
    assert '<a href="http://127.0.0.1:8000/nyheter/ny-barnehage/">' in html
    unsubscribe = re.search(r"<(http[^>]+)>", message["List-Unsubscribe"]).group(1)
    assert unsubscribe in plain
    path = unsubscribe.removeprefix("http://127.0.0.1:8000")
    assert client.post(path).status_code == 200
    assert Subscription.objects.get().delivery == Delivery.INBOX


def test_an_address_the_server_rejects_does_not_block_other_peoples_mail(
    reader, make_article, topic, smtp_server
):
    rejected = UserFactory(username="avvist", email="avvist@kommune.invalid")
    follow(rejected, topic="barnehage", delivery=Delivery.IMMEDIATE)
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    make_article("Ny barnehage åpner", topics=[topic])

    call_command("deliver_notifications")

    assert [message["To"] for message in smtp_server] == ["lise@kommune.invalid"]
    assert Notification.objects.get(user=rejected).emailed_at is None
    assert Notification.objects.get(user=reader).emailed_at is not None


def test_a_daily_digest_groups_by_subscription_newest_first(
    reader, make_article, topic, unit
):
    follow(reader, topic="barnehage", delivery=Delivery.DAILY, name="Barnehage")
    follow(reader, unit="barnehagene", delivery=Delivery.DAILY, name="Min enhet")
    follow(reader, q="vei", delivery=Delivery.WEEKLY, name="Veier")
    make_article("Første barnehagenytt", topics=[topic])
    make_article("Enhetsmøte", unit=unit)
    make_article("Andre barnehagenytt", topics=[topic])
    make_article("Ny vei")

    call_command("send_digests", period="daily")
    call_command("send_digests", period="daily")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Din daglige oppsummering fra intranettet: 3 nye"
    body = message.body
    assert body.index("Barnehage") < body.index("Andre barnehagenytt")
    assert body.index("Andre barnehagenytt") < body.index("Første barnehagenytt")
    assert body.index("Min enhet") < body.index("Enhetsmøte")
    assert "Ny vei" not in body
    html = message.alternatives[0].content
    assert "<h2>Barnehage</h2>" in html and "<h2>Min enhet</h2>" in html

    call_command("send_digests", period="weekly")
    assert len(mail.outbox) == 2
    assert "Ny vei" in mail.outbox[1].body


@pytest.mark.postgres
# serialized_rollback: the flush at the end must not take the role groups and
# the site (made by migrations) from the tests after it in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_digest_runs_send_each_digest_once(
    make_article, topic, settings
):

    postgres_only("Row locking is tested on PostgreSQL only")
    readers = [UserFactory(username=f"leser{number}") for number in range(40)]
    for user in readers:
        follow(user, topic="barnehage", delivery=Delivery.DAILY)
    make_article("Barnehagenytt", topics=[topic])
    make_article("Mer barnehagenytt", topics=[topic])

    start = threading.Barrier(2)
    results = []

    def run():
        try:
            start.wait()
            results.append(delivery.digests_send(period="daily"))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(user.email for user in readers)
    assert sum(sent for sent, _failed in results) == 40
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


# Unsubscribing ---------------------------------------------------------------


@pytest.fixture
def immediate(reader):
    return follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE, name="Bh")


def test_the_unsubscribe_link_asks_first_then_works_without_login_and_again(
    client, immediate
):
    url = delivery.unsubscribe_url(immediate).removeprefix("http://127.0.0.1:8000")

    response = client.get(url)
    assert response.status_code == 200
    assert "Stopp e-post for «Bh»?" in response.content.decode()
    immediate.refresh_from_db()
    assert immediate.delivery == Delivery.IMMEDIATE

    assert client.post(url).status_code == 200
    immediate.refresh_from_db()
    assert immediate.delivery == Delivery.INBOX
    second = client.post(url)
    assert second.status_code == 200
    assert "Du får ikke flere e-poster" in second.content.decode()


def test_a_tampered_unsubscribe_token_is_refused(client, immediate):
    token = delivery.unsubscribe_token(subscription=immediate)
    user_id, rest = token.split(":", 1)
    forged = f"{user_id}:{immediate.pk + 1}:{rest.split(':', 1)[1]}"

    response = client.post(f"/abonnementer/avmeld/{forged}/")

    assert response.status_code == 400
    assert "ikke gyldig" in response.content.decode()
    immediate.refresh_from_db()
    assert immediate.delivery == Delivery.IMMEDIATE


def test_an_expired_unsubscribe_token_is_refused(client, immediate):
    url = delivery.unsubscribe_url(immediate).removeprefix("http://127.0.0.1:8000")

    with time_machine.travel(timezone.now() + datetime.timedelta(days=91)):
        response = client.post(url)

    assert response.status_code == 400
    immediate.refresh_from_db()
    assert immediate.delivery == Delivery.IMMEDIATE


def test_broken_subscriptions_never_stop_delivery_or_their_pages(
    reader, make_article, topic, client
):
    from intranet.core.models import Topic

    gone = Topic.objects.create(name="Nedlagt", slug="nedlagt")
    follow(reader, topic="nedlagt", delivery=Delivery.IMMEDIATE, name="Nedlagt")
    gone.delete()
    unreadable = follow(reader, q="budsjett", delivery=Delivery.IMMEDIATE)
    Subscription.objects.filter(pk=unreadable.pk).update(query="ikke et søk")
    other = UserFactory(username="annen")
    follow(other, topic="barnehage", delivery=Delivery.IMMEDIATE)

    make_article("Barnehage", topics=[topic])
    call_command("deliver_notifications")

    assert [message.to for message in mail.outbox] == [[other.email]]
    client.force_login(reader)
    assert client.get("/abonnementer/").status_code == 200
    services.feed_token_regenerate(user=reader)
    token = reader.feed_token.token
    feed = client.get(f"/abonnementer/feed/{token}/{unreadable.pk}/")
    assert feed.status_code == 200
    assert b"<entry>" not in feed.content


def test_digest_items_show_the_intro_and_a_thumbnail_of_the_image(
    reader, make_article, topic
):
    from tests.factories.news import ImageFactory

    follow(reader, topic="barnehage", delivery=Delivery.WEEKLY, name="Barnehage")
    make_article(
        "Med bilde",
        topics=[topic],
        intro="Se bildet.",
        hero_image=ImageFactory(),
        hero_image_alt="Barn som leker",
    )
    make_article("Uten bilde", topics=[topic], intro="Ingen bilder her.")

    call_command("send_digests", period="weekly")

    html = mail.outbox[0].alternatives[0].content
    assert html.count("<img ") == 1
    assert re.search(r'<img src="http://127\.0\.0\.1:8000/[^"]+fill-160x90', html)
    assert "Se bildet." in html and "Ingen bilder her." in html
    assert mail.outbox[0].subject == "Din ukentlige oppsummering fra intranettet: 2 nye"


def test_one_click_in_a_digest_stops_that_digest_for_all_its_subscriptions(
    reader, make_article, topic, client
):
    follow(reader, topic="barnehage", delivery=Delivery.DAILY, name="Barnehage")
    follow(reader, q="barnehage", delivery=Delivery.DAILY, name="Søk")
    follow(reader, q="vei", delivery=Delivery.IMMEDIATE, name="Vei")
    make_article("Barnehage åpner", topics=[topic])
    call_command("send_digests", period="daily")
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    url = header.strip("<>").removeprefix("http://127.0.0.1:8000")

    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200

    deliveries = dict(Subscription.objects.values_list("name", "delivery"))
    assert deliveries == {
        "Barnehage": Delivery.INBOX,
        "Søk": Delivery.INBOX,
        "Vei": Delivery.IMMEDIATE,
    }
    make_article("Barnehage stenger", topics=[topic])
    call_command("send_digests", period="daily")
    assert len(mail.outbox) == 1


def test_emails_are_written_in_the_language_each_person_chose(
    make_article, topic, unit
):
    from wagtail.users.models import UserProfile

    nynorsk = UserFactory(username="nils.nynorsk", email="nils@kommune.invalid")
    profile = UserProfile.get_for_user(nynorsk)
    profile.preferred_language = "nn"
    profile.save()
    bokmal = UserFactory(username="berit.bokmal", email="berit@kommune.invalid")
    for person in (nynorsk, bokmal):
        follow(person, unit="barnehagene", delivery=Delivery.IMMEDIATE, name="Enhet")
        follow(person, topic="barnehage", delivery=Delivery.DAILY, name="Barnehage")
    make_article("Enhetsmøte", unit=unit)
    make_article("Ny barnehage åpner", topics=[topic])

    call_command("deliver_notifications")
    call_command("send_digests", period="daily")

    mails = {(message.to[0], message.subject): message for message in mail.outbox}
    nn_now = ("nils@kommune.invalid", "Nytt på intranettet: Enhetsmøte")
    nb_now = ("berit@kommune.invalid", "Nytt på intranettet: Enhetsmøte")
    nn_daily = (
        "nils@kommune.invalid",
        "Den daglege oppsummeringa di frå intranettet: 1 nye",
    )
    nb_daily = (
        "berit@kommune.invalid",
        "Din daglige oppsummering fra intranettet: 1 nye",
    )
    assert set(mails) == {nn_now, nb_now, nn_daily, nb_daily}
    assert "fordi du følgjer «Enhet»" in mails[nn_now].body
    assert "fordi du følger «Enhet»" in mails[nb_now].body
    assert "Nytt på intranettet sidan i går:" in mails[nn_daily].body
    assert "Ny barnehage åpner" in mails[nn_daily].body
    assert "Nytt på intranettet siden i går:" in mails[nb_daily].body
