"""Subscription fan-out benchmark: match one publication, render daily digests.

    .venv/bin/python benchmarks/fanout_bench.py                  # SQLite
    DATABASE_URL=postgres://user:pass@127.0.0.1:5432/empty_db \\
      .venv/bin/python benchmarks/fanout_bench.py                # PostgreSQL

5,000 people hold 3 subscriptions each (a topic, a unit and a text search, so
15,000 in all). Publishing one article that matches 2,000 of the people (through
overlapping subscriptions, so dedupe is exercised) is timed twice: the whole
publish (revision, index write, matching, notifications) and the matching
service alone. Then every person gets three digest items and the daily digests
for all 5,000 are built and "sent" to Django's local-memory mail backend.
Targets (issue 6): matching under 2 s, all digests under 60 s.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=5000)
    parser.add_argument("--matching", type=int, default=2000)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="fanout-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment
    from wagtail.models import Site

    from intranet.core.models import Topic, Unit
    from intranet.subscriptions import delivery, services
    from intranet.subscriptions.models import (
        Delivery,
        Notification,
        Subscription,
        SubscriptionFilter,
    )
    from news import services as news_services
    from search.documents import document_for_page
    from search.query import SearchQuery

    setup_test_environment()
    call_command("migrate", verbosity=0)
    print(
        f"Fan-out benchmark: {args.users} people x 3 subscriptions, "
        f"{args.matching} matching, database {connection.vendor}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    )

    hit_topic = Topic.objects.create(name="Treff", slug="treff")
    hit_unit = Unit.objects.create(name="Treffenheten", slug="treffenheten")
    for number in range(20):
        Topic.objects.create(name=f"Emne {number}", slug=f"emne-{number}")
        Unit.objects.create(name=f"Enhet {number}", slug=f"enhet-{number}")

    User = get_user_model()
    started = time.perf_counter()
    User.objects.bulk_create(
        [
            User(username=f"person{n}", email=f"person{n}@kommune.invalid")
            for n in range(args.users)
        ],
        batch_size=1000,
    )
    users = list(User.objects.filter(username__startswith="person").order_by("pk"))
    third = args.matching // 2
    subscriptions, pairs = [], []
    for index, user in enumerate(users):
        # topic hits the first half, unit the middle, text the second half:
        # their union is the first `matching` people.
        topic = "treff" if index < third else f"emne-{index % 20}"
        unit = (
            "treffenheten"
            if third // 2 <= index < third // 2 + third
            else f"enhet-{index % 20}"
        )
        words = "budsjettet" if third <= index < args.matching else "vannlekkasje"
        for query in (
            SearchQuery(topics=(topic,)),
            SearchQuery(units=(unit,)),
            SearchQuery(text=words),
        ):
            subscription = Subscription(
                user=user, name=str(query), delivery=Delivery.DAILY
            )
            services._store_query(subscription, query)
            subscriptions.append(subscription)
            pairs.append(services.filter_values(query.replace(page=1)))
    Subscription.objects.bulk_create(subscriptions, batch_size=1000)
    SubscriptionFilter.objects.bulk_create(
        [
            SubscriptionFilter(subscription=subscription, kind=kind, value=value)
            for subscription, values in zip(subscriptions, pairs, strict=True)
            for kind, value in values
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"setup: {len(subscriptions)} subscriptions in "
        f"{time.perf_counter() - started:.1f} s"
    )

    root = Site.objects.get(is_default_site=True).root_page
    index = news_services.news_index_create(parent=root, title="Nyheter", slug="nyh")
    article = news_services.news_article_create(
        index=index,
        title="Nytt budsjett for treffenheten",
        intro="Budsjettet er vedtatt.",
        unit=hit_unit,
        topics=[hit_topic],
        publish=False,
    )
    started = time.perf_counter()
    with transaction.atomic():
        article.save_revision().publish()
    publish_seconds = time.perf_counter() - started
    told = Notification.objects.filter(page=article).count()
    print(f"publish + match: {publish_seconds:.2f} s, {told} notifications")
    assert told == args.matching, told

    article.refresh_from_db()
    document = document_for_page(article)
    Notification.objects.all().delete()
    started = time.perf_counter()
    with transaction.atomic():
        made = services.notifications_create_for(page=article, document=document)
    print(f"matching service alone: {time.perf_counter() - started:.2f} s, {made}")

    # Three digest items per person.
    pages = [article] + [
        news_services.news_article_create(
            index=index, title=f"Sak {n}", intro=f"Ingress {n}.", publish=True
        )
        for n in range(2)
    ]
    Notification.objects.all().delete()
    first_subscription = {
        user_id: pk
        for pk, user_id in Subscription.objects.order_by("-pk").values_list(
            "pk", "user_id"
        )
    }
    Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                page=page,
                subscription_id=first_subscription[user.pk],
                delivery=Delivery.DAILY,
                title=page.title,
                url=page.url,
                intro=page.intro,
                content_type="news",
            )
            for user in users
            for page in pages
        ],
        batch_size=2000,
    )
    mail.outbox = []
    started = time.perf_counter()
    sent, failed = delivery.digests_send(period=Delivery.DAILY)
    digest_seconds = time.perf_counter() - started
    print(
        f"daily digests: {digest_seconds:.1f} s for {sent} people "
        f"({failed} failed, {len(mail.outbox)} messages)"
    )


if __name__ == "__main__":
    main()
