"""Delivery of the outbox: unsubscribing, e-mail, immediate delivery, digests.

Emails go out from the ``Notification`` rows that ``services`` wrote, so a mail
server that is down delays mail but loses none.
"""

import dataclasses
import datetime
import functools
import logging
import smtplib
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection, mail_admins
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Length, Mod, Substr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from intranet.core.page_access import visible_to
from intranet.core.selectors import chosen_languages
from intranet.subscriptions.models import (
    Delivery,
    Notification,
    NotificationKind,
    PersonalDelivery,
    Subscription,
)
from intranet.subscriptions.services import PERSONAL

logger = logging.getLogger(__name__)

# Tokens made before the move into this app carry the old salt; they keep working.
UNSUBSCRIBE_SALT = "search.unsubscribe"
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=90)


# Unsubscribing --------------------------------------------------------------------


def unsubscribe_token(
    *, subscription: Subscription | None = None, user=None, period: str = ""
) -> str:
    """A signed token that stops one subscription's emails, or (with ``user``
    and ``period``) all of a person's daily or weekly digests."""
    target = (
        f"{subscription.user_id}:{subscription.pk}"
        if subscription
        else (f"{user.pk}:{period}")
    )
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign(target)


def unsubscribe_check(token: str) -> tuple[int, int | str] | None:
    """(user id, subscription id or digest period) of a valid token; None if
    forged or expired."""
    try:
        value = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign(
            token, max_age=UNSUBSCRIBE_MAX_AGE
        )
        user_id, target = value.split(":")
        if target in (Delivery.DAILY, Delivery.WEEKLY, PERSONAL):
            return int(user_id), str(target)
        return int(user_id), int(target)
    except (signing.BadSignature, ValueError):
        return None


def unsubscribe(*, user_id: int, target: int | str) -> bool:
    """Stop emails for a subscription, or for all of a digest period; the
    subscriptions stay, delivered to the inbox only.

    Idempotent: True whether this or an earlier call did it, or the
    subscription is gone.
    """
    if target == PERSONAL:
        PersonalDelivery.objects.update_or_create(
            user_id=user_id, defaults={"delivery": Delivery.INBOX}
        )
        Notification.objects.filter(
            user_id=user_id, emailed_at__isnull=True, subscription__isnull=True
        ).exclude(kind=NotificationKind.MATCH).update(delivery=Delivery.INBOX)
        return True
    if isinstance(target, str):
        subscriptions = Subscription.objects.filter(user_id=user_id, delivery=target)
        notifications = Notification.objects.filter(user_id=user_id, delivery=target)
    else:
        subscriptions = Subscription.objects.filter(pk=target, user_id=user_id)
        notifications = Notification.objects.filter(
            subscription_id=target, user_id=user_id
        )
    subscriptions.update(delivery=Delivery.INBOX)
    notifications.filter(emailed_at__isnull=True).update(delivery=Delivery.INBOX)
    return True


def unsubscribe_url(
    subscription: Subscription | None = None, *, user=None, period: str = ""
) -> str:
    token = unsubscribe_token(subscription=subscription, user=user, period=period)
    path = reverse("subscriptions:unsubscribe", args=[token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


# Delivery ------------------------------------------------------------------------
#
# A failed email is retried with a growing pause (RETRY_FIRST_DELAY doubling up
# to RETRY_MAX_DELAY) for at least NOTIFICATION_RETRY_HOURS after its first
# failure, so a mail server that is down for a weekend loses nothing. Only an
# address the server refuses for good (5xx to RCPT) or a message that cannot be
# built is given up at once. Whatever is given up is logged as an error, mailed
# to ADMINS when mail works, and listed on the admin dashboard when it does not.

RETRY_FIRST_DELAY = datetime.timedelta(minutes=1)
RETRY_MAX_DELAY = datetime.timedelta(hours=1)


def retry_delay(attempts: int) -> datetime.timedelta:
    """The pause after the ``attempts``-th failure: 1, 2, 4 ... minutes, at most
    an hour."""
    return min(RETRY_FIRST_DELAY * 2 ** min(max(attempts - 1, 0), 12), RETRY_MAX_DELAY)


def retry_window() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.NOTIFICATION_RETRY_HOURS)


def _is_permanent(exc: Exception) -> bool:
    """Retrying cannot help: the server refused every recipient for good (5xx),
    or the message cannot be built (a header Django refuses)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    return isinstance(exc, ValueError)


def _is_server_wide(exc: Exception) -> bool:
    """The failure is the server's, not this message's (no connection, refused
    login or sender): every other email of this run would fail the same way."""
    return not isinstance(
        exc, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError | ValueError
    )


def _message(
    *, user, subject: str, template: str, context: dict, unsubscribe: str
) -> EmailMultiAlternatives:
    """The email, in the active language (`_in_language_of`)."""
    context = {**context, "user": user, "unsubscribe_url": unsubscribe}
    body = render_to_string(f"subscriptions/email/{template}.txt", context)
    html = render_to_string(f"subscriptions/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _send(message: EmailMultiAlternatives) -> Exception | None:
    """Send one message; the failure, or None once the server accepted it."""
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any SMTP failure: recorded, retried
        logger.warning("Email to %s failed: %s", message.to, exc)
        return exc
    return None


def _delivered(notification_ids: list[int]) -> None:
    Notification.objects.filter(pk__in=notification_ids).update(
        emailed_at=timezone.now(), next_attempt_at=None
    )


def _not_to_be_sent(notification_ids: list[int]) -> None:
    """The inbox keeps them (it checks access when read); no email goes out."""
    Notification.objects.filter(pk__in=notification_ids).update(
        delivery=Delivery.INBOX, next_attempt_at=None
    )


def notifications_record_failure(
    *, notification_ids: Iterable[int], error: Exception
) -> list[Notification]:
    """Count a failed attempt on unsent notifications and schedule the next one.

    A notification is given up when the failure is permanent or it has been
    failing for ``NOTIFICATION_RETRY_HOURS``; administrators are told. Call it
    inside a transaction; rows another run holds are left to that run.
    Returns the notifications given up now.
    """
    now = timezone.now()
    permanent = _is_permanent(error)
    text = f"{type(error).__name__}: {error}"[:300]
    rows = list(
        _claim(
            Notification.objects.filter(
                pk__in=list(notification_ids),
                emailed_at__isnull=True,
                given_up_at__isnull=True,
            )
        ).order_by("pk")
    )
    given_up = []
    for row in rows:
        row.attempts += 1
        row.first_failed_at = row.first_failed_at or now
        row.next_attempt_at = now + retry_delay(row.attempts)
        row.last_error = text
        if permanent or now - row.first_failed_at >= retry_window():
            row.given_up_at = now
            given_up.append(row)
    Notification.objects.bulk_update(
        rows,
        ["attempts", "first_failed_at", "next_attempt_at", "last_error", "given_up_at"],
    )
    if given_up:
        _tell_admins(given_up, text)
    return given_up


def _tell_admins(given_up: list[Notification], error: str) -> None:
    """Log an error and mail ADMINS; the mail may fail too (the server is what
    failed), so the admin dashboard lists given-up emails as well."""
    people = get_user_model().objects.filter(pk__in={row.user_id for row in given_up})
    recipients = sorted(set(people.values_list("email", flat=True)))
    logger.error(
        "Gave up %d notification email(s) to %s: %s",
        len(given_up),
        ", ".join(recipients),
        error,
        extra={"notification_ids": [row.pk for row in given_up]},
    )
    with translation.override(settings.LANGUAGE_CODE):
        mail_admins(
            _("Notification emails given up"),
            _(
                "%(count)d notification email(s) to %(recipients)s could not be "
                "delivered and will not be retried. Last error: %(error)s"
            )
            % {
                "count": len(given_up),
                "recipients": ", ".join(recipients),
                "error": error,
            },
            fail_silently=True,
        )


class _Access:
    """Whether a notification's page is live and open to its recipient now
    (Wagtail's view restrictions, as ``intranet.core.page_access`` applies them),
    looked up once per page and person in a delivery run.

    ``prime`` sorts many pages at once into those every active person may open
    (live, and no restriction on them or an ancestor other than "login"), those
    nobody may (not live, or gone) and the rest, which are checked per person
    with ``visible_to`` as before: a digest run costs one query per batch of
    pages, not one per item.
    """

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], bool] = {}
        self._for_everyone: dict[int, bool | None] = {}

    def prime(self, page_ids: Iterable[int | None]) -> None:
        missing = {
            page_id
            for page_id in page_ids
            if page_id is not None and page_id not in self._for_everyone
        }
        if not missing:
            return
        # Only "password" and "groups" restrictions can keep a signed-in,
        # active person out; "login" lets everyone here in.
        could_deny = PageViewRestriction.objects.exclude(
            restriction_type=PageViewRestriction.LOGIN
        ).filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
        self._for_everyone.update(dict.fromkeys(missing, False))
        for page_id, live, restricted in (
            Page.objects.filter(pk__in=missing)
            .annotate(restricted=Exists(could_deny))
            .values_list("pk", "live", "restricted")
        ):
            self._for_everyone[page_id] = None if live and restricted else live

    def allows(self, *, user, page_id: int | None) -> bool:
        if page_id is None:
            return True
        if not user.is_active:
            return False
        known = self._for_everyone.get(page_id)
        if known is not None:
            return known
        key = (user.pk, page_id)
        if key not in self._seen:
            self._seen[key] = Page.objects.filter(visible_to(user), pk=page_id).exists()
        return self._seen[key]


DIGEST_LOCK_CLASS = 60601


def _claim_people(user_ids: list[int]) -> list[int]:
    """Take the digests of those people no other run has, for this
    transaction (PostgreSQL advisory locks, one query for the batch; SQLite
    serialises writers anyway). Returns the ids taken."""
    if connection.vendor != "postgresql" or not user_ids:
        return user_ids
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT person FROM unnest(%s::bigint[]) AS person "
            "WHERE pg_try_advisory_xact_lock(%s, person::integer)",
            [user_ids, DIGEST_LOCK_CLASS],
        )
        taken = {row[0] for row in cursor.fetchall()}
    return [user_id for user_id in user_ids if user_id in taken]


def _claim(queryset):
    """Lock rows no other delivery run holds (PostgreSQL); SQLite serialises."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def _in_language_of(languages: dict[int, str], user_id: int):
    """Write a person's email in the language they chose (`chosen_languages`),
    else in the site's."""
    return translation.override(languages.get(user_id) or settings.LANGUAGE_CODE)


def _in_site_language(function: Callable) -> Callable:
    """Emails are written in the site's language unless the person chose
    another (`_in_language_of`), whatever is active in the caller."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


def _owed(queryset):
    """Unsent, not given up."""
    return queryset.filter(emailed_at__isnull=True, given_up_at__isnull=True)


def _due(queryset):
    """Not waiting for the pause after a failed attempt."""
    return queryset.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )


@_in_site_language
def notifications_deliver_immediate(*, limit: int = 500) -> tuple[int, int]:
    """Send the immediate emails that are due; return (sent, failed).

    Each email is sent while its row is locked and marked sent only after the
    mail server accepted it, so concurrent runs never send one twice; a failure
    is retried after a pause (see ``notifications_record_failure``). When the
    server itself fails, the rest of the run waits for the next attempt too
    instead of each email waiting for the same timeout. An item whose page is
    no longer live or no longer open to the person is not emailed.
    """
    sent = failed = 0
    access = _Access()
    ids = list(
        _due(_owed(Notification.objects.filter(delivery=Delivery.IMMEDIATE)))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    for index, notification_id in enumerate(ids):
        with transaction.atomic():
            notification = (
                _claim(
                    _owed(
                        Notification.objects.filter(
                            pk=notification_id, delivery=Delivery.IMMEDIATE
                        )
                    )
                )
                .select_related("user", "subscription")
                .first()
            )
            if notification is None:
                continue
            user = notification.user
            personal = notification.kind != NotificationKind.MATCH
            if not user.email or (not personal and notification.subscription is None):
                logger.info("Notification %s has no address; skipped", notification.pk)
                Notification.objects.filter(pk=notification.pk).update(
                    emailed_at=timezone.now(), delivery=Delivery.INBOX
                )
                continue
            if not access.allows(user=user, page_id=notification.page_id):
                logger.info(
                    "Notification %s is about a page its reader cannot open; "
                    "not emailed",
                    notification.pk,
                )
                _not_to_be_sent([notification.pk])
                continue
            with _in_language_of(chosen_languages([user.pk]), user.pk):
                message = _message(
                    user=user,
                    subject=(
                        _("From the intranet: %(title)s")
                        if personal
                        else _("New on the intranet: %(title)s")
                    )
                    % {"title": notification.title},
                    template="notification",
                    context={
                        "notification": notification,
                        "subscription": notification.subscription,
                        "url": absolute(notification.url),
                    },
                    unsubscribe=(
                        unsubscribe_url(user=user, period=PERSONAL)
                        if personal
                        else unsubscribe_url(notification.subscription)
                    ),
                )
            error = _send(message)
            if error is None:
                _delivered([notification.pk])
                sent += 1
                continue
            failed += 1
            notifications_record_failure(
                notification_ids=[notification.pk], error=error
            )
        if _is_server_wide(error):
            rest = ids[index + 1 :]
            with transaction.atomic():
                notifications_record_failure(notification_ids=rest, error=error)
            failed += len(rest)
            break
    return sent, failed


def _thumbnails(page_ids: Iterable[int], known: dict[int, str]) -> dict[int, str]:
    """Small image addresses of the pages that have a hero image ("" if none);
    ``known`` caches them across the people of one run."""
    missing = [page_id for page_id in page_ids if page_id and page_id not in known]
    known.update(dict.fromkeys(missing, ""))
    if not missing:
        return known
    thumbnails = known
    for page in Page.objects.filter(pk__in=missing).specific(defer=True):
        image = getattr(page, "hero_image", None)
        if image is not None:
            try:
                thumbnails[page.pk] = absolute(image.get_rendition("fill-160x90").url)
            except Exception:  # noqa: BLE001 - a broken image never stops a digest
                logger.warning("No thumbnail for page %s", page.pk)
    return thumbnails


# Digests ---------------------------------------------------------------------------
#
# A digest run takes people in batches: one transaction per batch claims them,
# reads their owed items and the access to every page in them with a fixed
# number of queries, sends each person's digest over one mail connection, and
# marks what was sent with one update. An item shared by many people (one
# article in a thousand digests) is rendered once per run. A failed email is
# recorded for its person only. A run killed in the middle of a batch sends that
# batch again next time (the outbox prefers a duplicate to a lost email), so
# batches are kept small.

DIGEST_BATCH_SIZE = 50


@dataclasses.dataclass(frozen=True)
class Shard:
    """Part ``number`` of ``count`` (counted from 1): the people whose id leaves
    ``number - 1`` when divided by ``count``. Every person is in exactly one."""

    number: int
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= self.count:
            raise ValueError(f"{self.number}/{self.count}")

    @classmethod
    def parse(cls, value: str) -> "Shard":
        """``"2/4"``: the second of four shards. ValueError if malformed."""
        number, _slash, count = value.partition("/")
        return cls(number=int(number), count=int(count))

    def people(self, queryset, *, field: str = "user_id"):
        return queryset.alias(shard=Mod(F(field), Value(self.count))).filter(
            shard=self.number - 1
        )


class _DigestRun:
    """What one digest run shares between people: page access, thumbnails and
    the rendered items (an item's text and HTML are the same in every digest
    that carries it)."""

    def __init__(self, *, period: str) -> None:
        self.period = period
        self.access = _Access()
        self.thumbnails: dict[int, str] = {}
        self._items: dict[tuple, dict] = {}
        self.subscriptions_url = absolute(reverse("subscriptions:subscriptions"))

    def item(self, notification: Notification) -> dict:
        url = absolute(notification.url)
        thumbnail = self.thumbnails.get(notification.page_id, "")
        key = (
            notification.title,
            notification.intro,
            url,
            thumbnail,
            translation.get_language(),
        )
        if key not in self._items:
            context = {"notification": notification, "url": url, "thumbnail": thumbnail}
            self._items[key] = {
                "html": render_to_string(
                    "subscriptions/email/digest_item.html", context
                ),
                "text": render_to_string(
                    "subscriptions/email/digest_item.txt", context
                ),
            }
        return self._items[key]

    def message(
        self, *, user, notifications: list[Notification]
    ) -> EmailMultiAlternatives:
        groups: dict[int | None, list[Notification]] = defaultdict(list)
        for notification in notifications:
            groups[notification.subscription_id].append(notification)
        sections = [
            {
                "subscription": items[0].subscription,
                "items": [self.item(item) for item in items],
            }
            for items in groups.values()
        ]
        subject = (
            _("Your daily summary from the intranet: %(count)d new")
            if self.period == Delivery.DAILY
            else _("Your weekly summary from the intranet: %(count)d new")
        ) % {"count": len(notifications)}
        return _message(
            user=user,
            subject=subject,
            template="digest",
            context={
                "sections": sections,
                "period": self.period,
                "subscriptions_url": self.subscriptions_url,
            },
            unsubscribe=unsubscribe_url(user=user, period=self.period),
        )


class _Mailer:
    """One connection to the mail server for many emails, opened at the first.

    A failure that is not about the message itself (the connection dropped,
    or the server refused more messages on it) is tried once more on a fresh
    connection before it counts as the server's: some servers accept only so
    many messages per connection."""

    def __init__(self) -> None:
        self._connection = None
        self._used = 0

    def _open(self) -> Exception | None:
        self.close()
        self._connection = get_connection()
        try:
            self._connection.open()
        except Exception as exc:  # noqa: BLE001 - the server is down: recorded
            logger.warning("The mail server cannot be reached: %s", exc)
            self._connection = None
            return exc
        return None

    def send(self, message: EmailMultiAlternatives) -> Exception | None:
        if self._connection is None and (error := self._open()) is not None:
            return error
        message.connection = self._connection
        error = _send(message)
        if error is not None and self._used and _is_server_wide(error):
            if (error := self._open()) is not None:
                return error
            message.connection = self._connection
            error = _send(message)
        if error is None:
            self._used += 1
        return error

    def close(self) -> None:
        if self._connection is not None:
            try:
                self._connection.close()
            except Exception:  # noqa: BLE001, S110 - closing a broken connection
                pass
            self._connection = None
            self._used = 0


@dataclasses.dataclass
class _BatchOutcome:
    sent: int = 0
    failed: int = 0
    server_error: Exception | None = None
    # People of the batch not tried because the server failed.
    left: list[int] = dataclasses.field(default_factory=list)


def _digest_batch(
    run: _DigestRun, user_ids: list[int], mailer: _Mailer
) -> _BatchOutcome:
    """Claim, build and send the digests of a batch of people. Call it in a
    transaction: the claims and row locks last until it ends."""
    outcome = _BatchOutcome()
    people = _claim_people(user_ids)
    if not people:
        return outcome
    by_person: dict[int, list[Notification]] = defaultdict(list)
    for notification in (
        _claim(
            _owed(Notification.objects.filter(user_id__in=people, delivery=run.period))
        )
        .select_related("user", "subscription")
        .order_by("user_id", "-created_at", "-pk")
    ):
        by_person[notification.user_id].append(notification)
    page_ids = {n.page_id for items in by_person.values() for n in items}
    run.access.prime(page_ids)
    _thumbnails(page_ids, run.thumbnails)
    languages = chosen_languages(by_person)
    delivered: list[int] = []
    no_address: list[int] = []
    hidden: list[int] = []
    for position, user_id in enumerate(people):
        notifications = by_person.get(user_id)
        if not notifications:
            continue
        user = notifications[0].user
        if not user.email:
            no_address += [n.pk for n in notifications]
            continue
        shown = []
        for item in notifications:
            if run.access.allows(user=user, page_id=item.page_id):
                shown.append(item)
            else:
                hidden.append(item.pk)
        if not shown:
            continue
        with _in_language_of(languages, user_id):
            message = run.message(user=user, notifications=shown)
        error = mailer.send(message)
        ids = [item.pk for item in shown]
        if error is None:
            delivered += ids
            outcome.sent += 1
            continue
        notifications_record_failure(notification_ids=ids, error=error)
        outcome.failed += 1
        if _is_server_wide(error):
            outcome.server_error = error
            outcome.left = [
                person for person in people[position + 1 :] if person in by_person
            ]
            break
    if no_address:
        Notification.objects.filter(pk__in=no_address).update(emailed_at=timezone.now())
    if hidden:
        _not_to_be_sent(hidden)
    if delivered:
        _delivered(delivered)
    return outcome


@_in_site_language
def digests_send(
    *,
    period: str,
    retry_only: bool = False,
    shard: Shard | None = None,
    batch_size: int = DIGEST_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Send one digest per person of everything owed for ``period`` (daily or
    weekly); return (people mailed, people whose mail failed).

    The scheduled run mails everyone with something owed; with ``retry_only``
    (the delivery worker, every run) only people whose digest failed and whose
    pause has passed, so a failed digest is retried within the hour rather
    than the next day. When the server itself fails, everyone else's digest
    waits for the next attempt too. Items about pages no longer live or no
    longer open to the person are left out (and not emailed later).

    With ``shard`` only that part of the people is served, so several runs can
    share the work. Runs that overlap (the same shard twice, or the worker's
    retry during the scheduled run) never send an item twice nor split one
    person's items over two digests: a person is claimed by the transaction
    that sends their digest. ``progress(done, total)`` follows each batch.
    """
    if period not in (Delivery.DAILY, Delivery.WEEKLY):
        raise ValueError(period)
    sent = failed = 0
    run = _DigestRun(period=period)
    owed = _owed(Notification.objects.filter(delivery=period))
    if retry_only:
        owed = _due(owed.filter(attempts__gt=0))
    if shard is not None:
        owed = shard.people(owed)
    user_ids = list(
        owed.values_list("user_id", flat=True).distinct().order_by("user_id")
    )
    for start in range(0, len(user_ids), batch_size):
        batch = user_ids[start : start + batch_size]
        mailer = _Mailer()
        try:
            with transaction.atomic():
                outcome = _digest_batch(run, batch, mailer)
        finally:
            mailer.close()
        sent += outcome.sent
        failed += outcome.failed
        if outcome.server_error is not None:
            # Everyone else's digest waits for the next attempt too.
            rest = outcome.left + user_ids[start + batch_size :]
            with transaction.atomic():
                notifications_record_failure(
                    notification_ids=list(
                        owed.filter(user_id__in=rest).values_list("pk", flat=True)
                    ),
                    error=outcome.server_error,
                )
            failed += len(rest)
            break
        if progress is not None:
            progress(min(start + batch_size, len(user_ids)), len(user_ids))
    return sent, failed


def digests_retry() -> tuple[int, int]:
    """Retry the daily and weekly digests that failed and are due again."""
    results = [
        digests_send(period=period, retry_only=True)
        for period in (Delivery.DAILY, Delivery.WEEKLY)
    ]
    return sum(sent for sent, _f in results), sum(failed for _s, failed in results)
