"""The case list and the case page, as colleagues read them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseIndexPage, CasePage, CaseStatus
from intranet.core.models import PositioningTheme
from tests.factories.cases import (
    CasePageFactory,
    CasePlannedMeasureFactory,
    CaseUpdatePageFactory,
    days_ago,
)
from tests.factories.core import TopicFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

# Measured on SQLite: the case list takes 23-24 queries and the case page 28,
# with 5 as with 50 cases or updates. Most are fixed costs: session, user,
# site, Wagtail's userbar, the filter form's units and topics, and the header's
# count of unread notifications, the culture pulse banner's open survey, and the
# updates' comment and reaction counts.
CASE_LIST_MAX_QUERIES = 26
CASE_PAGE_MAX_QUERIES = 32


def make_cases(index, count: int) -> list:
    topic = TopicFactory(name="Digitalisering", slug="digitalisering")
    unit = UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten")
    cases = []
    for number in range(count):
        owners = [UserFactory(), UserFactory()]
        case = CasePageFactory(
            parent=index, title=f"Sak nummer {number}", unit=unit, owners=owners
        )
        case.topics.add(topic)
        case.save()
        CaseUpdatePageFactory(parent=case, publication_date=days_ago(number))
        cases.append(case)
    return cases


@pytest.mark.parametrize("count", [5, 50])
def test_case_list_runs_a_constant_number_of_queries(
    client, staff_user, case_index, django_assert_max_num_queries, count, monkeypatch
):
    make_cases(case_index, count)
    monkeypatch.setattr(CaseIndexPage, "per_page", 50)  # render them all
    client.force_login(staff_user)
    client.get(case_index.url)  # fills per-process caches (content types, sites)

    with django_assert_max_num_queries(CASE_LIST_MAX_QUERIES):
        response = client.get(case_index.url)

    assert response.status_code == 200
    assert response.content.decode().count('class="case-item"') == count


@pytest.mark.parametrize("count", [5, 50])
def test_case_page_runs_a_constant_number_of_queries(
    client, staff_user, case, django_assert_max_num_queries, count, monkeypatch
):
    for number in range(count):
        CaseUpdatePageFactory(
            parent=case,
            publication_date=days_ago(number),
            positioning_themes=[PositioningTheme.INNOVATION],
            nomination_text="Nytt arbeidsverktøy.",
        )
    monkeypatch.setattr(CasePage, "updates_per_page", 50)  # render them all
    client.force_login(staff_user)
    client.get(case.url)  # fills per-process caches (content types, sites)

    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        response = client.get(case.url)

    assert response.status_code == 200
    assert response.content.decode().count('class="timeline__item"') == count


def test_case_list_shows_the_latest_activity_first(client, staff_user, case_index):
    quiet = CasePageFactory(parent=case_index, title="Stille sak")
    CaseUpdatePageFactory(parent=quiet, publication_date=days_ago(40))
    busy = CasePageFactory(parent=case_index, title="Travel sak")
    CaseUpdatePageFactory(parent=busy, publication_date=days_ago(1))
    client.force_login(staff_user)

    content = client.get(case_index.url).content.decode()

    assert content.index("Travel sak") < content.index("Stille sak")


def test_case_cards_show_the_status_and_link_the_owners(client, staff_user, case_index):
    owner = UserFactory(username="siri.veg", first_name="Siri", last_name="Veg")
    CasePageFactory(
        parent=case_index,
        title="Ny gang- og sykkelvei",
        status=CaseStatus.ONGOING,
        owners=[owner],
    )
    client.force_login(staff_user)

    content = client.get(case_index.url).content.decode()

    assert (
        '<span class="badge case-status case-status--ongoing">Pågår</span>' in content
    )
    assert '<a href="/personer/siri.veg/">Siri Veg</a>' in content


def test_case_list_hides_drafts(client, staff_user, case_index):
    CasePageFactory(parent=case_index, title="Hemmelig utkast", live=False)
    client.force_login(staff_user)

    assert "Hemmelig utkast" not in client.get(case_index.url).content.decode()


@pytest.fixture
def varied_cases(case_index):
    helse = UnitFactory(name="Helse og omsorg", slug="helse-og-omsorg")
    hjemme = UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten", parent=helse)
    skole = UnitFactory(name="Grunnskolene", slug="grunnskolene")
    digital = TopicFactory(name="Digitalisering", slug="digitalisering")
    first = CasePageFactory(
        parent=case_index,
        title="Digital hjemmetjeneste",
        unit=hjemme,
        status=CaseStatus.ONGOING,
        summary="Nettbrett og digitalt tilsyn.",
    )
    first.topics.add(digital)
    first.save()
    CasePageFactory(
        parent=case_index,
        title="Ny IT-plattform i skolen",
        unit=skole,
        status=CaseStatus.PLANNED,
        summary="Felles læringsplattform.",
    )
    return case_index


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"unit": "hjemmetjenesten"}, "Digital hjemmetjeneste", "Ny IT-plattform"),
        ({"unit": "helse-og-omsorg"}, "Digital hjemmetjeneste", "Ny IT-plattform"),
        ({"status": "planned"}, "Ny IT-plattform", "Digital hjemmetjeneste"),
        ({"topic": "digitalisering"}, "Digital hjemmetjeneste", "Ny IT-plattform"),
        ({"q": "læringsplattform"}, "Ny IT-plattform", "Digital hjemmetjeneste"),
        ({"q": "HJEMMETJENESTE"}, "Digital hjemmetjeneste", "Ny IT-plattform"),
    ],
)
def test_case_list_filters(client, staff_user, varied_cases, query, shown, hidden):
    client.force_login(staff_user)

    content = client.get(varied_cases.url, query).content.decode()

    assert shown in content
    assert hidden not in content


@pytest.mark.parametrize(
    "query",
    [
        {"unit": "finnes-ikke"},
        {"status": "avlyst"},
        {"topic": "\x00"},
        {"q": "x" * 500},
        {"side": "999"},
        {"side": "-1"},
        {"side": "abc"},
        {"unit": ["a", "b"], "status": ""},
    ],
)
def test_unknown_filter_values_are_ignored(client, staff_user, varied_cases, query):
    client.force_login(staff_user)

    response = client.get(varied_cases.url, query)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Digital hjemmetjeneste" in content
    assert "Ny IT-plattform i skolen" in content


def test_filters_without_matches_say_so(client, staff_user, varied_cases):
    client.force_login(staff_user)

    response = client.get(varied_cases.url, {"q": "svømmehall"})

    assert "Ingen saker passer med filtrene." in response.content.decode()


def test_case_list_paginates_and_keeps_filters(client, staff_user, case_index):
    unit = UnitFactory(name="Plan og miljø", slug="plan-og-miljo")
    for number in range(25):
        CasePageFactory(parent=case_index, title=f"Klimatiltak {number:02}", unit=unit)
    client.force_login(staff_user)

    first = client.get(case_index.url, {"unit": "plan-og-miljo"}).content.decode()
    second = client.get(
        case_index.url, {"unit": "plan-og-miljo", "side": 2}
    ).content.decode()

    assert first.count('class="case-item"') == 20
    assert second.count('class="case-item"') == 5
    assert "?unit=plan-og-miljo&amp;side=2" in first


def test_case_page_shows_what_colleagues_need(client, staff_user, case, owner):
    owner.profile.unit = UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten")
    owner.profile.save()
    case.communication_need = "high"
    case.communication_audiences = ["citizens", "politicians"]
    case.status = CaseStatus.PAUSED
    topic = TopicFactory(name="Eldreomsorg", slug="eldreomsorg")
    case.topics.add(topic)
    case.tags.add("velferdsteknologi")
    case.save()
    older = CaseUpdatePageFactory(
        parent=case, title="Oppstart", publication_date=days_ago(30)
    )
    newer = CaseUpdatePageFactory(
        parent=case, title="Første erfaringer", publication_date=days_ago(2)
    )
    CaseUpdatePageFactory(parent=case, title="Ikke publisert", live=False)
    client.force_login(staff_user)

    content = client.get(case.url).content.decode()

    assert "Eva Eier" in content
    assert "(Hjemmetjenesten)" in content
    assert "Satt på vent" in content
    assert "Innbyggere, Politikere" in content
    assert 'href="/sok/?topic=eldreomsorg"' in content
    assert 'href="/sok/?tag=velferdsteknologi"' in content
    assert content.index(newer.title) < content.index(older.title)
    assert "Ikke publisert" not in content


def test_case_page_paginates_the_timeline(client, staff_user, case):
    for number in range(12):
        CaseUpdatePageFactory(
            parent=case,
            title=f"Oppdatering {number:02}",
            publication_date=days_ago(number),
        )
    client.force_login(staff_user)

    second = client.get(case.url, {"side": 2}).content.decode()

    assert second.count('class="timeline__item"') == 2
    assert "Oppdatering 11" in second


def test_owners_see_shortcuts_and_assessment_warnings_others_do_not(
    client, case, owner, other_staff
):
    case.communication_need = "high"
    case.communication_audiences = ["staff"]
    case.communication_channels = ["intranet"]
    case.communication_key_messages = "Vi tester nettbrett."
    case.save()

    client.force_login(owner)
    as_owner = client.get(case.url).content.decode()
    client.force_login(other_staff)
    as_colleague = client.get(case.url).content.decode()

    assert "Ny oppdatering" in as_owner
    assert "Høyt kommunikasjonsbehov uten planlagte tiltak" in as_owner
    assert "Ny oppdatering" not in as_colleague
    assert "Høyt kommunikasjonsbehov uten planlagte tiltak" not in as_colleague
    # Not even Wagtail's userbar offers to edit someone else's case.
    edit_url = reverse("wagtailadmin_pages:edit", args=[case.pk])
    assert edit_url in as_owner
    assert edit_url not in as_colleague

    CasePlannedMeasureFactory(case=case)
    client.force_login(owner)
    assert "uten planlagte tiltak" not in client.get(case.url).content.decode()


def test_update_page_links_back_to_its_case(client, staff_user, case):
    update = CaseUpdatePageFactory(
        parent=case,
        title="Kompetanseløft",
        positioning_themes=[PositioningTheme.COMPETENCE],
        nomination_text="Alle ansatte har tatt kurs.",
        publication_date=timezone.now(),
    )
    client.force_login(staff_user)

    content = client.get(update.url).content.decode()

    assert f'href="{case.url}"' in content
    assert "Kompetanse" in content
    assert "Alle ansatte har tatt kurs." in content


def test_staff_are_offered_to_start_a_case_from_the_list(
    client, staff_user, case_index
):
    client.force_login(staff_user)

    content = client.get(case_index.url).content.decode()

    new_case = reverse("composer:case_new", args=[case_index.pk])
    assert f'href="{new_case}"' in content


def test_the_case_count_is_each_persons_and_follows_publishing(
    client, staff_user, case_index
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    health = Group.objects.create(name="Helse")
    insider = UserFactory(username="innenfor")
    insider.groups.add(health)
    CasePageFactory(parent=case_index, title="Ny skolevei")
    closed = CasePageFactory(parent=case_index, title="Lukket personalsak")
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(health)

    def heading(user) -> str:
        client.force_login(user)
        response = client.get(case_index.url)
        count = response.context["cases"].paginator.count
        shown = f"{count} sak" if count == 1 else f"{count} saker"
        assert shown in response.content.decode()
        return shown

    assert heading(staff_user) == "1 sak"
    assert heading(insider) == "2 saker"

    CasePageFactory(parent=case_index, title="Nytt fortau")
    closed.unpublish()

    assert heading(staff_user) == "2 saker"
    assert heading(insider) == "2 saker"


def test_the_rendered_case_cards_are_each_persons_and_follow_the_content(
    client, staff_user, case_index
):
    """The cards are kept rendered per content version: a restricted case is
    never served from another person's copy, and a publish, an unpublish or
    a renamed case shows at once."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    health = Group.objects.create(name="Helse")
    insider = UserFactory(username="innenfor")
    insider.groups.add(health)
    road = CasePageFactory(parent=case_index, title="Ny skolevei")
    closed = CasePageFactory(parent=case_index, title="Lukket personalsak")
    restriction = PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(health)

    def titles(user) -> set[str]:
        client.force_login(user)
        html = client.get(case_index.url).content.decode()
        return {
            title
            for title in ("Ny skolevei", "Lukket personalsak", "Nytt fortau", "Trygg")
            if title in html
        }

    assert titles(insider) == {"Ny skolevei", "Lukket personalsak"}
    assert titles(staff_user) == {"Ny skolevei"}
    assert titles(insider) == {"Ny skolevei", "Lukket personalsak"}

    CasePageFactory(parent=case_index, title="Nytt fortau")
    closed.unpublish()
    road.title = "Trygg skolevei"
    road.save_revision().publish()

    assert titles(staff_user) == {"Nytt fortau", "Trygg"}
    assert titles(insider) == {"Nytt fortau", "Trygg"}


def test_the_kept_filter_form_shows_the_choice_made_and_every_unit_and_topic(
    client, staff_user, case_index
):
    """The rendered filter form is kept between requests: each address keeps
    its own choices and text, and a new unit or topic is offered at once."""
    UnitFactory(slug="grunnskolene", name="Grunnskolene")
    client.force_login(staff_user)

    def filter_form(query: str) -> str:
        html = client.get(f"{case_index.url}{query}").content.decode()
        return html[html.index('<form class="case-filters"') :].split("</form>")[0]

    assert 'value="grunnskolene">' in filter_form("")
    assert 'value="grunnskolene" selected>' in filter_form("?unit=grunnskolene")
    assert 'value="skolebygg"' in filter_form("?q=skolebygg")
    assert 'value="grunnskolene">' in filter_form("")
    assert "Barnehagene" not in filter_form("")

    UnitFactory(slug="barnehagene", name="Barnehagene")
    TopicFactory(slug="klima", name="Klima og miljø")

    assert 'value="barnehagene">Barnehagene' in filter_form("")
    assert 'value="barnehagene">Barnehagene' in filter_form("?unit=grunnskolene")
    assert "Klima og miljø" in filter_form("?q=skolebygg")
