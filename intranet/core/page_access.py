"""Who may see which page: Wagtail's view restrictions as query conditions.

The rule is Wagtail's own (``PageViewRestriction.accept_request``), applied to
a person instead of a request, so listings, feeds, calendars and notifications
agree with what the page itself would serve:

* a page is seen only while it is live;
* every restriction on the page or any of its ancestors must let the person in:
  "login" lets in anyone signed in; "groups" lets in members of one of its
  groups and superusers (a groups restriction without groups lets in
  superusers only); "password" lets in nobody here, as outside the page itself
  no one has typed the password.

Each condition needs the tree paths of the (few) restrictions that keep the
person out, read when it is built: once per request (`request_memo`), and
kept in the cache until the content version moves (every restriction,
membership, group and page change moves it). The listing then leaves out the
pages under those paths with one test per depth on its own rows (the start
of the row's path, cut to that depth, is in the list of denied paths), and
adds no query per row and no per-row look at the restrictions. A test per
depth rather than one per path: every page of the site builds and compiles at
least one of these (the unread count in the header), and with a condition per
restricted branch that cost grew with the municipality. (Past
`MAX_PREFIX_TESTS` such paths the condition looks the restrictions up per row
instead, in SQL.)
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import BooleanField, Exists, Func, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from wagtail.models import (
    BaseViewRestriction,
    CollectionViewRestriction,
    PageViewRestriction,
)

from intranet.core.request_memo import forget, remembered
from intranet.core.selectors import cached_for_content

#: Above this many restricted branches kept from one person, the condition
#: checks the restrictions per row (as a subquery) instead of by path prefix.
MAX_PREFIX_TESTS = 200


def restrictions_denying(
    user, *, model: type[BaseViewRestriction] = PageViewRestriction
) -> QuerySet[BaseViewRestriction]:
    """The view restrictions (of pages, or of collections) that keep the person out."""
    restrictions = model.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return restrictions
    if user.is_superuser:
        return restrictions.filter(restriction_type=model.PASSWORD)
    member = model.groups.through.objects.filter(
        **{f"{model._meta.model_name}_id": OuterRef("pk")}, group__user=user
    )
    return restrictions.filter(
        Q(restriction_type=model.PASSWORD)
        | Q(restriction_type=model.GROUPS) & ~Exists(member)
    )


def _memo_key(user) -> tuple:
    if user is None or not user.is_authenticated or not user.is_active:
        return ("anonymous",)
    return (user.pk, user.is_superuser)


#: How long what keeps a person out is kept in the cache at most. Its key holds
#: the part of the content version that no publish moves, only the changes
#: that name no scope: every restriction, membership, group and page move (a
#: new page under a restricted one is covered by its path). Within a request
#: it is read once (`request_memo`).
DENIED_PATHS_SECONDS = 60 * 60


def _kept(kind: str, user, read):
    key = (kind, *_memo_key(user))
    return remembered(
        key,
        lambda: cached_for_content(key, read, timeout=DENIED_PATHS_SECONDS, scopes=()),
    )


def denied_paths(user) -> list[str]:
    """The tree paths of the pages whose restriction keeps the person out,
    without those under another one (they are covered by it)."""
    few = _few_denied_paths(user)
    if few is not None:
        return few
    return _kept(
        "denied-paths",
        user,
        lambda: _outermost(
            restrictions_denying(user).values_list("page__path", flat=True)
        ),
    )


def _outermost(paths: Iterable[str]) -> list[str]:
    """The paths, sorted, without those under another one of them."""
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def _few_denied_paths(user) -> list[str] | None:
    """``denied_paths``, or None when more than ``MAX_PREFIX_TESTS``
    restrictions keep the person out: those are not all read (a municipality
    with thousands of restricted cases would read them all on every page, for
    the unread count in the header)."""

    def read() -> tuple[bool, list[str]]:
        first = list(
            restrictions_denying(user).values_list("page__path", flat=True)[
                : MAX_PREFIX_TESTS + 1
            ]
        )
        if len(first) > MAX_PREFIX_TESTS:
            return True, []
        return False, _outermost(first)

    too_many, paths = _kept("few-denied-paths", user, read)
    return None if too_many else paths


def _is_access_key(key) -> bool:
    return isinstance(key, tuple) and key[0] in {"denied-paths", "few-denied-paths"}


def forget_denied_paths() -> None:
    """A restriction or a group membership changed: read them again."""
    forget(_is_access_key)


def access_key(user) -> str:
    """What the person may see, as a short key for what is kept in the cache
    for everyone who may see the same: people kept out of the same branches
    share it. Reads the restrictions once per request (see `denied_paths`)."""
    paths = _few_denied_paths(user)
    if paths is None:
        # So many branches are closed to the person that they are not read:
        # what is kept for them is theirs alone.
        return f"person-{user.pk}"
    return hashlib.sha256("\n".join(paths).encode()).hexdigest()[:24]


def is_restricted(page) -> bool:
    """Whether a view restriction on the page or one of its ancestors keeps
    anyone out: from the paths kept for someone signed out (every restriction
    keeps them out), so a story's page asks no query of its own; past
    `MAX_PREFIX_TESTS` restrictions, Wagtail's own look-up of the page's."""
    paths = _few_denied_paths(None)
    if paths is None:
        return page.get_view_restrictions().exists()
    return any(page.path.startswith(path) for path in paths)


class OneOf(Func):
    """``expression IN (values)``; on PostgreSQL ``expression = ANY(values)``
    with the values as one array parameter. A list of the pages whose
    restriction keeps someone out has up to `MAX_PREFIX_TESTS` paths: as one
    parameter each, psycopg parsed every such query anew for its placeholders
    (it keeps the parse of a query with at most 50), about a millisecond and
    a half per story list."""

    output_field = BooleanField()

    def __init__(self, expression, values: Iterable[str]) -> None:
        super().__init__(expression)
        self.values = list(values)

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        placeholders = ", ".join(["%s"] * len(self.values))
        return f"{sql} IN ({placeholders})", (*params, *self.values)

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{sql} = ANY(%s)", (*params, self.values)


def hidden_from(user, *, prefix: str = "") -> Q:
    """True for pages (reached through ``prefix``, e.g. ``"case__"``) that a
    restriction on themselves or an ancestor keeps the person out of.

    Reads the restrictions once, now (one query).
    """
    paths = _few_denied_paths(user)
    if paths is None:
        # Too long an expression to test on every row: look the restrictions
        # up per row instead.
        return Q(
            Exists(
                restrictions_denying(user).filter(
                    page__path=Substr(
                        OuterRef(f"{prefix}path"), 1, Length("page__path")
                    )
                )
            )
        )
    if not paths:
        return Q(**{f"{prefix}path__in": []})  # nothing is denied
    # A restriction covers the pages whose tree path starts with its page's
    # path: the start of the row's path, cut to each length the denied paths
    # have (one per depth), is one of them. A test per depth, not per path.
    by_length: dict[int, list[str]] = defaultdict(list)
    for path in paths:
        by_length[len(path)].append(path)
    hidden = Q()
    for length, prefixes in sorted(by_length.items()):
        hidden |= Q(OneOf(Substr(f"{prefix}path", 1, length), prefixes))
    # A row without a page (through a nullable link) is not hidden.
    return hidden & Q(**{f"{prefix}path__isnull": False})


def without_hidden(queryset: QuerySet, *, user, prefix: str = "") -> QuerySet:
    """The rows of ``queryset`` whose page (reached through ``prefix``) no view
    restriction keeps the person out of, live or not: for lists that already
    choose which pages they show. One query, now."""
    return queryset.exclude(hidden_from(user, prefix=prefix))


def public(queryset: QuerySet) -> QuerySet:
    """The pages of ``queryset`` that no view restriction applies to, for lists
    that look the same to everyone (and are cached for everyone).

    Wagtail's ``PageQuerySet.public()`` says the same with one condition per
    restricted page, so its cost grew with the municipality's restricted
    cases; this is the test per depth of `hidden_from`. One query, now."""
    return queryset.exclude(hidden_from(None))


def visible_to(user, *, prefix: str = "") -> Q:
    """Pages (reached through ``prefix``) that are live and the person may see.
    One query, now."""
    return Q(**{f"{prefix}live": True}) & ~hidden_from(user, prefix=prefix)


def collection_hidden_from(user, *, prefix: str = "") -> Exists:
    """True for collections (reached through ``prefix``, e.g. ``"collection__"``)
    that a restriction on themselves or a parent collection keeps the person out of."""
    return Exists(
        restrictions_denying(user, model=CollectionViewRestriction).filter(
            collection__path=Substr(
                OuterRef(f"{prefix}path"), 1, Length("collection__path")
            )
        )
    )
