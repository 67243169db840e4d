"""Reads for the promotion pipeline and its public output."""

from django.db.models import Q, QuerySet
from wagtail.models import Page

from cases.models import CaseOwner, CasePage
from intranet.core.models import story_page_models
from intranet.core.page_access import hidden_from
from intranet.core.selectors import for_story_cards
from intranet.promotion.models import PUBLIC_STATUSES, Promotion


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
            .defer_streamfields()
        )
        stories.extend(for_story_cards(newest[:limit]))
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
