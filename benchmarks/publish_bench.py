"""Publishing a case and an update on a database built by `scale_bench.py --keep`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intranet_scale030 \\
      .venv/bin/python benchmarks/publish_bench.py --rounds 15 --followers 600

Times, in-process, `case_publish` of a changed case, `revision.publish()` of a
draft update and `case_update_create(publish=True)`, on a unit many people
follow, and counts their queries and the people told. `--followers N` first adds
N people who follow that unit (kept, so a second run reuses them). The pages it
makes are deleted at the end; the database is otherwise left as it was.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--followers", type=int, default=0)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.dev")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from benchmarks.scale_bench import PERSON
    from cases.models import CasePage
    from cases.services import case_publish, case_update_create
    from intranet.core.models import Unit
    from intranet.subscriptions.models import Notification, Subscription
    from intranet.subscriptions.services import subscription_create
    from search.query import SearchQuery

    person = get_user_model().objects.get(username=PERSON)
    case = (
        CasePage.objects.live()
        .filter(case_owners__user=person, slug__startswith="skala-sak-")
        .order_by("pk")
        .first()
    )
    unit = Unit.objects.get(
        slug=Subscription.objects.filter(filters__kind="unit")
        .values_list("filters__value", flat=True)
        .order_by()
        .first()
    )
    users = get_user_model().objects
    for number in range(args.followers):
        follower, _created = users.get_or_create(
            username=f"publish-bench-{number}",
            defaults={"email": f"publish-bench-{number}@example.org"},
        )
        subscription_create(
            user=follower, query=SearchQuery(units=(unit.slug,)), name=unit.name
        )
    print(
        f"{Subscription.objects.count()} subscriptions, "
        f"{Subscription.objects.filter(filters__value=unit.slug).count()} on "
        f"{unit.slug}; {Notification.objects.count()} notifications"
    )

    labels = ("publish a case", "publish an update", "create and publish an update")
    times: dict[str, list[float]] = {label: [] for label in labels}
    queries: dict[str, list[int]] = {label: [] for label in labels}
    told: list[int] = []
    made = []

    def timed(label: str, number: int, action) -> None:
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action()
            elapsed = (time.perf_counter() - started) * 1000
        if number >= args.warmup:
            times[label].append(elapsed)
            queries[label].append(len(captured))

    for number in range(args.warmup + args.rounds):
        case = CasePage.objects.get(pk=case.pk)
        case.summary = f"{case.summary.split(' [')[0]} [runde {number}]"
        timed("publish a case", number, partial(case_publish, case=case, user=person))
        fields = {
            "case": case,
            "intro": "En oppdatering om skole og barnehage i kommunen.",
            "author": person,
            "publication_date": timezone.now(),
            "unit": unit,
        }
        draft = case_update_create(
            title=f"Publiseringsmåling {number}", publish=False, **fields
        )
        made.append(draft)
        revision = draft.latest_revision
        timed("publish an update", number, partial(revision.publish, user=person))
        told.append(Notification.objects.filter(page_id=draft.pk).count())

        create = partial(
            case_update_create, title=f"Publiseringsmåling {number} b", **fields
        )
        timed("create and publish an update", number, create)
        made.append(draft.get_next_siblings().last().specific)
    for update in made:
        update.delete()
    print(f"people told per update: {statistics.median(told)}")
    for label in labels:
        ordered = sorted(times[label])
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(
            f"{label}: median {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms, "
            f"{statistics.median_low(queries[label])} queries"
        )


if __name__ == "__main__":
    main()
