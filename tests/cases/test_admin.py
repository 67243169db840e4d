"""Editing cases in the admin: assessment before publishing, owners, page types."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cases.models import CaseOwner, CasePage, CaseUpdatePage
from tests.cases.admin_forms import add_form_data, edit_form_data, publish
from tests.factories.cases import (
    CasePageFactory,
    CasePlannedMeasureFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

REFUSED_PUBLISHING = "Saken kan ikke publiseres før kommunikasjonsbehovet er vurdert"


@pytest.fixture
def unassessed_case(case_index, owner):
    return CasePageFactory(
        parent=case_index,
        title="Ny barnehage på Sørumsand",
        slug="ny-barnehage",
        owners=[owner],
        live=False,
        communication_need="",
    )


def test_publishing_a_case_without_an_assessment_is_refused_in_norwegian(
    client, owner, unassessed_case
):
    client.force_login(owner)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[unassessed_case.pk]),
        publish(edit_form_data(unassessed_case)),
    )

    assert response.status_code == 200
    assert REFUSED_PUBLISHING in response.content.decode()
    assert "Vurder behovet for kommunikasjon" in response.content.decode()
    assert not CasePage.objects.get(pk=unassessed_case.pk).live


def test_a_draft_may_be_saved_without_an_assessment(client, owner, unassessed_case):
    client.force_login(owner)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[unassessed_case.pk]),
        edit_form_data(unassessed_case, summary="Utkast til oppsummering"),
    )

    assert response.status_code == 302
    assert CasePage.objects.get(pk=unassessed_case.pk).summary == (
        "Utkast til oppsummering"
    )


def test_a_low_need_assessment_needs_audiences_channels_and_key_messages(
    client, owner, unassessed_case
):
    client.force_login(owner)
    data = publish(edit_form_data(unassessed_case, communication_need="low"))

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[unassessed_case.pk]), data
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Velg hvem som trenger å vite om saken." in content
    assert "Velg minst én kanal." in content
    assert not CasePage.objects.get(pk=unassessed_case.pk).live


def test_a_complete_assessment_lets_the_owner_publish(client, owner, unassessed_case):
    client.force_login(owner)
    data = publish(
        edit_form_data(
            unassessed_case,
            communication_need="high",
            communication_audiences=["citizens", "staff"],
            communication_channels=["website"],
            communication_key_messages="Barnehagen åpner i august.",
        )
    )

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[unassessed_case.pk]), data
    )

    assert response.status_code == 302
    case = CasePage.objects.get(pk=unassessed_case.pk)
    assert case.live
    assert case.communication_audiences == ["citizens", "staff"]


def test_bulk_publishing_a_case_without_an_assessment_is_refused(
    client, case_index, unassessed_case
):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={unassessed_case.pk}&next={case_index.url}"
    )

    response = client.post(url, {"include_descendants": ""}, follow=True)

    assert REFUSED_PUBLISHING in response.content.decode()
    assert not CasePage.objects.get(pk=unassessed_case.pk).live


def test_owner_adds_a_co_owner_who_may_then_edit(client, owner, case_index):
    case = CasePageFactory(parent=case_index, owners=[owner])
    colleague = UserFactory(username="kollega2")
    client.force_login(owner)
    data = edit_form_data(
        case,
        **{
            "case_owners-TOTAL_FORMS": 2,
            "case_owners-1-id": "",
            "case_owners-1-ORDER": 2,
            "case_owners-1-DELETE": "",
            "case_owners-1-user": colleague.pk,
        },
    )

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]), publish(data)
    )

    assert response.status_code == 302
    assert CasePage.objects.get(pk=case.pk).owner_users == [owner, colleague]
    client.force_login(colleague)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    assert edit.status_code == 200


def test_owner_removes_a_co_owner_who_then_may_only_read(client, owner, co_owner, case):
    client.force_login(owner)
    data = edit_form_data(case, **{"case_owners-1-DELETE": "1"})

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]), publish(data)
    )

    assert response.status_code == 302
    assert CasePage.objects.get(pk=case.pk).owner_users == [owner]
    client.force_login(co_owner)
    assert client.get(case.url).status_code == 200
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    assert edit.url == reverse("wagtailadmin_home")


@pytest.mark.parametrize("action", ["save", "publish"])
def test_removing_the_last_owner_is_refused(client, owner, case_index, action):
    case = CasePageFactory(parent=case_index, owners=[owner])
    client.force_login(owner)
    data = edit_form_data(case, **{"case_owners-0-DELETE": "1"})
    if action == "publish":
        data = publish(data)

    response = client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), data)

    assert response.status_code == 200
    assert "Den siste eieren kan ikke fjernes" in response.content.decode()
    assert CaseOwner.objects.filter(case=case, user=owner).exists()


def test_the_same_person_cannot_be_listed_twice(client, owner, co_owner, case):
    client.force_login(owner)
    data = edit_form_data(case, **{"case_owners-1-user": owner.pk})

    response = client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), data)

    assert response.status_code == 200
    assert "Samme person står som eier to ganger." in response.content.decode()


def test_owners_are_chosen_by_name_and_unit(client, owner, case):
    owner.profile.unit = case.unit
    owner.profile.save()
    client.force_login(owner)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))

    assert f"Eva Eier ({case.unit.name})" in response.content.decode()


def test_end_date_before_start_date_is_refused(client, owner, case):
    client.force_login(owner)
    data = edit_form_data(case, start_date="2025-05-01", expected_end_date="2025-04-01")

    response = client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), data)

    assert response.status_code == 200
    assert "Forventet sluttdato kan ikke være før startdato." in (
        response.content.decode()
    )


@pytest.mark.parametrize("parent_name", ["home", "index"])
def test_a_case_update_cannot_be_created_outside_a_case(
    client, home_page, case_index, parent_name
):
    parent = {"home": home_page, "index": case_index}[parent_name]
    client.force_login(UserFactory(username="admin", is_superuser=True))

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", parent.pk])
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not CaseUpdatePage.can_create_at(parent)


def test_cases_live_only_in_case_lists(home_page, case_index, case):
    assert CasePage.can_create_at(case_index)
    assert not CasePage.can_create_at(home_page)
    assert not CasePage.can_create_at(case)


def test_a_new_update_starts_with_the_case_unit_and_topics(client, owner, case):
    from tests.factories.core import TopicFactory

    topic = TopicFactory(name="Eldreomsorg", slug="eldreomsorg")
    case.topics.add(topic)
    case.save()
    client.force_login(owner)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", case.pk])
    )

    form = response.context["form"]
    assert form.initial["unit"] == case.unit_id
    assert form.initial["topics"] == [topic.pk]


def test_planned_measures_are_saved_in_order(client, owner, case):
    client.force_login(owner)
    data = edit_form_data(
        case,
        **{
            "planned_measures-TOTAL_FORMS": 2,
            "planned_measures-0-id": "",
            "planned_measures-0-ORDER": 1,
            "planned_measures-0-DELETE": "",
            "planned_measures-0-title": "Informasjonsmøte for pårørende",
            "planned_measures-0-planned_date": "2025-09-01",
            "planned_measures-0-channel": "meeting",
            "planned_measures-0-audience": "citizens",
            "planned_measures-0-description": "",
            "planned_measures-1-id": "",
            "planned_measures-1-ORDER": 2,
            "planned_measures-1-DELETE": "",
            "planned_measures-1-title": "Sak på intranettet",
            "planned_measures-1-planned_date": "2025-09-02",
            "planned_measures-1-channel": "intranet",
            "planned_measures-1-audience": "staff",
            "planned_measures-1-description": "",
        },
    )

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]), publish(data)
    )

    assert response.status_code == 302
    titles = list(
        CasePage.objects.get(pk=case.pk).planned_measures.values_list(
            "title", flat=True
        )
    )
    assert titles == ["Informasjonsmøte for pårørende", "Sak på intranettet"]


def test_measure_ids_survive_an_edit(client, owner, case):
    """The annual plan will link to measures, so editing keeps their rows."""
    measure = CasePlannedMeasureFactory(case=case, title="Pressemelding")
    client.force_login(owner)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[case.pk]),
        publish(edit_form_data(case, summary="Endret")),
    )

    assert list(case.planned_measures.values_list("pk", flat=True)) == [measure.pk]


def test_update_create_form_publishes_in_one_step(client, owner, case):
    client.force_login(owner)
    data = publish(
        add_form_data(
            "cases",
            "caseupdatepage",
            case,
            title="Nye nettbrett er delt ut",
            intro="Alle i hjemmetjenesten har fått nettbrett.",
        )
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", case.pk]),
        data,
    )

    assert response.status_code == 302
    update = CaseUpdatePage.objects.get(slug="nye-nettbrett-er-delt-ut")
    assert update.live
    assert update.get_parent().pk == case.pk


def test_preview_shows_unsaved_owners_and_fields(client, owner, case):
    colleague = UserFactory(username="ny-eier", first_name="Nils", last_name="Nyeier")
    client.force_login(owner)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk])
    data = edit_form_data(
        case,
        summary="Forhåndsvist oppsummering",
        **{
            "case_owners-TOTAL_FORMS": 3,
            "case_owners-2-id": "",
            "case_owners-2-ORDER": 3,
            "case_owners-2-DELETE": "",
            "case_owners-2-user": colleague.pk,
        },
    )

    assert client.post(url, data).json()["is_valid"]
    content = client.get(url).content.decode()

    assert "Forhåndsvist oppsummering" in content
    assert "Nils Nyeier" in content
    assert "Nils Nyeier" not in client.get(case.url).content.decode()


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        ("casepage", {"title": "Ny sak", "slug": "ny-sak", "summary": "Sak."}),
        ("caseupdatepage", {"title": "Ny", "slug": "ny", "intro": "Nytt."}),
    ],
)
def test_preview_of_a_new_page_works(client, owner, case_index, case, model, fields):
    parent = case_index if model == "casepage" else case
    if model == "casepage":
        fields = {**fields, "case_owners-0-user": owner.pk}
    client.force_login(owner)
    url = reverse("wagtailadmin_pages:preview_on_add", args=["cases", model, parent.pk])

    assert client.post(url, add_form_data("cases", model, parent, **fields)).json()[
        "is_valid"
    ]
    response = client.get(url)

    assert response.status_code == 200
    assert fields["title"] in response.content.decode()


@pytest.mark.parametrize(
    ("fields", "warning"),
    [
        ({"communication_need": ""}, "Kommunikasjonsbehovet er ikke vurdert"),
        (
            {
                "communication_need": "high",
                "communication_audiences": ["citizens"],
                "communication_channels": ["website"],
                "communication_key_messages": "Viktig.",
            },
            "Høyt kommunikasjonsbehov uten planlagte tiltak",
        ),
        ({"communication_need": "none"}, None),
    ],
)
def test_the_editor_warns_about_the_assessment(
    client, owner, case_index, fields, warning
):
    case = CasePageFactory(parent=case_index, owners=[owner], live=False, **fields)
    client.force_login(owner)

    content = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk])).content

    if warning:
        assert warning in content.decode()
    else:
        assert "help-warning" not in content.decode()


def test_bulk_publishing_a_case_list_with_its_drafts_checks_the_drafts(
    client, case_index, unassessed_case
):
    client.force_login(UserFactory(username="admin", is_superuser=True))
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={case_index.pk}"
    )

    response = client.post(url, {"include_descendants": "on"}, follow=True)

    assert REFUSED_PUBLISHING in response.content.decode()
    assert not CasePage.objects.get(pk=unassessed_case.pk).live


def test_bulk_publishing_an_assessed_draft_case_works(client, case_index, owner):
    draft = CasePageFactory(parent=case_index, owners=[owner], live=False)
    client.force_login(owner)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
        + f"?id={draft.pk}"
    )

    client.post(url, {"include_descendants": ""})

    assert CasePage.objects.get(pk=draft.pk).live


def test_an_owner_cannot_copy_an_update_into_someone_elses_case(
    client, case, owner, other_staff, case_index
):
    update = CaseUpdatePageFactory(parent=case, slug="original")
    someone_elses = CasePageFactory(parent=case_index, owners=[other_staff])
    client.force_login(owner)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[update.pk]),
        {"new_title": "Kopi", "new_slug": "kopi", "new_parent_page": someone_elses.pk},
    )

    assert response.status_code == 200  # the form, with its error
    assert not CaseUpdatePage.objects.filter(slug="kopi").exists()


def test_after_publishing_the_owner_lands_on_the_published_update(client, owner, case):
    """Not in the page explorer: on the update itself, with the confirmation."""
    client.force_login(owner)
    data = add_form_data(
        "cases",
        "caseupdatepage",
        case,
        title="Nå er nettbrettene delt ut",
        intro="Alle i hjemmetjenesten har fått nettbrett.",
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", case.pk]),
        publish(data),
        follow=True,
    )

    update = CaseUpdatePage.objects.get(title="Nå er nettbrettene delt ut")
    assert update.live
    assert response.redirect_chain[-1][0] == update.url
    assert "Nå er nettbrettene delt ut" in response.content.decode()


def test_saving_a_draft_stays_in_the_editor(client, owner, case):
    client.force_login(owner)
    data = add_form_data(
        "cases",
        "caseupdatepage",
        case,
        title="Kladd",
        intro="Ikke ferdig.",
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", case.pk]),
        data,
    )

    draft = Page.objects.get(slug="kladd")
    assert not draft.live
    assert response.url == reverse("wagtailadmin_pages:edit", args=[draft.pk])
