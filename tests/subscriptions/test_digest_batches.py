"""Digests at municipal scale: people in batches, shards, one mail connection.

Each person gets exactly one digest with exactly their items, however the
people fall into batches or shards; a second run sends nothing; view
restrictions are checked for each recipient at send time; and the work per
person does not grow with the number of people.
"""

import email
import email.policy
import itertools
import socket
import threading

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from intranet.subscriptions import delivery
from intranet.subscriptions.models import Delivery, Notification
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow
from tests.postgres import postgres_only

pytestmark = pytest.mark.django_db


def readers(count: int, *, prefix: str = "leser") -> list:
    people = [
        UserFactory(username=f"{prefix}{n}", email=f"{prefix}{n}@kommune.invalid")
        for n in range(count)
    ]
    for person in people:
        follow(person, topic="barnehage", delivery=Delivery.DAILY, name="Barnehage")
    return people


def digests_by_recipient() -> dict[str, list]:
    received: dict[str, list] = {}
    for message in mail.outbox:
        received.setdefault(message.to[0], []).append(message)
    return received


def test_each_person_gets_one_digest_with_their_own_items_across_batches(
    make_article, topic, unit
):
    people = readers(7)
    # Every third person also follows the unit and gets its article.
    for person in people[::3]:
        follow(person, unit="barnehagene", delivery=Delivery.DAILY, name="Min enhet")
    make_article("Felles barnehagenytt", topics=[topic])
    make_article("Bare for enheten", unit=unit)

    sent, failed = delivery.digests_send(period=Delivery.DAILY, batch_size=3)

    assert (sent, failed) == (7, 0)
    received = digests_by_recipient()
    assert sorted(received) == sorted(person.email for person in people)
    for number, person in enumerate(people):
        [message] = received[person.email]
        assert "Felles barnehagenytt" in message.body
        assert ("Bare for enheten" in message.body) == (number % 3 == 0)
        assert message.subject.endswith(f": {2 if number % 3 == 0 else 1} nye")
        html = message.alternatives[0].content
        assert html.count("Felles barnehagenytt") == 1
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_shards_split_the_people_and_a_second_run_sends_nothing(make_article, topic):
    people = readers(10)
    make_article("Barnehagenytt", topics=[topic])

    for part in ("1/3", "2/3", "3/3"):
        call_command("send_digests", period="daily", shard=part, verbosity=0)
    first_round = sorted(message.to[0] for message in mail.outbox)
    for part in ("1/3", "2/3", "3/3"):
        call_command("send_digests", period="daily", shard=part, verbosity=0)
    call_command("send_digests", period="daily", verbosity=0)

    assert first_round == sorted(person.email for person in people)
    assert len(mail.outbox) == 10


def test_one_shard_serves_only_its_part_of_the_people(make_article, topic):
    people = readers(6)
    make_article("Barnehagenytt", topics=[topic])

    delivery.digests_send(period=Delivery.DAILY, shard=delivery.Shard(2, 2))

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        person.email for person in people if person.pk % 2 == 1
    )
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 3


@pytest.mark.parametrize("value", ["0/3", "4/3", "1", "a/b", "1/0", "-1/2"])
def test_a_malformed_shard_is_refused_with_a_clear_message(value):
    with pytest.raises(CommandError, match="--shard takes a part"):
        call_command("send_digests", period="daily", shard=value)


def test_restricted_items_reach_only_those_who_may_open_them(make_article, topic):
    outsider, member, superuser = readers(3)
    superuser.is_superuser = True
    superuser.save()
    group = Group.objects.create(name="Barnevern")
    member.groups.add(group)
    outsider.groups.add(group)
    make_article("Åpen nyhet", topics=[topic])
    for kind, title in (
        (PageViewRestriction.GROUPS, "Intern barnevernsak"),
        (PageViewRestriction.LOGIN, "For alle innloggede"),
    ):
        article = make_article(title, topics=[topic], publish=False)
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=kind
        )
        restriction.groups.add(group)
        article.save_revision().publish()
    assert Notification.objects.filter(user=outsider).count() == 3
    # Groups change between the match and the digest: access is checked again
    # for each recipient when the digest is sent.
    outsider.groups.remove(group)

    delivery.digests_send(period=Delivery.DAILY, batch_size=10)

    received = {
        person: message.body for person, [message] in digests_by_recipient().items()
    }
    assert "Intern barnevernsak" not in received[outsider.email]
    assert "Intern barnevernsak" in received[member.email]
    assert "Intern barnevernsak" in received[superuser.email]
    for body in received.values():
        assert "Åpen nyhet" in body and "For alle innloggede" in body
    # Left out for good: a later run does not send it either.
    delivery.digests_send(period=Delivery.DAILY)
    assert len(mail.outbox) == 3


def test_the_queries_do_not_grow_with_the_number_of_people(make_article, topic):
    def queries() -> int:
        mail.outbox = []
        with CaptureQueriesContext(connection) as captured:
            sent, _failed = delivery.digests_send(period=Delivery.DAILY, batch_size=100)
        assert sent == len(mail.outbox)
        return len(captured)

    readers(4, prefix="liten")
    make_article("Barnehagenytt", topics=[topic])
    few = queries()
    readers(40, prefix="mange")
    make_article("Mer barnehagenytt", topics=[topic])
    many = queries()

    assert len(mail.outbox) == 44
    assert many == few


# A real mail server ------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        return free.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost that refuses addresses starting with
    "avvist" and, like many servers, more than `limit` messages per
    connection; yields its state."""
    from aiosmtpd.controller import Controller

    state = {"received": [], "connections": 0, "limit": 1000}
    numbers = itertools.count(1)

    class Handler:
        async def handle_MAIL(self, server, session, envelope, address, options):
            if not hasattr(session, "number"):
                session.number = next(numbers)
                session.messages = 0
                state["connections"] = session.number
            if session.messages >= state["limit"]:
                return "421 4.7.0 Too many messages on this connection"
            session.messages += 1
            envelope.mail_from = address
            return "250 OK"

        async def handle_RCPT(self, server, session, envelope, address, options):
            if address.startswith("avvist"):
                return "550 No such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            state["received"].append(
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
    settings.EMAIL_TIMEOUT = 5
    try:
        yield state
    finally:
        controller.stop()


def test_a_batch_goes_over_one_connection_and_a_refused_address_stops_no_one(
    smtp_server, make_article, topic
):
    people = readers(5)
    refused = UserFactory(username="avvist", email="avvist@kommune.invalid")
    follow(refused, topic="barnehage", delivery=Delivery.DAILY)
    make_article("Barnehagenytt", topics=[topic])

    sent, failed = delivery.digests_send(period=Delivery.DAILY, batch_size=50)

    assert (sent, failed) == (5, 1)
    assert sorted(message["To"] for message in smtp_server["received"]) == sorted(
        person.email for person in people
    )
    assert smtp_server["connections"] == 1
    assert Notification.objects.get(user=refused).given_up_at is not None
    assert not Notification.objects.filter(
        user__in=people, emailed_at__isnull=True
    ).exists()


def test_a_server_that_takes_few_messages_per_connection_still_gets_them_all(
    smtp_server, make_article, topic
):
    smtp_server["limit"] = 2
    people = readers(5)
    make_article("Barnehagenytt", topics=[topic])

    sent, failed = delivery.digests_send(period=Delivery.DAILY, batch_size=50)

    assert (sent, failed) == (5, 0)
    assert len(smtp_server["received"]) == 5
    assert smtp_server["connections"] == 3
    assert {message["To"] for message in smtp_server["received"]} == {
        person.email for person in people
    }


# Concurrency (PostgreSQL) ----------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_copies_of_the_same_shard_send_each_digest_once(make_article, topic):
    postgres_only("Row locking is tested on PostgreSQL only")
    people = readers(60)
    make_article("Barnehagenytt", topics=[topic])
    make_article("Mer barnehagenytt", topics=[topic])
    shard = delivery.Shard(1, 2)
    start = threading.Barrier(2)
    results = []

    def run():
        try:
            start.wait()
            results.append(
                delivery.digests_send(period=Delivery.DAILY, shard=shard, batch_size=4)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    expected = sorted(person.email for person in people if person.pk % 2 == 0)
    assert sorted(message.to[0] for message in mail.outbox) == expected
    # Never split: each digest has both items.
    assert {message.subject[-7:] for message in mail.outbox} == {": 2 nye"}
    assert sum(sent for sent, _failed in results) == 30
