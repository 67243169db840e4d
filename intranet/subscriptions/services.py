"""Writes for subscriptions and notifications: follow, match on publish,
personal notifications, the inbox, feed tokens.

Matching runs inside the publish transaction, against the database index the
same transaction has just written, whatever engine serves searches: search
tells (``search.signals``) and a notification is stored atomically with the
page's publication, so it can never be lost between two systems. Emails go out
later from the ``Notification`` rows (an outbox, see ``delivery``).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import BigIntegerField, Case, Count, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from intranet.core.models import StaffProfile
from intranet.subscriptions.models import (
    DELIVERY_URGENCY,
    Delivery,
    FeedToken,
    Notification,
    NotificationKind,
    PersonalDelivery,
    Subscription,
    SubscriptionDefaults,
    SubscriptionFilter,
    new_feed_token,
)
from intranet.subscriptions.selectors import notification_keys
from search import text
from search.backends import database_backend
from search.backends.database import day_number
from search.documents import RESTRICTION_GROUPS, SearchDocument
from search.hooks import DEFAULT_FOLLOWS
from search.query import SearchQuery
from search.searchable import notifying_content_types
from search.synonyms import expand_query

# Subscriptions ----------------------------------------------------------------


def filter_values(query: SearchQuery) -> list[tuple[str, str]]:
    """(kind, value) pairs of a query's structured filters, as matching sees them."""
    pairs = [("type", value) for value in query.types]
    pairs += [("unit", value) for value in query.units]
    pairs += [("topic", value) for value in query.topics]
    pairs += [("theme", value) for value in query.themes]
    pairs += [("tag", value.lower()[:150]) for value in query.tags]
    pairs += [("year", str(value)) for value in query.years]
    if query.case is not None:
        pairs.append(("case", str(query.case)))
    if query.person:
        pairs.append(("person", query.person))
    return pairs


def document_values(document: SearchDocument) -> dict[str, list[str]]:
    """A document's values per filter kind (the counterpart of ``filter_values``)."""
    return {
        "type": [document.content_type],
        "unit": document.units,
        "topic": list(document.topics),
        "theme": list(document.themes),
        "tag": [tag.lower()[:150] for tag in document.tags],
        "year": [str(document.year)],
        "case": [str(document.case_id)] if document.case_id else [],
        "person": list(document.people),
    }


def _store_text(subscription: Subscription, query: SearchQuery) -> None:
    """The query's text ready for each engine, with its synonyms added as the
    search page adds them, so a followed search hears of what it would find.
    PostgreSQL's is of the folded words, as the indexed text it is matched
    against (``stored_text_matches``)."""
    parsed = text.parse(expand_query(query).text)
    subscription.text_fts = text.to_fts5(parsed)[:2000] if parsed else ""
    subscription.text_tsquery = (
        text.to_tsquery(parsed.folded())[:2000] if parsed else ""
    )


def _store_query(subscription: Subscription, query: SearchQuery) -> None:
    query = query.replace(page=1, sort="newest")
    pairs = filter_values(query)
    subscription.query = query.to_json()
    subscription.kind_count = len({kind for kind, _value in pairs})
    _store_text(subscription, query)
    subscription.day_from = day_number(query.date_from) if query.date_from else None
    subscription.day_to = day_number(query.date_to) if query.date_to else None


def subscription_create(
    *,
    user: AbstractBaseUser,
    query: SearchQuery,
    name: str,
    delivery: str = Delivery.INBOX,
) -> Subscription:
    """Follow a search. Following the same search twice returns the first one."""
    query = query.replace(page=1, sort="newest")
    existing = Subscription.objects.filter(user=user, query=query.to_json()).first()
    if existing is not None:
        return existing
    subscription = Subscription(
        user=user, name=name[:200] or _("My search"), delivery=delivery
    )
    _store_query(subscription, query)
    with transaction.atomic():
        subscription.save()
        SubscriptionFilter.objects.bulk_create(
            [
                SubscriptionFilter(subscription=subscription, kind=kind, value=value)
                for kind, value in dict.fromkeys(filter_values(query))
            ]
        )
    return subscription


def subscription_texts_restore(*, batch_size: int = 500) -> int:
    """Store every followed search's text again (the synonyms changed);
    returns how many changed."""
    changed = []
    followed = Subscription.objects.exclude(text_fts="").only(
        "pk", "query", "text_fts", "text_tsquery"
    )
    for subscription in followed.iterator(chunk_size=batch_size):
        before = (subscription.text_fts, subscription.text_tsquery)
        _store_text(subscription, subscription_query(subscription))
        if (subscription.text_fts, subscription.text_tsquery) != before:
            changed.append(subscription)
    Subscription.objects.bulk_update(
        changed, ["text_fts", "text_tsquery"], batch_size=batch_size
    )
    return len(changed)


def subscription_update(
    *,
    subscription: Subscription,
    name: str | None = None,
    delivery: str | None = None,
    paused: bool | None = None,
) -> Subscription:
    """Rename a subscription, change its delivery, or pause/resume it."""
    if name is not None and name.strip():
        subscription.name = name.strip()[:200]
    if delivery is not None and delivery in Delivery.values:
        subscription.delivery = delivery
    if paused is not None:
        subscription.paused = paused
    subscription.save(update_fields=["name", "delivery", "paused"])
    return subscription


def subscription_delete(*, subscription: Subscription) -> None:
    """Stop following; notifications already given stay in the inbox."""
    subscription.delete()


def subscription_query(subscription: Subscription) -> SearchQuery:
    return SearchQuery.from_json(subscription.query)


def subscription_defaults_apply(*, user: AbstractBaseUser) -> int:
    """Follow the person's own unit, and what the apps below offer through the
    ``DEFAULT_FOLLOWS`` hook (cases: the cases they own), once (first login).

    Returns the number of subscriptions made; later logins make none, so what
    a person unfollows stays unfollowed.
    """
    _marker, created = SubscriptionDefaults.objects.get_or_create(user=user)
    if not created:
        return 0
    follows: list[tuple[SearchQuery, str]] = []
    profile = StaffProfile.objects.select_related("unit").filter(user=user).first()
    if profile is not None and profile.unit is not None:
        follows.append((SearchQuery(units=(profile.unit.slug,)), profile.unit.name))
    for offer in hooks.get_hooks(DEFAULT_FOLLOWS):
        follows += offer(user)
    for query, name in follows:
        subscription_create(user=user, query=query, name=name)
    return len(follows)


# Matching on publish ------------------------------------------------------------


def _text_matches(document: SearchDocument):
    """True where the subscription has no text or its text matches the
    document's indexed text; one expression evaluated per subscription row."""
    quote = connection.ops.quote_name
    table = quote(Subscription._meta.db_table)
    return database_backend().stored_text_matches(
        page_id=document.id,
        fts5_column=f"{table}.{quote('text_fts')}",
        tsquery_column=f"{table}.{quote('text_tsquery')}",
    )


def matching_subscriptions(*, document: SearchDocument):
    """Every active subscription whose query matches the (indexed) document and
    whose owner may see it, as one query.

    A subscription matches when, for every filter kind it constrains, one of its
    values is among the document's, its dates include the document's day, and
    its text (if any) matches the document's indexed text.
    """
    hit = Q(pk__in=[])
    matching_filter = Q(pk__in=[])
    for kind, kind_values in document_values(document).items():
        if kind_values:
            hit |= Q(filters__kind=kind, filters__value__in=kind_values)
            matching_filter |= Q(kind=kind, value__in=kind_values)
    # Only a subscription with no filters, or with one of its filters among the
    # document's values, can match: found through the filters' value index, so
    # the counting and the text test below see those few, not every
    # subscription in the municipality.
    candidates = SubscriptionFilter.objects.filter(matching_filter).values(
        "subscription_id"
    )
    day = day_number(document.local_date)
    subscriptions = (
        Subscription.objects.filter(paused=False, user__is_active=True)
        .filter(Q(kind_count=0) | Q(pk__in=candidates))
        .filter(Q(day_from__isnull=True) | Q(day_from__lte=day))
        .filter(Q(day_to__isnull=True) | Q(day_to__gte=day))
        .annotate(hit_kinds=Count("filters__kind", filter=hit, distinct=True))
        .filter(hit_kinds=F("kind_count"))
        .filter(_text_matches(document))
    )
    if document.restriction == RESTRICTION_GROUPS:
        subscriptions = subscriptions.filter(
            Q(user__is_superuser=True) | Q(user__groups__in=document.group_ids)
        )
    return subscriptions


def _authors(page: Page) -> set[int]:
    authors = {page.owner_id}
    for name in ("author_id",):
        authors.add(getattr(page, name, None))
    revision = page.latest_revision
    if revision is not None:
        authors.add(revision.user_id)
    return {user_id for user_id in authors if user_id}


# A person's matching subscriptions are ranked by one number: the urgency of
# their delivery times this, plus their id; the lowest wins.
_RANK_BASE = 10**12


def notifications_create_for(*, page: Page, document: SearchDocument) -> int:
    """Notify everyone with a matching subscription about a published item.

    One notification per person and item whichever and however many of their
    subscriptions match (the most urgent delivery wins); never the author;
    never twice for the same item. Returns the number of new notifications.

    The match, the choice per person and the insert are one SQL statement
    (``INSERT … SELECT``) in the publish's transaction: publishing costs the
    same few queries and no Python work per person however many are told,
    and the notifications commit or roll back with the publish.
    """
    if document.content_type not in notifying_content_types():
        return 0
    rank = Case(
        *(
            When(delivery=delivery, then=Value(urgency * _RANK_BASE))
            for delivery, urgency in DELIVERY_URGENCY.items()
        ),
        output_field=BigIntegerField(),
    ) + F("pk")
    ranked = (
        matching_subscriptions(document=document)
        .exclude(user_id__in=_authors(page))
        .annotate(rank=rank)
        .values_list("user_id", "rank")
        .order_by()
    )
    matching_sql, matching_params = ranked.query.sql_with_params()
    fixed = {
        "page_id": page.pk,
        "kind": NotificationKind.MATCH.value,
        "key": "",
        "title": document.title[:255],
        "url": document.url[:1000],
        "intro": document.intro,
        "content_type": document.content_type,
        "created_at": timezone.now(),
        "attempts": 0,
        "last_error": "",
    }
    q = connection.ops.quote_name
    columns = ", ".join(map(q, ["user_id", "subscription_id", "delivery", *fixed]))
    deliveries = " ".join("WHEN %s THEN %s" for _urgency in DELIVERY_URGENCY)
    values = (
        f"{q('user_id')}, {q('rank')} %% %s, CASE {q('rank')} / %s {deliveries} END, "
        + ", ".join(["%s"] * len(fixed))
    )
    # Only quoted names and placeholders go into the text; values are parameters.
    # ``WHERE 1 = 1`` lets SQLite tell the SELECT from ON CONFLICT; a conflict
    # is a notification the person already has about the page.
    sql = (
        f"INSERT INTO {q(Notification._meta.db_table)} ({columns}) "  # noqa: S608
        f"SELECT {values} FROM ("
        f"SELECT {q('user_id')}, MIN({q('rank')}) AS {q('rank')} "
        f"FROM ({matching_sql}) matching GROUP BY {q('user_id')}"
        ") best WHERE 1 = 1 ON CONFLICT DO NOTHING"
    )
    params = [
        _RANK_BASE,
        _RANK_BASE,
        *(
            value
            for delivery, urgency in DELIVERY_URGENCY.items()
            for value in (urgency, str(delivery))
        ),
        *fixed.values(),
        *matching_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(cursor.rowcount, 0)


# Personal notifications ----------------------------------------------------------

# The unsubscribe target that stops a person's personal emails.
PERSONAL = "personal"


def personal_delivery_set(*, user: AbstractBaseUser, delivery: str) -> PersonalDelivery:
    """Choose how to hear about reminders, comments, replies and mentions."""
    if delivery not in Delivery.values:
        raise ValueError(delivery)
    setting, _created = PersonalDelivery.objects.update_or_create(
        user=user, defaults={"delivery": delivery}
    )
    return setting


#: Rows per query when many personal notifications are written at once.
SEND_BATCH_SIZE = 500


@dataclass(frozen=True)
class PersonalMessage:
    """One thing to tell some people personally, once per person and ``key``."""

    user_ids: Sequence[int]
    key: str
    title: str
    url: str
    intro: str = ""
    page_id: int | None = None


def _batches(items: Sequence, size: int = SEND_BATCH_SIZE) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def notifications_send_many(
    *,
    kind: str,
    messages: Sequence[PersonalMessage],
    actor_id: int | None = None,
) -> int:
    """Tell people about things addressed to them personally: reminders,
    comments on their story, replies, mentions, questions about their pages.

    Each person's own delivery choice applies (immediate email when they made
    none); the actor is never told about their own doing; a person is told
    about one ``key`` once, however often this runs (the outbox's unique
    constraint holds under a race too), so callers may simply run again. A
    fixed number of queries per ``SEND_BATCH_SIZE`` keys, people and rows,
    however many messages. Returns the number of new notifications.
    """
    if kind == NotificationKind.MATCH:
        raise ValueError("personal notifications need a personal kind")
    wanted = {}
    for message in messages:
        if not message.key:
            raise ValueError("personal notifications need a key")
        key = message.key[:100]
        for user_id in message.user_ids:
            if user_id and user_id != actor_id:
                wanted.setdefault((user_id, key), message)
    if not wanted:
        return 0
    keys = sorted({key for _user_id, key in wanted})
    for batch in _batches(keys):
        already = Notification.objects.filter(key__in=batch).values_list(
            "user_id", "key"
        )
        for pair in already:
            wanted.pop(pair, None)
    people = sorted({user_id for user_id, _key in wanted})
    chosen: dict[int, str] = {}
    for batch in _batches(people):
        chosen.update(
            PersonalDelivery.objects.filter(user_id__in=batch).values_list(
                "user_id", "delivery"
            )
        )
    Notification.objects.bulk_create(
        [
            Notification(
                user_id=user_id,
                page_id=message.page_id,
                kind=kind,
                key=key,
                delivery=chosen.get(user_id, Delivery.IMMEDIATE),
                title=message.title[:255],
                url=message.url[:1000],
                intro=message.intro,
                content_type=kind,
            )
            for (user_id, key), message in sorted(wanted.items(), key=lambda w: w[0])
        ],
        batch_size=SEND_BATCH_SIZE,
        ignore_conflicts=True,
    )
    unread_counts_forget(user_ids=people)
    return len(wanted)


def notifications_send(
    *,
    user_ids: Iterable[int],
    kind: str,
    key: str,
    title: str,
    url: str,
    intro: str = "",
    page_id: int | None = None,
    actor_id: int | None = None,
) -> int:
    """`notifications_send_many` for one message."""
    if not key:
        raise ValueError("personal notifications need a kind and a key")
    message = PersonalMessage(
        user_ids=list(user_ids),
        key=key,
        title=title,
        url=url,
        intro=intro,
        page_id=page_id,
    )
    return notifications_send_many(kind=kind, messages=[message], actor_id=actor_id)


# The inbox ----------------------------------------------------------------------


def unread_counts_forget(*, user_ids: Iterable[int]) -> None:
    """The header's unread count of these people, and their newest items on
    the front page, are read again: now, and once the caller's transaction
    commits (a request reading in between would keep what was before)."""
    keys = [key for user_id in user_ids for key in notification_keys(user_id)]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def notification_mark_read(*, user: AbstractBaseUser, notification_id: int) -> bool:
    """Mark one of the person's notifications read; False if it is not theirs."""
    marked = Notification.objects.filter(
        pk=notification_id, user=user, read_at__isnull=True
    ).update(read_at=timezone.now())
    if marked:
        unread_counts_forget(user_ids=[user.pk])
        return True
    return Notification.objects.filter(pk=notification_id, user=user).exists()


def notifications_mark_all_read(*, user: AbstractBaseUser) -> int:
    """Mark every unread notification of the person read."""
    marked = Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_counts_forget(user_ids=[user.pk])
    return marked


# Feed tokens --------------------------------------------------------------------


def feed_token_regenerate(*, user: AbstractBaseUser) -> FeedToken:
    """A new secret for the person's feeds; the old addresses stop working."""
    token, created = FeedToken.objects.get_or_create(user=user)
    if not created:
        token.token = new_feed_token()
        token.save(update_fields=["token", "created_at"])
    return token


def feed_token_revoke(*, user: AbstractBaseUser) -> None:
    """Switch the person's feeds off."""
    FeedToken.objects.filter(user=user).delete()


def notifications_withdraw(*, page_id: int, document: SearchDocument | None) -> int:
    """Take back notifications about a page that people may no longer see.

    A page that is unpublished, deleted or password-protected (no document) loses
    all its notifications; a page now restricted to groups keeps them only for
    members of those groups and superusers. Returns how many were removed.
    """
    if document is None:
        return notifications_withdraw_many(documents=[], removed=[page_id])
    return notifications_withdraw_many(documents=[document], removed=[])


def notifications_withdraw_many(
    *, documents: Iterable[SearchDocument], removed: Iterable[int]
) -> int:
    """``notifications_withdraw`` for many pages: the documents of pages still
    found and the ids of pages that are not. One delete per distinct group
    restriction, whatever the number of pages."""
    withdrawn = 0
    removed = list(removed)
    if removed:
        withdrawn += Notification.objects.filter(page_id__in=removed).delete()[0]
    # A group restriction is saved before its groups are (Wagtail's privacy form
    # included); the groups arrive a moment later and trigger this again.
    pages_by_groups: dict[tuple[int, ...], list[int]] = defaultdict(list)
    for document in documents:
        if document.restriction == RESTRICTION_GROUPS and document.group_ids:
            pages_by_groups[tuple(document.group_ids)].append(document.id)
    for group_ids, page_ids in pages_by_groups.items():
        members = get_user_model().objects.filter(
            Q(is_superuser=True) | Q(groups__in=group_ids)
        )
        withdrawn += (
            Notification.objects.filter(page_id__in=page_ids)
            .exclude(user__in=members)
            .delete()[0]
        )
    return withdrawn
