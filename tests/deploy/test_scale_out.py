"""Two application servers on one PostgreSQL database and one Redis cache, as the
README's "Scaling out" describes: what is published through one is read at once
through the other, and the delivery commands running on both at the same time
send every e-mail exactly once.

Needs Redis on 127.0.0.1:6379 (skipped without it, except under `make test-prod`,
where REQUIRE_POSTGRES makes a missing service a failure). The test uses Redis
database 14 and empties it before and after.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import socket
import subprocess
import sys
import time
from collections import Counter

import pytest

from tests.deploy.harness import ROOT, Server, shell

REDIS_DB = 14
TITLE = "Felles hurtigbuffer på to servere"
WORD = "tonodetest"
IMMEDIATE_READERS = 12
DAILY_READERS = 6

PUBLISH = """
from django.contrib.auth import get_user_model
from news.models import NewsIndexPage
from news.services import news_article_create
news_article_create(index=NewsIndexPage.objects.get(), title={title!r},
                    slug="felles-hurtigbuffer", intro="Om {word} på to servere.",
                    owner=get_user_model().objects.get(username="admin"))
"""
FOLLOWERS = """
from django.contrib.auth import get_user_model
from search.query import SearchQuery
from intranet.subscriptions.services import subscription_create
User = get_user_model()
query = SearchQuery.from_querydict({{"q": [{word!r}]}})
for number in range({immediate} + {daily}):
    user = User.objects.create_user(f"tonode{{number}}",
                                    email=f"tonode{{number}}@kommune.invalid")
    subscription_create(user=user, name={word!r}, query=query,
                        delivery="immediate" if number < {immediate} else "daily")
"""
CLEAN_UP = """
from django.contrib.auth import get_user_model
from news.models import NewsPage
NewsPage.objects.filter(slug="felles-hurtigbuffer").delete()
get_user_model().objects.filter(username__startswith="tonode").delete()
"""


class MailSink:
    """A real SMTP server (aiosmtpd) that keeps every message it accepts.

    It takes a moment per message, as a real server does, so that two delivery
    runs started together are still at work at the same time."""

    def __init__(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.messages: list[email.message.EmailMessage] = []
        self._controller = None

    def __enter__(self) -> MailSink:
        from aiosmtpd.controller import Controller

        messages = self.messages

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                await asyncio.sleep(0.15)
                messages.append(
                    email.message_from_bytes(
                        envelope.content, policy=email.policy.default
                    )
                )
                return "250 Message accepted"

        self._controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._controller.stop()

    def received_by(self, prefix: str) -> Counter:
        """How often each (recipient, subject) arrived, for recipients with `prefix`."""
        return Counter(
            # A long encoded subject is folded, and its first line left empty.
            (message["To"], str(message["Subject"]).strip())
            for message in self.messages
            if message["To"].startswith(prefix)
        )


@pytest.fixture
def redis_cache():
    """Redis database REDIS_DB, empty, as a CACHE_URL."""
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
        client.ping()
    except Exception as exc:  # noqa: BLE001 - any failure means no Redis here
        if os.environ.get("REQUIRE_POSTGRES") or os.environ.get("REQUIRE_REDIS"):
            raise
        pytest.skip(f"No Redis on 127.0.0.1:6379: {exc}")
    client.flushdb()
    yield client, f"rediscache://127.0.0.1:6379/{REDIS_DB}"
    client.flushdb()


def start_together(env: dict, *argument_lists: list[str]) -> list[str]:
    """Runs manage.py commands at the same time; their output, once all ended."""
    processes = [
        subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
            [sys.executable, str(ROOT / "manage.py"), *arguments],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for arguments in argument_lists
    ]
    outputs = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr[-3000:]
        outputs.append(stdout)
    return outputs


def test_two_servers_share_the_database_and_cache_and_mail_once(
    site_env, redis_cache, tmp_path
):
    redis_client, cache_url = redis_cache
    with MailSink() as sink:
        env = dict(
            site_env,
            CACHE_URL=cache_url,
            EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
            EMAIL_TIMEOUT="10",
        )
        first = Server(env, tmp_path / "a").start()
        second = Server(env, tmp_path / "b").start()
        try:
            session_first = first.login("kari.nordmann")
            session_second = second.login("kari.nordmann")
            # Both fill the shared cache with the front page as it is now.
            for server, session in ((first, session_first), (second, session_second)):
                front = server.get("/", session=session)
                assert front.status_code == 200
                assert TITLE not in front.text
            assert redis_client.dbsize() > 0, "the servers do not use Redis"

            shell(
                env,
                FOLLOWERS.format(
                    word=WORD, immediate=IMMEDIATE_READERS, daily=DAILY_READERS
                ),
            )
            # Published by a process of the first server's configuration.
            shell(env, PUBLISH.format(title=TITLE, word=WORD))

            # The other server shows it at once: no stale copy in the cache.
            for server, session in ((second, session_second), (first, session_first)):
                assert TITLE in server.get("/", session=session).text
                assert TITLE in server.get("/nyheter/", session=session).text
                found = server.get(f"/sok/?q={WORD}", session=session).text
                assert "/nyheter/felles-hurtigbuffer/" in found

            # Both servers run the notification worker and the daily digest
            # timer; their runs overlap.
            start_together(env, ["deliver_notifications"], ["deliver_notifications"])
            start_together(
                env,
                ["send_digests", "--period", "daily"],
                ["send_digests", "--period", "daily"],
            )
            time.sleep(0.5)  # the sink's last message
            immediate = sink.received_by("tonode")
            assert len(immediate) == IMMEDIATE_READERS + DAILY_READERS
            assert set(immediate.values()) == {1}, immediate
            subjects = Counter(subject for _to, subject in immediate)
            assert subjects[f"Nytt på intranettet: {TITLE}"] == IMMEDIATE_READERS
            assert (
                sum(
                    count
                    for subject, count in subjects.items()
                    if "oppsummering" in subject
                )
                == DAILY_READERS
            )

            # Running them again on either server sends nothing more.
            start_together(
                env, ["deliver_notifications"], ["send_digests", "--period", "daily"]
            )
            assert sink.received_by("tonode") == immediate
        finally:
            shell(env, CLEAN_UP, check=False)
            for server in (first, second):
                assert server.stop() == 0
