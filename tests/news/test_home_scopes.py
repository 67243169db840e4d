"""The front page's story lists after a publish: a list is built again when
what it shows changed, and kept when only another kind of story was published
(see ContentVersion's scopes)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cases.models import CASES_SCOPE
from intranet.core.selectors import content_version, content_version_for
from intranet.core.services import content_version_bump
from news.models import NEWS_SCOPE, PINNED_SCOPE
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UnitFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db

IMAGE_READ = 'FROM "wagtailimages_image"'


@pytest.fixture
def stories(home_page, news_index):
    unit = UnitFactory(name="Veg og park")
    index = CaseIndexPageFactory(parent=home_page)
    case = CasePageFactory(parent=index, unit=unit, title="Ny bru over elva")
    update = CaseUpdatePageFactory(parent=case, unit=unit, title="Støpingen er i gang")
    article = NewsPageFactory(parent=news_index, unit=unit, title="Ny kantine")
    return {"unit": unit, "case": case, "update": update, "article": article}


def front_page(client) -> tuple[str, set[str]]:
    """The front page's HTML, and the templates of the lists built for it (a
    list served from the cache renders none)."""
    response = client.get("/")
    assert response.status_code == 200
    lists = {
        template.name
        for template in response.templates
        if template.name and "/home/" in template.name
    }
    return response.content.decode(), lists


LATEST_NEWS, PINNED = "news/home/latest.html", "news/home/pinned.html"
NEWS_LISTS = {LATEST_NEWS, PINNED}
UPDATE_LIST = "cases/home/latest_updates.html"
POSITIONING = "promotion/home/positioning.html"
STORY_LISTS = {*NEWS_LISTS, UPDATE_LIST, POSITIONING}


def publish_new(page_factory, **fields):
    """A page created as a draft and published through Wagtail, as the editor
    and the composer do."""
    page = page_factory(live=False, **fields)
    page.save_revision().publish()
    return page


def test_publishing_an_article_keeps_the_case_updates_it_cannot_change(
    staff_client, stories, news_index
):
    staff_client.get("/")  # every list built and kept

    publish_new(NewsPageFactory, parent=news_index, title="Sykkelparkering")
    html, built = front_page(staff_client)

    assert "Sykkelparkering" in html
    assert "Støpingen er i gang" in html
    assert LATEST_NEWS in built
    # Served as they were kept: no update, nothing pinned, no positioning.
    assert not {UPDATE_LIST, PINNED, POSITIONING} & built


def test_publishing_an_update_keeps_the_news_and_shows_the_update(
    staff_client, stories
):
    staff_client.get("/")

    publish_new(CaseUpdatePageFactory, parent=stories["case"], title="Brua er åpnet")
    html, built = front_page(staff_client)

    assert "Brua er åpnet" in html
    assert "Ny kantine" in html
    assert UPDATE_LIST in built
    assert not NEWS_LISTS & built


def test_renaming_a_case_shows_on_its_updates_cards(staff_client, stories):
    staff_client.get("/")

    case = stories["case"]
    case.title = "Ny gangbru over elva"
    case.save_revision().publish()

    html, _built = front_page(staff_client)
    assert "Ny gangbru over elva" in html


def test_a_change_to_no_kind_of_story_rebuilds_every_list(staff_client, stories):
    """A unit's new name is on the cards of both kinds."""
    staff_client.get("/")

    unit = stories["unit"]
    unit.name = "Samferdsel"
    unit.save()

    html, built = front_page(staff_client)
    assert html.count("Samferdsel") >= 2  # the article's card and the update's
    assert "Veg og park" not in html
    assert {*NEWS_LISTS, UPDATE_LIST} <= built


def test_an_unpublished_article_leaves_the_front_page_at_once(staff_client, stories):
    staff_client.get("/")

    stories["article"].unpublish()

    html, _built = front_page(staff_client)
    assert "Ny kantine" not in html
    assert "Støpingen er i gang" in html


def test_a_scopes_version_moves_with_its_own_changes_and_every_unscoped_one():
    kept = [(NEWS_SCOPE,), (PINNED_SCOPE,), (CASES_SCOPE,), (NEWS_SCOPE, CASES_SCOPE)]
    seen = {(): [content_version()]}
    seen.update({scopes: [content_version_for(scopes)] for scopes in kept})

    def moved() -> set[tuple]:
        changed = set()
        for scopes, values in seen.items():
            value = content_version_for(scopes) if scopes else content_version()
            if value != values[-1]:
                changed.add(scopes)
            values.append(value)
        return changed

    everything = set(seen)
    news = {(), (NEWS_SCOPE,), (NEWS_SCOPE, CASES_SCOPE)}
    for bump, expected in [
        ([], everything),
        ([NEWS_SCOPE], news),
        ([CASES_SCOPE], {(), (CASES_SCOPE,), (NEWS_SCOPE, CASES_SCOPE)}),
        ([NEWS_SCOPE, PINNED_SCOPE], news | {(PINNED_SCOPE,)}),  # a pinned article
        ([NEWS_SCOPE], news),
        ([], everything),
        (["agenda"], {()}),  # a scope no list names: only the whole moves
    ]:
        content_version_bump(scopes=bump)
        assert moved() == expected, bump

    # A version only ever grows: a copy kept under an old number is never
    # served again.
    for values in seen.values():
        assert values == sorted(values)


def test_data_restored_from_a_dump_loads_onto_the_same_rows(stories):
    """A dump taken now (the scopes' rows in it) loads back over a database
    whose pages are saved again as it loads, as the browser tests restore
    theirs, without a second row for the whole, and with the numbers dumped."""
    from django.core import serializers

    from intranet.core.models import ContentVersion

    content_version_bump(scopes=[NEWS_SCOPE])
    dumped = serializers.serialize(
        "json", [stories["article"], *ContentVersion.objects.all()]
    )
    dumped_rows = sorted(ContentVersion.objects.values_list("scope", "value"))
    ContentVersion.objects.all().delete()  # as a flush before the restore
    for restored in serializers.deserialize("json", dumped):
        restored.save()  # raw, as loaddata and Django's test restore save

    assert sorted(ContentVersion.objects.values_list("scope", "value")) == dumped_rows


def test_pinning_an_article_and_taking_the_pin_off_show_at_once(staff_client, stories):
    """The pinned list is kept while ordinary articles are published, and
    built again when an article is pinned, or was and is no longer."""
    staff_client.get("/")

    article = stories["article"]
    article.important = True
    article.important_until = datetime.date.today() + datetime.timedelta(days=7)
    article.save_revision().publish()
    html, built = front_page(staff_client)
    assert PINNED in built
    assert "news-card--pinned" in html

    article.important = False
    article.save_revision().publish()
    html, built = front_page(staff_client)
    assert PINNED in built
    assert "news-card--pinned" not in html


def test_a_story_shown_as_an_example_joins_and_leaves_we_show_it_at_once(
    staff_client, stories
):
    """ "Vi viser det" is kept while stories without positioning themes are
    published, and built again when a story gets them or loses them."""
    staff_client.get("/")
    publish_new(CaseUpdatePageFactory, parent=stories["case"], title="Vanlig dag")
    _html, built = front_page(staff_client)
    assert POSITIONING not in built

    update = stories["update"]
    update.positioning_themes = ["innovation"]
    update.nomination_text = "Første bru støpt med resirkulert betong."
    update.save_revision().publish()
    html, built = front_page(staff_client)
    assert POSITIONING in built
    assert "home-positioning" in html

    update.positioning_themes, update.nomination_text = [], ""
    update.save_revision().publish()
    html, built = front_page(staff_client)
    assert "home-positioning" not in html


def test_a_case_given_a_new_address_moves_the_links_of_its_examples(
    staff_client, stories
):
    """An update's card in "Vi viser det" links below its case: a new address
    for the case (its slug) shows at once."""
    update = stories["update"]
    update.positioning_themes = ["competence"]
    update.nomination_text = "Fagfolkene våre bygde brua selv."
    update.save_revision().publish()

    assert_new_address_shows(staff_client, update, above=stories["case"])


def assert_new_address_shows(client, story, *, above) -> None:
    """`above` (the story's parent or an ancestor) given a new slug moves the
    story's address: its card links to the new one at the next visit."""
    old_url = story.get_url()
    html, _built = front_page(client)
    assert f'href="{old_url}"' in html

    above.slug = f"{above.slug}-ny"
    above.save_revision().publish()
    story.refresh_from_db()

    html, _built = front_page(client)
    assert f"/{above.slug}/" in story.get_url()
    assert f'href="{old_url}"' not in html
    assert f'href="{story.get_url()}"' in html


def test_the_case_list_is_kept_while_articles_are_published(
    staff_client, stories, news_index
):
    """The case list's cards show cases and their updates: an article leaves
    them as kept, an update on a case shows at once."""
    url = stories["case"].get_parent().url
    cards = "cases/includes/case_summary.html"
    staff_client.get(url)

    publish_new(NewsPageFactory, parent=news_index, title="Sykkelparkering")
    response = staff_client.get(url)
    assert cards not in {template.name for template in response.templates}

    publish_new(CaseUpdatePageFactory, parent=stories["case"], title="Brua er åpnet")
    response = staff_client.get(url)
    assert cards in {template.name for template in response.templates}
    assert "2 oppdateringer" in response.content.decode()


CARD = "news/includes/news_card.html"


def cards_rendered(client) -> tuple[str, int]:
    response = client.get("/")
    assert response.status_code == 200
    rendered = sum(template.name == CARD for template in response.templates)
    return response.content.decode(), rendered


def test_a_list_built_again_renders_only_the_new_storys_card(
    staff_client, stories, news_index
):
    """Each card is kept on its own: after a publish the rebuilt list renders
    the new story's card and finds the others' kept."""
    for number in range(3):
        publish_new(NewsPageFactory, parent=news_index, title=f"Nyhet {number}")
    staff_client.get("/")

    publish_new(NewsPageFactory, parent=news_index, title="Sykkelparkering")
    html, rendered = cards_rendered(staff_client)

    assert rendered == 1
    for title in ("Sykkelparkering", "Nyhet 0", "Nyhet 2", "Ny kantine"):
        assert title in html


def test_a_story_published_again_shows_its_new_title_on_its_card(staff_client, stories):
    staff_client.get("/")

    article = stories["article"]
    article.title = "Ny kantine åpner mandag"
    article.intro = "Nå med salatbar."
    article.save_revision().publish()
    update = stories["update"]
    update.title = "Støpingen er ferdig"
    update.save_revision().publish()

    html, rendered = cards_rendered(staff_client)
    assert "Ny kantine åpner mandag" in html
    assert "Nå med salatbar." in html
    assert "Støpingen er ferdig" in html
    assert "Støpingen er i gang" not in html
    assert rendered == 2


def test_an_uploaded_picture_keeps_every_list_and_a_deleted_one_leaves_its_card(
    staff_client, home_page, news_index
):
    """A picture just uploaded is on no card (people upload pictures and
    profile photos all day); a picture taken out of the library leaves the
    card that showed it at once."""
    from tests.factories.news import ImageFactory

    article = publish_new(
        NewsPageFactory, parent=news_index, title="Nytt bibliotek", with_image=True
    )
    html, _built = front_page(staff_client)
    assert "news-card__image" in html

    ImageFactory(title="Profilbilde")
    _html, built = front_page(staff_client)
    assert not {*NEWS_LISTS, UPDATE_LIST, POSITIONING} & built  # kept

    article.hero_image.delete()
    html, built = front_page(staff_client)
    assert "Nytt bibliotek" in html
    assert "news-card__image" not in html


def test_a_rebuilt_list_reads_the_pictures_of_the_new_card_alone(
    staff_client, stories, news_index
):
    """The cards kept need no picture: after a publish the list reads the
    pictures of the one card it renders, and no others."""
    for number in range(3):
        publish_new(
            NewsPageFactory, parent=news_index, title=f"Nyhet {number}", with_image=True
        )
    staff_client.get("/")

    publish_new(NewsPageFactory, parent=news_index, title="Uten bilde")
    with CaptureQueriesContext(connection) as queries:
        html, _built = front_page(staff_client)
    assert html.count("news-card__image") == 3  # the kept cards keep theirs
    assert not [q for q in queries.captured_queries if IMAGE_READ in q["sql"]]

    publish_new(NewsPageFactory, parent=news_index, title="Med bilde", with_image=True)
    with CaptureQueriesContext(connection) as queries:
        html, _built = front_page(staff_client)
    assert html.count("news-card__image") == 4
    image_reads = [q for q in queries.captured_queries if IMAGE_READ in q["sql"]]
    assert len(image_reads) == 1


def test_a_view_restriction_rebuilds_the_lists_and_keeps_the_cards(
    staff_client, stories, news_index
):
    """A change that names no scope rebuilds every list (who sees what may
    have changed), but a card shows nothing a restriction changes: the
    stories still shown keep their cards."""
    publish_new(NewsPageFactory, parent=news_index, title="Sykkelparkering")
    staff_client.get("/")

    PageViewRestriction.objects.create(
        page=stories["article"], restriction_type=PageViewRestriction.LOGIN
    )

    response = staff_client.get("/")
    html = response.content.decode()
    built = {template.name for template in response.templates}
    assert "Ny kantine" not in html  # restricted pages stay off the front page
    assert "Sykkelparkering" in html
    assert "Støpingen er i gang" in html
    assert {LATEST_NEWS, UPDATE_LIST} <= built
    assert CARD not in built


def test_a_new_address_above_a_story_moves_the_link_on_its_card(
    staff_client, stories, news_index
):
    """The news index given a new slug moves every article's address without
    publishing the articles again: the card links to the new one at once."""
    assert_new_address_shows(staff_client, stories["article"], above=news_index)


def test_a_planned_activity_or_an_alert_keeps_every_list(
    staff_client, stories, staff_user
):
    """The communication team plans all day: an activity saved (or an
    alert) shows where activities show, and every story list and card on
    the front page is served as kept."""
    from tests.factories.notices import AlertFactory
    from tests.factories.planning import ActivityFactory

    staff_client.get("/")
    version = content_version()

    ActivityFactory(title="Kampanje om matavfall", owners=[staff_user])
    _html, built = front_page(staff_client)
    assert not STORY_LISTS & built  # no story list built again
    assert content_version() > version  # the plan's own pages move
    plan = staff_client.get("/arshjul/agenda/").content.decode()
    assert "Kampanje om matavfall" in plan

    AlertFactory(message="Strømbrudd i rådhuset i kveld")
    html, built = front_page(staff_client)
    assert not STORY_LISTS & built
    assert "Strømbrudd i rådhuset i kveld" in html


def test_a_picture_changed_in_the_library_is_rendered_anew_on_its_card(
    staff_client, home_page, news_index
):
    """A new focal point gives the picture new renditions (a crop around the
    new point): the card is rendered again and shows them."""
    import re

    def pictures(html: str) -> set[str]:
        return set(re.findall(r"/media/images/[^\s\"',]+", html))

    article = publish_new(
        NewsPageFactory, parent=news_index, title="Nytt bibliotek", with_image=True
    )
    html, _rendered = cards_rendered(staff_client)
    before = pictures(html)
    assert before

    image = article.hero_image
    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()

    html, rendered = cards_rendered(staff_client)
    after = pictures(html)
    assert rendered >= 1
    assert after and not after & before
    stored = {rendition.url for rendition in image.renditions.all()}
    assert after <= stored


def test_a_document_uploaded_keeps_every_list_and_search_finds_it(
    staff_client, stories, settings
):
    """People upload documents all day: search finds a new one at once (its
    kept searches follow the whole version), and the front page's story
    lists, which show no documents, are served as kept."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_BACKEND = ""
    staff_client.get("/")
    get_document_model().objects.create(
        title="Reglement for tjenestereiser 2027",
        file=ContentFile(b"Nye satser for tjenestereiser.", name="reiser.txt"),
        collection=Collection.get_first_root_node(),
    )

    _html, built = front_page(staff_client)
    assert not STORY_LISTS & built
    found = staff_client.get("/sok/", {"q": "tjenestereiser"}).content.decode()
    assert "Reglement for" in found  # the title, its search word marked
