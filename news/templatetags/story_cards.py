"""Story cards (news articles and case updates) in the front page's lists."""

from django import template
from django.template.loader import get_template
from django.utils.translation import get_language

from intranet.core.selectors import cached_each, card_images_load, content_key

register = template.Library()

#: How long a rendered story card is kept at most.
CARD_CACHE_SECONDS = 60 * 60


def story_card_key(story, *, pinned: bool, case) -> str:
    """The cache key of a story's card, the same for everyone who sees it in
    the same place (``for_reader`` is the reader's unit badge, and the lists
    that set it vary by unit already). It moves when the story is published
    again (title, intro, image, themes, unit, date), when the case a card
    names is renamed or moved, and with every change that names no scope (a
    unit renamed, a page moved)."""
    published = story.last_published_at
    return content_key(
        (
            "story-card",
            story.pk,
            published.timestamp() if published else "",
            int(pinned),
            int(bool(getattr(story, "for_reader", False))),
            case.pk if case else "",
            case.title if case else "",
            case.url_path if case else "",
            get_language(),
        ),
        scopes=(),
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
