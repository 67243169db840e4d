"""Story cards (news articles and case updates) in the front page's lists."""

from django import template
from django.template.loader import get_template
from django.utils.translation import get_language

from intranet.core.models import PICTURES_SCOPE
from intranet.core.selectors import (
    cache_key,
    cached_each,
    card_images_load,
    scope_version,
)

register = template.Library()

#: How long a rendered story card is kept at most.
CARD_CACHE_SECONDS = 60 * 60


def story_card_key(story, *, pinned: bool, case) -> str:
    """The cache key of a story's card, the same for everyone who sees it in
    the same place (``for_reader`` is the reader's unit badge, and the lists
    that set it vary by unit already).

    It names what the card shows, so it moves exactly when the card would
    look different: the story published again (title, intro, picture,
    themes, unit, date), its address (a move of the story or a page above
    it), its unit's name, the case a card names renamed or moved, and a
    picture in the library changed (``PICTURES_SCOPE``). Other changes that
    name no scope (a view restriction, a topic, a plan activity) rebuild the
    lists but keep the cards."""
    published = story.last_published_at
    return cache_key(
        (
            "story-card",
            story.pk,
            published.timestamp() if published else "",
            story.url_path,
            story.unit.name if story.unit_id else "",  # loaded with the list
            story.hero_image_id or "",
            int(pinned),
            int(bool(getattr(story, "for_reader", False))),
            case.pk if case else "",
            case.title if case else "",
            case.url_path if case else "",
            get_language(),
            scope_version(PICTURES_SCOPE),
        )
    )


@register.simple_tag(takes_context=True)
def story_cards(context, stories, *, pinned: bool = False, with_case: bool = False):
    """The rendered cards of `stories`, each kept on its own: after a publish
    a list shows the new story's card rendered and finds the others kept.
    With `with_case`, a case update's card names its case."""
    request = context.get("request")
    card = get_template("news/includes/news_card.html")
    stories = list(stories)
    cases = {story.pk: story.case if with_case else None for story in stories}

    def render(missing: list) -> list[str]:
        card_images_load(missing)  # the lists leave them to the cards rendered
        # A plain context: a card needs the request for its links alone.
        return [
            card.render(
                {
                    "article": story,
                    "case": cases[story.pk],
                    "pinned": pinned,
                    "request": request,
                }
            )
            for story in missing
        ]

    return cached_each(
        stories,
        key=lambda story: story_card_key(story, pinned=pinned, case=cases[story.pk]),
        read=render,
        timeout=CARD_CACHE_SECONDS,
    )
