"""The outbox through a mail server outage: retried with backoff for 72 hours,
then given up with the administrators told; the backlog in /healthz and on the
admin dashboard; never an email about a page its reader cannot open."""

import datetime
import email
import email.policy
import logging
import socket

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from intranet.core import health
from intranet.subscriptions.models import Delivery, Notification
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailServer:
    """A real SMTP server (aiosmtpd) on a fixed local port that can be down."""

    def __init__(self, port: int):
        self.port = port
        self.received: list[email.message.EmailMessage] = []
        self._controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        received = self.received

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):
                if address.startswith("avvist"):
                    return "550 No such user"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                received.append(
                    email.message_from_bytes(
                        envelope.content, policy=email.policy.default
                    )
                )
                return "250 Message accepted"

        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def mail_server(settings):
    """SMTP settings pointing at a port; the server starts down."""
    server = MailServer(free_port())
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 2
    settings.NOTIFICATION_RETRY_HOURS = 72
    settings.ADMINS = [("Drift", "drift@kommune.invalid")]
    settings.HEALTH_MIN_FREE_MB = 1
    health._smtp_results.clear()
    yield server
    server.stop()
    health._smtp_results.clear()


@pytest.fixture
def reader(db):
    return UserFactory(username="lise.leser", email="lise@kommune.invalid")


def run_worker(start: datetime.datetime, until: datetime.timedelta) -> None:
    """The delivery worker every 15 minutes from ``start`` for ``until``."""
    step = datetime.timedelta(minutes=15)
    moment = datetime.timedelta(0)
    while moment <= until:
        with time_machine.travel(start + moment, tick=False):
            call_command("deliver_notifications")
        moment += step


def test_an_outage_of_71_hours_delays_the_email_and_it_is_then_sent_once(
    reader, make_article, topic, mail_server, client
):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE, name="Barnehage")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_article("Ny barnehage åpner", topics=[topic])

    run_worker(start, until=2 * HOUR)
    with time_machine.travel(start + 2 * HOUR, tick=False):
        body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["outbox"] == "delayed"
    assert body["outbox_backlog"] == 1
    assert body["outbox_oldest_age_seconds"] == 2 * 3600

    run_worker(start + 2 * HOUR, until=69 * HOUR)
    waiting = Notification.objects.get()
    assert waiting.emailed_at is None and waiting.given_up_at is None
    assert waiting.attempts > 20  # the old cap gave up after 20

    mail_server.start()
    run_worker(start + 71 * HOUR, until=2 * HOUR)

    assert [message["To"] for message in mail_server.received] == [
        "lise@kommune.invalid"
    ]
    assert mail_server.received[0]["Subject"] == (
        "Nytt på intranettet: Ny barnehage åpner"
    )
    delivered = Notification.objects.get()
    assert delivered.emailed_at is not None and delivered.given_up_at is None
    with time_machine.travel(start + 74 * HOUR, tick=False):
        body = client.get("/healthz").json()
    assert body["outbox"] == "ok"
    assert body["outbox_backlog"] == 0
    assert body["outbox_oldest_age_seconds"] is None


def test_after_72_hours_the_email_is_given_up_and_administrators_are_told(
    reader, make_article, topic, mail_server, client, caplog
):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_article("Ny barnehage åpner", topics=[topic])

    with caplog.at_level(logging.ERROR, logger="intranet.subscriptions.delivery"):
        run_worker(start, until=71 * HOUR)
        assert Notification.objects.get().given_up_at is None
        run_worker(start + 71 * HOUR + 15 * datetime.timedelta(minutes=1), until=HOUR)

    notification = Notification.objects.get()
    assert notification.given_up_at is not None
    assert notification.emailed_at is None
    assert "Connection refused" in notification.last_error
    assert "Gave up 1 notification email(s) to lise@kommune.invalid" in caplog.text

    # The server coming back later sends nothing: given up is given up.
    mail_server.start()
    run_worker(start + 80 * HOUR, until=HOUR)
    assert mail_server.received == []

    with time_machine.travel(start + 81 * HOUR, tick=False):
        body = client.get("/healthz").json()
        admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        client.force_login(admin)
        dashboard = client.get("/admin/").content.decode()
        staff = UserFactory(username="kollega")
        client.force_login(staff)
        staff_dashboard = client.get("/admin/").content.decode()
    assert body["outbox_backlog"] == 0
    assert body["outbox_given_up"] == 1
    assert "1 e-post ble gitt opp de siste 7 dagene" in dashboard
    assert "lise@kommune.invalid" in dashboard
    assert "Ny barnehage åpner" in dashboard
    assert "gitt opp" not in staff_dashboard


def test_an_address_refused_for_good_is_given_up_at_once_and_admins_mailed(
    make_article, topic, mail_server
):
    refused = UserFactory(username="avvist", email="avvist@kommune.invalid")
    follow(refused, topic="barnehage", delivery=Delivery.IMMEDIATE)
    mail_server.start()
    make_article("Ny barnehage åpner", topics=[topic])

    call_command("deliver_notifications")

    notification = Notification.objects.get()
    assert notification.given_up_at is not None
    assert "550" in notification.last_error
    assert [message["To"] for message in mail_server.received] == [
        "drift@kommune.invalid"
    ]
    assert "avvist@kommune.invalid" in mail_server.received[0].get_content()


def test_the_admin_dashboard_shows_the_backlog_and_its_age(
    reader, make_article, topic, superuser, client
):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_article("Ny barnehage åpner", topics=[topic])
    client.force_login(superuser)

    with time_machine.travel(start + 3 * HOUR, tick=False):
        dashboard = client.get("/admin/").content.decode()

    assert "1 e-post er ikke levert ennå; den eldste har ventet i 3" in dashboard


def test_a_backlog_degrades_healthz_only_when_the_oldest_waits_too_long(
    reader, make_article, topic, client, settings
):
    settings.HEALTH_MIN_FREE_MB = 1
    settings.HEALTH_OUTBOX_MAX_AGE_MINUTES = 30
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_article("Ny barnehage åpner", topics=[topic])

    with time_machine.travel(start + datetime.timedelta(minutes=5), tick=False):
        fresh = client.get("/healthz")
    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        stuck = client.get("/healthz")

    assert fresh.status_code == 200
    assert fresh.json()["status"] == "ok"
    assert fresh.json()["outbox"] == "ok"
    assert fresh.json()["outbox_backlog"] == 1
    assert stuck.status_code == 200
    assert stuck.json()["status"] == "degraded"
    assert stuck.json()["outbox"] == "delayed"
    assert stuck.json()["outbox_oldest_age_seconds"] == 31 * 60


def test_a_failed_digest_is_retried_by_the_worker_within_the_hour(
    reader, make_article, topic, mail_server
):
    colleague = UserFactory(username="kollega", email="kollega@kommune.invalid")
    follow(reader, topic="barnehage", delivery=Delivery.DAILY)
    follow(colleague, topic="barnehage", delivery=Delivery.DAILY)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        make_article("Ny barnehage åpner", topics=[topic])
        call_command("send_digests", period="daily")
    # The second digest waits too, without a second wait for the same server.
    assert list(Notification.objects.values_list("attempts", flat=True)) == [1, 1]

    mail_server.start()
    run_worker(start, until=HOUR)

    assert sorted(message["To"] for message in mail_server.received) == [
        "kollega@kommune.invalid",
        "lise@kommune.invalid",
    ]
    plain = mail_server.received[0].get_body(("plain",)).get_content()
    assert "Ny barnehage åpner" in plain
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


# Only pages the reader can open ---------------------------------------------------


@pytest.fixture
def members(db):
    return Group.objects.create(name="Barnevern")


def publish_restricted(make_article, group, title, **fields):
    """Publish an article only ``group`` may see (restricted before it went live)."""
    article = make_article(title, publish=False, **fields)
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    article.save_revision().publish()
    return article


def test_no_email_about_a_page_that_is_no_longer_live(reader, make_article, topic):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    article = make_article("Ny barnehage åpner", topics=[topic])
    # What a late autosave did: the page row written back as not live, without
    # an unpublish (so nothing withdrew the notification).
    Page.objects.filter(pk=article.pk).update(live=False)

    call_command("deliver_notifications")

    assert mail.outbox == []
    notification = Notification.objects.get()
    assert notification.delivery == Delivery.INBOX
    call_command("deliver_notifications")
    assert mail.outbox == []


def test_no_email_to_someone_removed_from_the_group_the_page_is_for(
    reader, make_article, topic, members
):
    reader.groups.add(members)
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    publish_restricted(make_article, members, "Intern barnevernsak", topics=[topic])
    assert Notification.objects.filter(user=reader).exists()

    reader.groups.remove(members)
    call_command("deliver_notifications")

    assert mail.outbox == []


def test_no_email_when_a_restriction_is_left_without_groups(
    reader, make_article, topic
):
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    article = make_article("Ny barnehage åpner", topics=[topic])
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )

    call_command("deliver_notifications")

    assert mail.outbox == []


def test_a_digest_leaves_out_what_the_reader_can_no_longer_open(
    reader, make_article, topic, members
):
    reader.groups.add(members)
    follow(reader, topic="barnehage", delivery=Delivery.DAILY)
    make_article("Åpen nyhet", topics=[topic])
    publish_restricted(make_article, members, "Intern barnevernsak", topics=[topic])
    assert Notification.objects.filter(user=reader).count() == 2

    reader.groups.remove(members)
    call_command("send_digests", period="daily")
    call_command("send_digests", period="daily")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Din daglige oppsummering fra intranettet: 1 nye"
    assert "Åpen nyhet" in message.body
    assert "Intern barnevernsak" not in message.body
    assert "Intern barnevernsak" not in message.alternatives[0].content


def test_members_of_the_group_still_get_the_email(reader, make_article, topic, members):
    reader.groups.add(members)
    follow(reader, topic="barnehage", delivery=Delivery.IMMEDIATE)
    publish_restricted(make_article, members, "Intern barnevernsak", topics=[topic])

    call_command("deliver_notifications")

    assert [message.subject for message in mail.outbox] == [
        "Nytt på intranettet: Intern barnevernsak"
    ]
