"""A new case from the intranet: owners by name, the assessment as a guided step."""

import datetime

import pytest
from django.urls import reverse

from cases.models import CasePage
from intranet.composer.models import Submission
from intranet.core.roles import EDITORS
from tests.composer.helpers import composer_form
from tests.factories.core import TopicFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

COMPLETE = {
    "communication_need": "high",
    "communication_audiences": ["staff", "citizens"],
    "communication_channels": ["intranet", "website"],
    "communication_key_messages": "Hjemmetjenesten blir digital fra høsten.",
}


@pytest.fixture
def unit(db):
    return UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten")


@pytest.fixture
def owner(owner, unit):
    owner.profile.unit = unit
    owner.profile.save()
    return owner


@pytest.fixture
def url(case_index):
    return reverse("composer:case_new", args=[case_index.pk])


@pytest.fixture
def signed_in(client, owner):
    client.force_login(owner)
    return client


def new_case(client, url, **changes):
    """The form as the browser sends it, with a title and a summary."""
    return composer_form(
        client,
        url,
        **{
            "title": "Digital tilsyn",
            "summary": "Vi tester digitalt tilsyn.",
            **changes,
        },
    )


def test_a_case_is_created_and_published_with_a_complete_assessment(
    signed_in, url, owner, co_owner, unit
):
    topic = TopicFactory(name="Velferdsteknologi", slug="velferdsteknologi")
    data = new_case(
        signed_in,
        url,
        owners="Eva Eier\nMons Medeier",
        status="ongoing",
        start_date="2026-09-01",
        expected_end_date="2027-06-30",
        topics=[topic.pk],
        action="publish",
        **{
            "measures-0-title": "Informasjonsmøte for pårørende",
            "measures-0-audience": "citizens",
            "measures-0-channel": "meeting",
            "measures-0-planned_date": "2026-09-15",
        },
        **COMPLETE,
    )

    response = signed_in.post(url, data, follow=True)

    case = CasePage.objects.get()
    assert response.redirect_chain[-1][0] == case.url
    assert "Saken er publisert." in response.content.decode()
    assert case.live and not case.has_unpublished_changes
    assert case.owner_users == [owner, co_owner]
    assert case.owner == owner
    assert case.unit == unit
    assert case.status == "ongoing"
    assert case.start_date == datetime.date(2026, 9, 1)
    assert list(case.topics.all()) == [topic]
    assert case.communication_audiences == ["staff", "citizens"]
    assert case.communication_assessment_status() == "complete"
    measure = case.planned_measures.get()
    assert (measure.title, measure.channel, measure.audience) == (
        "Informasjonsmøte for pårørende",
        "meeting",
        "citizens",
    )
    assert measure.planned_date == datetime.date(2026, 9, 15)


def test_the_form_starts_with_oneself_as_owner_and_labels_not_codes(
    signed_in, url, unit
):
    html = signed_in.get(url).content.decode()
    data = composer_form(signed_in, url)

    assert data["owners"] == ["Eva Eier (eier)"]
    assert data["unit"] == [str(unit.pk)]
    assert "Hvem trenger å vite om dette?" in html
    assert "Pressemelding eller mediekontakt" in html
    assert "Innbyggere" in html
    assert ">social_media<" not in html
    assert 'value="publish"' in html and "Lagre som kladd" in html


def test_publishing_is_refused_without_a_complete_assessment(signed_in, url):
    data = new_case(
        signed_in,
        url,
        title="Min sak",
        summary="Et sammendrag jeg har skrevet lenge på.",
        communication_need="high",
        action="publish",
    )

    response = signed_in.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Velg hvem som trenger å vite om saken." in html
    assert "Velg minst én kanal." in html
    assert "Saken kan ikke publiseres før behovet for kommunikasjon" in html
    assert "Et sammendrag jeg har skrevet lenge på." in html
    assert CasePage.objects.exists() is False
    assert Submission.objects.exists() is False


def test_publishing_is_refused_when_the_need_is_not_assessed(signed_in, url):
    response = signed_in.post(url, new_case(signed_in, url, action="publish"))

    assert "Vurder behovet for kommunikasjon før saken publiseres." in (
        response.content.decode()
    )
    assert CasePage.objects.exists() is False


def test_a_draft_may_stop_halfway_through_the_assessment(signed_in, url, owner):
    data = new_case(signed_in, url, communication_need="high", action="draft")

    response = signed_in.post(url, data, follow=True)

    case = CasePage.objects.get()
    html = response.content.decode()
    assert not case.live
    assert response.redirect_chain[-1][0] == reverse("cases:my_cases")
    assert "er lagret som kladd" in html
    assert "Digital tilsyn" in html
    assert case.owner_users == [owner]
    assert case.communication_need == "high"


def test_the_created_case_opens_in_the_wagtail_editor(signed_in, url):
    signed_in.post(url, new_case(signed_in, url, action="draft"))
    case = CasePage.objects.get()

    response = signed_in.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))

    assert response.status_code == 200
    assert "Digital tilsyn" in response.content.decode()


def test_owners_are_found_by_full_name_or_username_in_any_case(
    signed_in, url, owner, co_owner, other_staff
):
    data = new_case(
        signed_in, url, owners="eva eier, MEDEIER; Kim Kollega", action="draft"
    )

    signed_in.post(url, data)

    assert CasePage.objects.get().owner_users == [owner, co_owner, other_staff]


def test_an_ambiguous_name_offers_the_people_it_may_mean(signed_in, url):
    school = UnitFactory(name="Sørum skole", slug="sorum-skole")
    home_care = UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten")
    for username, unit in (("kano1", school), ("kano2", home_care)):
        person = UserFactory(username=username, first_name="Kari", last_name="Nord")
        person.profile.unit = unit
        person.profile.save()
    data = new_case(signed_in, url, owners="Eva Eier\nKari Nord", action="draft")

    html = signed_in.post(url, data).content.decode()

    assert "Flere personer heter «Kari Nord». Mente du" in html
    assert "Kari Nord (kano1), Sørum skole" in html
    assert "Kari Nord (kano2), Hjemmetjenesten" in html
    assert CasePage.objects.exists() is False

    data["owners"] = ["Eva Eier\nKari Nord (Sørum skole)"]
    signed_in.post(url, data)
    assert [user.username for user in CasePage.objects.get().owner_users] == [
        "eier",
        "kano1",
    ]


def test_a_label_from_the_picker_resolves_after_a_change_of_name(
    signed_in, url, co_owner
):
    co_owner.last_name = "Nyttnavn"
    co_owner.save()
    data = new_case(
        signed_in, url, owners="Eva Eier\nMons Medeier (medeier)", action="draft"
    )

    signed_in.post(url, data)

    assert CasePage.objects.get().owner_users[1] == co_owner


def test_an_unknown_name_offers_similar_people(signed_in, url, co_owner):
    data = new_case(signed_in, url, owners="Eva Eier\nMons Medeir", action="draft")

    html = signed_in.post(url, data).content.decode()

    assert "Fant ingen som heter «Mons Medeir». Mente du Mons Medeier (medeier)" in (
        html
    )
    assert CasePage.objects.exists() is False


def test_an_owner_listed_twice_is_refused(signed_in, url):
    data = new_case(signed_in, url, owners="Eva Eier\neier", action="draft")

    html = signed_in.post(url, data).content.decode()

    assert "Eva Eier (eier) er ført opp mer enn én gang." in html
    assert CasePage.objects.exists() is False


def test_staff_cannot_leave_themselves_out_of_the_owners(signed_in, url, co_owner):
    data = new_case(signed_in, url, owners="Mons Medeier", action="draft")

    html = signed_in.post(url, data).content.decode()

    assert "Du blir første eier av saker du oppretter." in html
    assert CasePage.objects.exists() is False


def test_the_creator_is_the_first_owner_wherever_they_are_written(
    signed_in, url, owner, co_owner
):
    data = new_case(signed_in, url, owners="Mons Medeier\nEva Eier", action="draft")

    signed_in.post(url, data)

    assert CasePage.objects.get().owner_users == [owner, co_owner]


def test_the_communication_team_may_create_a_case_for_others(
    client, url, communication_member, owner, unit
):
    client.force_login(communication_member)
    data = composer_form(
        client,
        url,
        title="Sak for hjemmetjenesten",
        summary="Kommunikasjon oppretter saken.",
        owners="Eva Eier",
        unit=unit.pk,
        action="draft",
    )

    response = client.post(url, data)

    case = CasePage.objects.get()
    assert case.owner_users == [owner]
    # Not theirs, so not on their Mine saker: the draft opens in the editor.
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[case.pk])


def test_at_least_one_owner_is_needed(client, url, communication_member):
    client.force_login(communication_member)
    data = new_case(client, url, owners="", action="draft")

    html = client.post(url, data).content.decode()

    assert "En sak må ha minst én eier." in html
    assert CasePage.objects.exists() is False


def test_the_end_cannot_come_before_the_start(signed_in, url):
    data = new_case(
        signed_in,
        url,
        start_date="2026-09-01",
        expected_end_date="2026-08-01",
        action="draft",
    )

    html = signed_in.post(url, data).content.decode()

    assert "Forventet sluttdato kan ikke være før startdato." in html
    assert CasePage.objects.exists() is False


def test_a_measure_begun_must_be_finished_and_empty_rows_are_ignored(signed_in, url):
    data = new_case(
        signed_in, url, action="draft", **{"measures-1-title": "Artikkel på nettsiden"}
    )

    html = signed_in.post(url, data).content.decode()

    assert "Tiltak 2, kanal: Velg en kanal." in html
    assert "Velg datoen tiltaket er planlagt til." in html
    assert "Artikkel på nettsiden" in html
    assert CasePage.objects.exists() is False


@pytest.mark.parametrize(
    "changes",
    [
        {"unit": "999999"},
        {"unit": "ikke-et-tall"},
        {"status": "finished"},
        {"start_date": "31.02.2026"},
        {"communication_need": "enormous"},
        {"communication_channels": ["carrier_pigeon"]},
        {"measures-TOTAL_FORMS": "x"},
        {"submission": "not-a-uuid"},
        {"title": "   "},
    ],
)
def test_bad_input_is_said_in_norwegian_not_a_crash(signed_in, url, changes):
    data = new_case(signed_in, url, action="publish", **{**COMPLETE, **changes})

    response = signed_in.post(url, data)

    assert response.status_code == 200
    assert "Noe må rettes" in response.content.decode()
    assert CasePage.objects.exists() is False


def test_a_form_without_its_token_is_explained(signed_in, url):
    data = new_case(signed_in, url, action="draft")
    del data["submission"]

    html = signed_in.post(url, data).content.decode()

    assert "Skjemaet kunne ikke leses. Last inn siden på nytt" in html
    assert CasePage.objects.exists() is False


def test_a_missing_or_wrong_case_list_is_not_found(signed_in, case_index, home_page):
    assert signed_in.get(reverse("composer:case_new", args=[999999])).status_code == 404
    assert (
        signed_in.get(reverse("composer:case_new", args=[home_page.pk])).status_code
        == 404
    )


def test_a_double_click_creates_one_case(signed_in, url):
    data = new_case(signed_in, url, action="publish", **COMPLETE)

    first = signed_in.post(url, data)
    second = signed_in.post(url, data)

    case = CasePage.objects.get()
    assert first["Location"] == second["Location"] == case.url


def test_typed_text_survives_an_expired_session(client, url, owner):
    client.force_login(owner)
    data = new_case(
        client,
        url,
        summary="Lang tekst skrevet før økten gikk ut.",
        owners="Eva Eier\nMons Medeier",
        action="publish",
        **{"measures-0-title": "Møte med brukerrådet"},
        **COMPLETE,
    )
    client.logout()

    response = client.post(url, data)
    client.force_login(owner)
    html = client.get(url).content.decode()

    assert response.status_code == 302
    assert CasePage.objects.exists() is False
    assert "Lang tekst skrevet før økten gikk ut." in html
    assert "Mons Medeier" in html
    assert "Møte med brukerrådet" in html
    assert "Du ble logget ut mens du skrev." in html


# The permission matrix: the composer obeys exactly the admin's rule.

PEOPLE = ["staff", "no_group", "editor", "communication"]


@pytest.fixture
def person(request, other_staff, communication_member):
    return {
        "staff": other_staff,
        "no_group": UserFactory(username="uten-gruppe", groups=[]),
        "editor": UserFactory(username="redaktor", groups=["Ansatte", EDITORS]),
        "communication": communication_member,
    }[request.param]


@pytest.mark.parametrize("person", PEOPLE, indirect=True)
def test_creating_a_case_follows_the_admins_rule(client, person, case_index, url, unit):
    client.force_login(person)
    admin = reverse("wagtailadmin_pages:add", args=["cases", "casepage", case_index.pk])
    allowed = client.get(admin).status_code == 200
    may_publish = case_index.permissions_for_user(person).can_publish_subpage()

    get = client.get(url)

    assert (get.status_code == 200) is allowed
    if allowed:
        assert ('value="publish"' in get.content.decode()) is may_publish
        owners = f"{person.get_full_name()} ({person.username})"
        data = new_case(client, url, owners=owners, unit=unit.pk, action="draft")
        assert client.post(url, data).status_code == 302
        assert CasePage.objects.get().owner_users == [person]
    else:
        assert get.status_code == 403
        post = client.post(url, {"title": "X", "summary": "Y", "action": "draft"})
        assert post.status_code == 403
        assert CasePage.objects.exists() is False


def test_the_matrix_is_not_empty(client, other_staff, url):
    """Guard for the matrix above: staff may, people without a group may not."""
    client.force_login(other_staff)
    assert client.get(url).status_code == 200
    client.force_login(UserFactory(username="uten-gruppe", groups=[]))
    assert client.get(url).status_code == 403


# The people picker's suggestions


def test_suggestions_find_colleagues_by_name_or_unit(signed_in, owner, co_owner):
    picker = reverse("composer:people_choose")

    by_name = signed_in.get(picker, {"q": "eva"}).json()["results"]
    by_unit = signed_in.get(picker, {"q": "hjemme"}).json()["results"]

    assert by_name == [
        {"label": "Eva Eier (eier)", "name": "Eva Eier", "unit": "Hjemmetjenesten"}
    ]
    assert [person["label"] for person in by_unit] == ["Eva Eier (eier)"]


def test_suggestions_are_few_and_only_active_people(signed_in):
    for number in range(25):
        UserFactory(username=f"ola{number}", first_name="Ola", last_name="Hansen")
    gone = UserFactory(username="borte", first_name="Ola", last_name="Borte")
    gone.is_active = False
    gone.save()
    picker = reverse("composer:people_choose")

    results = signed_in.get(picker, {"q": "ola"}).json()["results"]
    too_short = signed_in.get(picker, {"q": "o"}).json()["results"]

    assert len(results) == 20
    assert "Ola Borte (borte)" not in [person["label"] for person in results]
    assert too_short == []


def test_an_inactive_person_cannot_be_made_owner(signed_in, url):
    gone = UserFactory(username="borte", first_name="Bo", last_name="Borte")
    gone.is_active = False
    gone.save()
    data = new_case(signed_in, url, owners="Eva Eier\nBo Borte", action="draft")

    html = signed_in.post(url, data).content.decode()

    assert "Fant ingen som heter «Bo Borte»." in html
    assert CasePage.objects.exists() is False


def test_suggestions_need_a_login(client):
    response = client.get(reverse("composer:people_choose"), {"q": "eva"})

    assert response.status_code == 302
    assert "/login" in response["Location"] or "logg-inn" in response["Location"]


def test_case_lists_and_mine_saker_lead_to_the_new_case_page(
    signed_in, case_index, url
):
    assert f'href="{url}"' in signed_in.get(case_index.url).content.decode()
    assert f'href="{url}"' in signed_in.get(reverse("cases:my_cases")).content.decode()


def test_the_picker_costs_the_same_for_one_person_or_twenty(
    signed_in, django_assert_num_queries
):
    picker = reverse("composer:people_choose")
    UserFactory(username="ola0", first_name="Ola", last_name="Hansen")
    signed_in.get(picker, {"q": "ola"})  # the session and user, loaded once
    with django_assert_num_queries(3) as one:
        assert len(signed_in.get(picker, {"q": "ola"}).json()["results"]) == 1
    for number in range(1, 25):
        person = UserFactory(
            username=f"ola{number}", first_name="Ola", last_name="Hansen"
        )
        person.profile.unit = UnitFactory()
        person.profile.save()
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(signed_in.get(picker, {"q": "ola"}).json()["results"]) == 20
