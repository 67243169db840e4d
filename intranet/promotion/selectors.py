"""Reads for the promotion pipeline, its public output, sharing and the radar.

The radar's suggestions keep one rule: a live story without a positioning
theme, that the reader may see (view restrictions), not in the pipeline
already and not dismissed by the team.
"""

import operator
from functools import reduce

from django.db.models import Q, QuerySet, Sum
from wagtail.models import Page

from cases.models import CaseOwner, CasePage
from intranet.core.models import story_page_models
from intranet.core.page_access import hidden_from
from intranet.core.selectors import for_story_cards
from intranet.promotion.models import (
    PUBLIC_STATUSES,
    Promotion,
    PromotionStatus,
    RadarDismissal,
    RadarModel,
    RadarScore,
    ShareClick,
    ShareText,
)

#: Suggestions on the team's board.
RADAR_SHOWN = 10
#: The least probability the board suggests; the composer asks the author
#: from `RADAR_HINT` on (the radar's models are balanced: 0.5 is where it
#: starts to think a story is more like the examples than like the rest).
RADAR_SUGGEST = 0.5
RADAR_HINT = 0.7


def positioning_stories(*, limit: int) -> list[Page]:
    """The newest stories of every kind that show innovation or competence
    ("Vi viser det" on the front page), live and without view restrictions.

    One query for the view restrictions, one per kind of story and the
    cards' images in bulk, whatever the number of stories.
    """
    # Read once for every kind; the test per depth of page_access (Wagtail's
    # `private_q` has one condition per restricted page, and they are many).
    restricted = hidden_from(None)
    stories: list[Page] = []
    for model in story_page_models():
        newest = (
            model.objects.live()
            .exclude(restricted)
            .exclude(positioning_themes=[])
            .order_by(f"-{model.story_date_field}", "-first_published_at", "-pk")
        )
        # Shown through the kept cards, which load the pictures they render.
        stories.extend(for_story_cards(newest[:limit], images=False))
    # Stable: on the same day the kinds keep the order of the apps.
    stories.sort(key=lambda story: story.story_date, reverse=True)
    return stories[:limit]


def public_promotions() -> QuerySet[Promotion]:
    """External versions that may leave the intranet.

    Approved or published only, for stories that are still live and not behind
    a view restriction on the page or any of its ancestors.
    """
    # Every restricted case is a restriction: the test per depth of page_access
    # (one query for their paths) rather than a condition per restricted page.
    queryset = Promotion.objects.filter(
        status__in=PUBLIC_STATUSES, page__live=True
    ).exclude(hidden_from(None, prefix="page__"))
    return queryset.select_related("image").order_by(
        "-published_externally_at", "-updated_at", "-pk"
    )


def promotion_statuses_for_pages(page_ids: list[int]) -> dict[int, Promotion]:
    """The promotion of each given story, keyed by page id (one query)."""
    return {
        promotion.page_id: promotion
        for promotion in Promotion.objects.filter(page_id__in=page_ids).only(
            "page_id", "status", "rejection_reason"
        )
    }


def promotions_for_owner(*, user) -> list[Promotion]:
    """Promotions of the stories a person is responsible for: updates in the
    cases they own and pages they created. Two queries whatever the count."""
    case_paths = CasePage.objects.filter(
        pk__in=CaseOwner.objects.filter(user_id=user.pk).values("case_id")
    ).values_list("path", flat=True)
    mine = Q(page__owner_id=user.pk)
    for path in case_paths:
        mine |= Q(page__path__startswith=path)
    return list(
        Promotion.objects.filter(mine)
        .select_related("page")
        .only("status", "rejection_reason", "page__title", "page__url_path")
        .order_by("-updated_at")[:50]
    )


def radar_stories() -> list[tuple[int, list[str]]]:
    """(page id, positioning themes) of every live story: what the radar
    learns from and scores. One query per kind of story."""
    rows: list[tuple[int, list[str]]] = []
    for model in story_page_models():
        rows.extend(
            (pk, list(themes or []))
            for pk, themes in model.objects.live()
            .order_by("pk")
            .values_list("pk", "positioning_themes")
        )
    return rows


def radar_turned_down() -> set[int]:
    """Stories the team said are no example: dismissed radar suggestions and
    rejected promotions (both read as stories without a theme)."""
    return set(RadarDismissal.objects.values_list("page_id", flat=True)) | set(
        Promotion.objects.filter(status=PromotionStatus.REJECTED).values_list(
            "page_id", flat=True
        )
    )


def radar_latest_model() -> RadarModel | None:
    """The newest training, without its (large) weights."""
    return RadarModel.objects.defer("weights").first()


def _unthemed_live_stories() -> Q:
    return reduce(
        operator.or_,
        (
            Q(
                page_id__in=model.objects.live()
                .filter(positioning_themes=[])
                .values("pk")
            )
            for model in story_page_models()
        ),
    )


def radar_suggestions(*, user, limit: int = RADAR_SHOWN) -> list[RadarScore]:
    """The stories the radar finds likeliest to be examples, best first.

    Live stories without a theme that ``user`` may see, not in the pipeline
    and not dismissed, scoring at least `RADAR_SUGGEST`. Two queries (the
    reader's view restrictions, then the suggestions with their authors).
    """
    return list(
        RadarScore.objects.filter(_unthemed_live_stories(), score__gte=RADAR_SUGGEST)
        .exclude(hidden_from(user, prefix="page__"))
        .filter(page__promotion__isnull=True, page__radar_dismissal__isnull=True)
        .select_related("page", "page__owner")
        .order_by("-score", "-pk")[:limit]
    )


def radar_suggestion_page(*, user, page_id: int) -> Page | None:
    """A live story ``user`` may see, for the board's buttons (None: there
    is none to act on)."""
    return Page.objects.live().filter(pk=page_id).exclude(hidden_from(user)).first()


def radar_hint(*, page: Page) -> RadarScore | None:
    """The radar's score of a story just published, when it is high enough
    (`RADAR_HINT`) to ask its author whether it is an example: live, without
    a theme and not dismissed by the team."""
    story = page.specific
    if not story.live or getattr(story, "positioning_themes", None) != []:
        return None
    return (
        RadarScore.objects.filter(page_id=story.pk, score__gte=RADAR_HINT)
        .exclude(page__radar_dismissal__isnull=False)
        .first()
    )


def shareable_promotion(*, pk: int) -> Promotion | None:
    """A promotion colleagues may share: one whose external version is
    public (`public_promotions`), so the shared link leads somewhere. A story
    behind a view restriction never is, for anyone: it never leaves the
    intranet."""
    return public_promotions().select_related("page").filter(pk=pk).first()


def shareable_promotions_for_pages(page_ids: list[int]) -> dict[int, int]:
    """The shareable promotion's id of each given story that has one, keyed
    by page id (one query, two with the view restrictions)."""
    return dict(
        public_promotions()
        .filter(page_id__in=page_ids)
        .order_by()
        .values_list("page_id", "pk")
    )


def share_texts(*, promotion: Promotion) -> dict[str, str]:
    """The team's suggested texts for a promotion, keyed by channel."""
    return dict(
        ShareText.objects.filter(promotion=promotion).values_list("channel", "text")
    )


def share_clicks_by_channel(*, promotion: Promotion) -> dict[str, int]:
    """Clicks on a promotion's shared links ever, keyed by channel."""
    return dict(
        ShareClick.objects.filter(promotion=promotion)
        .values("channel")
        .annotate(total=Sum("clicks"))
        .order_by()
        .values_list("channel", "total")
    )
