"""Search end to end: real news and case pages, published, found through /sok/."""

import html as html_lib
import re

import pytest
from django.core.cache import cache
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction

from intranet.core.models import Topic, Unit
from search import services as search_services
from search.models import IndexTerm
from tests.factories.core import UserFactory
from tests.factories.search import paragraph_body

HIT_RE = re.compile(r'<h3 class="search-hit__title"><a href="([^"]*)">(.*?)</a></h3>')


def main(response) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def titles(client, querystring: str) -> list[str]:
    """The titles of the hits on the first page of results, sorted."""
    html = main(client.get(f"/sok/?{querystring}"))
    return sorted(
        html_lib.unescape(strip_tags(title)) for _url, title in HIT_RE.findall(html)
    )


def facet_count(html: str, name: str, value: str) -> int | None:
    """The count shown beside a facet's checkbox, or None when it is not offered."""
    match = re.search(
        rf'name="{name}" value="{re.escape(value)}"[^>]*>\s*<label [^>]*>[^<]*'
        rf'<span class="facet__count">\((\d+)<',
        html,
    )
    return int(match.group(1)) if match else None


@pytest.fixture
def health(db):
    return Unit.objects.create(name="Helse og omsorg", slug="helse")


@pytest.fixture
def health_topic(db):
    return Topic.objects.create(name="Helse", slug="helse")


# Finding text --------------------------------------------------------------


def test_an_article_about_the_kindergartens_is_found_by_other_forms_of_the_word(
    staff_client, make_article
):
    make_article(
        "Nye lekeplasser i barnehagene",
        intro="Alle barnehagene får nye lekeplasser i år.",
    )
    make_article("Skolene får nye pulter")

    for word in ("barnehage", "barnehagen", "barnehagene"):
        assert titles(staff_client, f"q={word}") == ["Nye lekeplasser i barnehagene"]
    html = main(staff_client.get("/sok/?q=barnehagen"))
    assert "Nye lekeplasser i <mark>barnehagene</mark>" in html


def test_text_in_the_body_of_a_story_is_found(staff_client, make_article):
    make_article(
        "Energisparing i rådhuset",
        body=paragraph_body("<p>Vi har montert <b>solcellepaneler</b> på taket.</p>"),
    )

    html = main(staff_client.get("/sok/?q=solcellepanel"))

    assert "Energisparing i rådhuset" in html
    assert "Vi har montert <mark>solcellepaneler</mark> på taket." in html


def test_a_case_update_is_found_and_counted_under_its_type(
    staff_client, make_case, make_update, make_article
):
    case = make_case("Språkløftet", slug="sprakloftet")
    make_update(case, "Språkkoordinator i hver barnehage", slug="koordinator")
    make_update(case, "Barnehagene deler erfaringer")
    make_article("Ny barnehage åpner")

    html = main(staff_client.get("/sok/?q=barnehage"))

    assert "Viser 1–3 av 3 treff" in html
    assert facet_count(html, "type", "case_update") == 2
    assert facet_count(html, "type", "news") == 1
    assert facet_count(html, "type", "case") is None
    assert (
        '<a href="/saker/sprakloftet/koordinator/">'
        "Språkkoordinator i hver <mark>barnehage</mark></a>" in html
    )
    assert titles(staff_client, "q=barnehage&type=case_update") == [
        "Barnehagene deler erfaringer",
        "Språkkoordinator i hver barnehage",
    ]


def test_a_script_in_page_text_is_shown_as_text_never_run(staff_client, make_article):
    script = '<script>alert("hei")</script>'
    make_article(
        f"Sikkerhet: {script} i skjemaer",
        slug="sikkerhet",
        intro=f"Skjemaet slapp gjennom {script} fra innbyggere.",
        body=paragraph_body(
            "<p>Koden &lt;script&gt;alert(1)&lt;/script&gt; ble stoppet.</p>"
        ),
    )

    # PostgreSQL's parser skips whatever looks like HTML tags (and a script's
    # content), so the test searches for the words around them.
    for query in ("q=sikkerhet", "q=skjemaer", "q=koden"):
        html = main(staff_client.get(f"/sok/?{query}"))
        assert "Sikkerhet" in html
        assert "<script" not in html.lower()
    html = main(staff_client.get("/sok/?q=sikkerhet"))
    assert (
        "<mark>Sikkerhet</mark>: &lt;script&gt;alert(&quot;hei&quot;)&lt;/script&gt;"
        " i skjemaer" in html
    )
    html = main(staff_client.get("/sok/?q=koden"))
    assert "<mark>Koden</mark> &lt;script&gt;alert(1)&lt;/script&gt; ble" in html


# Filters ------------------------------------------------------------------


@pytest.fixture
def stories(
    make_article, make_case, make_update, unit, sector, health, topic, health_topic
):
    """Two articles, a case and an update in different units, topics and tags."""
    article = make_article(
        "Lekeplass med sensorer",
        unit=unit,
        topics=[topic],
        tags=["Lekeplass"],
        positioning_themes=["innovation"],
        nomination_text="Første kommune med sensorer på lekeplassen.",
    )
    make_article("Vaksine for ansatte", unit=health, topics=[health_topic])
    make_article("Ny rutine for hele kommunen")
    case = make_case("Språkløftet", unit=unit, topics=[topic], tags=["språk"])
    make_update(
        case,
        "Språkkoordinator i hver barnehage",
        unit=unit,
        topics=[topic],
        tags=["språk", "Lekeplass"],
        positioning_themes=["competence"],
        nomination_text="Kompetansen i én barnehage blir kompetanse i alle.",
    )
    return article, case


@pytest.mark.parametrize(
    ("querystring", "expected"),
    [
        (
            "topic=barnehage",
            [
                "Lekeplass med sensorer",
                "Språkkoordinator i hver barnehage",
                "Språkløftet",
            ],
        ),
        ("topic=helse", ["Vaksine for ansatte"]),
        (
            "unit=barnehagene",
            [
                "Lekeplass med sensorer",
                "Språkkoordinator i hver barnehage",
                "Språkløftet",
            ],
        ),
        # A sector finds everything in its units.
        (
            "unit=oppvekst",
            [
                "Lekeplass med sensorer",
                "Språkkoordinator i hver barnehage",
                "Språkløftet",
            ],
        ),
        ("unit=helse", ["Vaksine for ansatte"]),
        ("theme=innovation", ["Lekeplass med sensorer"]),
        ("theme=competence", ["Språkkoordinator i hver barnehage"]),
        (
            "tag=Lekeplass",
            ["Lekeplass med sensorer", "Språkkoordinator i hver barnehage"],
        ),
        (
            "tag=lekeplass",
            ["Lekeplass med sensorer", "Språkkoordinator i hver barnehage"],
        ),
        ("tag=språk", ["Språkkoordinator i hver barnehage", "Språkløftet"]),
        ("tag=språk&type=case", ["Språkløftet"]),
        ("topic=barnehage&theme=innovation", ["Lekeplass med sensorer"]),
    ],
)
def test_filters_find_the_right_pages(staff_client, stories, querystring, expected):
    assert titles(staff_client, querystring) == expected


def test_filtering_on_a_case_gives_the_case_its_updates_and_news_about_it(
    staff_client, make_case, make_update, make_article
):
    case = make_case("Nytt bibliotek")
    make_update(case, "Tomten er valgt")
    make_update(case, "Arkitekten er valgt")
    make_article("Biblioteket får meråpent", related_case=case)
    other = make_case("Ny skolevei")
    make_update(other, "Skoleveien er ferdig")

    html = main(staff_client.get(f"/sok/?case={case.pk}"))

    assert titles(staff_client, f"case={case.pk}") == [
        "Arkitekten er valgt",
        "Biblioteket får meråpent",
        "Nytt bibliotek",
        "Tomten er valgt",
    ]
    assert "Sak: Nytt bibliotek" in html
    assert facet_count(html, "type", "case_update") == 2


def test_filtering_on_a_person_finds_what_they_own_and_write(
    staff_client,
    make_case,
    make_update,
    make_article,
    owner,
    co_owner,
    author,
    communication_user,
):
    case = make_case("Ny vaktordning", owners=[owner])
    # An update the communication team wrote still belongs to the case's owners.
    make_update(case, "Arbeidsgruppen er i gang", author=communication_user)
    make_case("En annen sak", owners=[co_owner])
    make_article("Vaktordningen er vedtatt", owner=author)

    assert titles(staff_client, "person=eva.eier") == [
        "Arbeidsgruppen er i gang",
        "Ny vaktordning",
    ]
    assert titles(staff_client, "person=hilde.strand") == ["Vaktordningen er vedtatt"]
    html = main(staff_client.get("/sok/?person=hilde.strand"))
    assert "Person: Hilde Strand" in html


def test_units_and_topics_with_capitals_in_their_slug_can_be_filtered_on(
    staff_client, make_article
):
    unit = Unit.objects.create(name="IT-avdelingen", slug="IT-avdelingen")
    topic = Topic.objects.create(name="HMS", slug="HMS")
    make_article("Nye bærbare", unit=unit, topics=[topic])

    assert titles(staff_client, "unit=IT-avdelingen") == ["Nye bærbare"]
    assert titles(staff_client, "topic=HMS") == ["Nye bærbare"]


# Who sees what -------------------------------------------------------------


@pytest.fixture
def hidden_and_restricted(make_article, communication_group):
    make_article("Budsjett: utkast", publish=False)
    unpublished = make_article("Budsjett: trukket tilbake")
    unpublished.unpublish()
    restricted = make_article("Budsjett: for kommunikasjon")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])
    make_article("Budsjett: for alle")


def test_drafts_unpublished_and_restricted_pages_are_not_shown_to_others(
    staff_client, hidden_and_restricted
):
    assert titles(staff_client, "q=budsjett") == ["Budsjett: for alle"]


def test_members_of_the_group_find_the_restricted_page(
    client, communication_user, hidden_and_restricted
):
    client.force_login(communication_user)

    assert titles(client, "q=budsjett") == [
        "Budsjett: for alle",
        "Budsjett: for kommunikasjon",
    ]
    html = main(client.get("/sok/?q=budsjett"))
    assert '<span class="badge">Begrenset tilgang</span>' in html


def test_a_case_restricted_to_a_group_hides_its_updates_too(
    client, make_case, make_update, communication_group
):
    case = make_case("Omorganisering")
    make_update(case, "Omorganisering: første møte")
    restriction = PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])
    outsider = UserFactory(username="utenfor")
    member = UserFactory(username="innenfor")
    member.groups.add(communication_group)

    client.force_login(outsider)
    assert titles(client, "q=omorganisering") == []
    assert titles(client, f"case={case.pk}") == []
    client.force_login(member)
    assert len(titles(client, "q=omorganisering")) == 2


# Links into search from the pages -----------------------------------------


def search_links(client, url: str) -> dict[str, str]:
    """The links on a page that lead into search, by their text."""
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    return {
        html_lib.unescape(strip_tags(text)).strip(): html_lib.unescape(href)
        for href, text in re.findall(
            r'<a [^>]*href="(/sok/\?[^"]*)"[^>]*>(.*?)</a>', page
        )
    }


def test_the_links_on_a_news_article_lead_to_its_neighbours_in_search(
    staff_client, stories
):
    article, _case = stories

    links = search_links(staff_client, article.url)

    assert links == {
        "Barnehagene": "/sok/?unit=barnehagene",
        "Barnehage": "/sok/?topic=barnehage",
        "Lekeplass": "/sok/?tag=lekeplass",
    }
    for url in links.values():
        found = titles(staff_client, url.removeprefix("/sok/?"))
        assert "Lekeplass med sensorer" in found
        assert len(found) >= 2


def test_the_links_on_a_case_lead_to_its_neighbours_in_search(staff_client, stories):
    _article, case = stories

    links = search_links(staff_client, case.url)

    assert links == {
        "Barnehagene": "/sok/?unit=barnehagene",
        "Barnehage": "/sok/?topic=barnehage",
        "#språk": "/sok/?tag=spr%C3%A5k",
    }
    assert titles(staff_client, "tag=spr%C3%A5k") == [
        "Språkkoordinator i hver barnehage",
        "Språkløftet",
    ]
    for url in links.values():
        assert "Språkløftet" in titles(staff_client, url.removeprefix("/sok/?"))


def test_the_links_on_a_case_update_lead_to_its_neighbours_in_search(
    staff_client, stories
):
    _article, case = stories
    update = case.get_children().specific().get()

    links = search_links(staff_client, update.url)

    assert links == {
        "Barnehagene": "/sok/?unit=barnehagene",
        "Barnehage": "/sok/?topic=barnehage",
        "#Lekeplass": "/sok/?tag=lekeplass",
        "#språk": "/sok/?tag=spr%C3%A5k",
    }
    for url in links.values():
        assert update.title in titles(staff_client, url.removeprefix("/sok/?"))


def test_a_tag_with_spaces_and_symbols_links_to_its_pages(staff_client, make_article):
    article = make_article("Ny kaffemaskin", tags=["Kaffe & te", "A/B-test"])

    links = search_links(staff_client, article.url)

    for name in ("Kaffe & te", "A/B-test"):
        assert titles(staff_client, links[name].removeprefix("/sok/?")) == [
            "Ny kaffemaskin"
        ]


# The case filter names only cases the person may see ------------------------


@pytest.fixture
def secret_case(make_case, communication_group):
    case = make_case("Omstilling i rådhuset: hemmelig")
    restriction = PageViewRestriction.objects.create(
        page=case, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([communication_group])
    return case


def test_the_case_filter_never_shows_a_restricted_case_title_to_others(
    staff_client, secret_case
):
    html = main(staff_client.get(f"/sok/?q=budsjett&case={secret_case.pk}"))

    assert "hemmelig" not in html
    assert f"Det finnes ingen sak «{secret_case.pk}»." in html


def test_the_case_filter_never_shows_a_draft_title(staff_client, make_case):
    draft = make_case("Utkast til sak om nedleggelse", publish=False)

    html = main(staff_client.get(f"/sok/?case={draft.pk}"))

    assert "nedleggelse" not in html
    assert f"Det finnes ingen sak «{draft.pk}»." in html


def test_the_case_filter_does_not_name_pages_that_are_not_cases(
    staff_client, make_article
):
    article = make_article("Lønnsoppgjøret", publish=False)

    html = main(staff_client.get(f"/sok/?case={article.pk}"))

    assert "Lønnsoppgjøret" not in html
    assert f"Det finnes ingen sak «{article.pk}»." in html


def test_a_member_filters_by_the_restricted_case_and_sees_its_title(
    client, communication_user, secret_case, make_update
):
    make_update(secret_case, "Ny organisering")
    client.force_login(communication_user)

    html = main(client.get(f"/sok/?case={secret_case.pk}"))

    assert "Sak: Omstilling i rådhuset: hemmelig" in html
    assert titles(client, f"case={secret_case.pk}") == [
        "Ny organisering",
        "Omstilling i rådhuset: hemmelig",
    ]


@pytest.mark.parametrize("value", [str(2**63 - 1), str(2**63), "9" * 40])
def test_out_of_range_case_ids_are_unknown_cases_not_errors(staff_client, value):
    response = staff_client.get(f"/sok/?q=x&case={value}")

    assert response.status_code == 200
    assert "hemmelig" not in main(response)


def test_topic_counts_over_everything_follow_publishing_renaming_and_rebuilds(
    staff_client, make_article, topic, health_topic
):
    """With only a topic chosen, the topic facet counts every page: kept between
    searches, and counted again after any change to what is indexed."""
    make_article("Vaksine for ansatte", topics=[health_topic])
    make_article("Ny barnehage", topics=[topic])

    html = main(staff_client.get("/sok/?topic=barnehage"))
    assert facet_count(html, "topic", "helse") == 1

    flu = make_article("Influensavaksine i høst", topics=[health_topic])
    html = main(staff_client.get("/sok/?topic=barnehage"))
    assert facet_count(html, "topic", "helse") == 2

    health_topic.slug = "folkehelse"
    health_topic.save()
    html = main(staff_client.get("/sok/?topic=barnehage"))
    assert facet_count(html, "topic", "helse") is None
    assert facet_count(html, "topic", "folkehelse") == 2

    # An index that lost a page (as after a crash), counted afresh: a rebuild
    # brings the page back, and the counts with it.
    IndexTerm.objects.filter(entry_id=flu.pk).delete()
    cache.clear()
    html = main(staff_client.get("/sok/?topic=barnehage"))
    assert facet_count(html, "topic", "folkehelse") == 1
    search_services.rebuild()
    html = main(staff_client.get("/sok/?topic=barnehage"))
    assert facet_count(html, "topic", "folkehelse") == 2


def test_counts_kept_for_browsing_by_type_differ_by_who_may_see_what(
    client, staff_user, communication_user, hidden_and_restricted
):
    """A search with only filters keeps its counts per access: the member's
    kept counts are never shown to others, nor theirs to the member."""
    client.force_login(communication_user)
    member = main(client.get("/sok/?type=news"))
    client.force_login(staff_user)
    other = main(client.get("/sok/?type=news"))
    client.force_login(communication_user)
    member_again = main(client.get("/sok/?type=news"))

    assert facet_count(member, "type", "news") == 2
    assert facet_count(other, "type", "news") == 1
    assert facet_count(member_again, "type", "news") == 2
    assert "Budsjett: for kommunikasjon" not in other
