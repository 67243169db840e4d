"""The update editor keeps a case owner on one tab: what the story is about and
whether it shows innovation or competence sit with the text, and the address,
search engine and menu fields are the communication team's alone."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from cases.models import CaseUpdatePage
from tests.cases.admin_forms import add_form_data, edit_form_data, publish
from tests.factories.core import TopicFactory

pytestmark = pytest.mark.django_db

STORY_FIELDS = ["unit", "topics", "tags", "positioning_themes", "nomination_text"]
PROMOTE_FIELDS = ["slug", "seo_title", "search_description", "show_in_menus"]
PROMOTE_LABELS = ["Tittel for søkemotorer", "Metabeskrivelse", "Vis i menyer"]


def add_url(case) -> str:
    return reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", case.pk])


def editor_page(client, url: str) -> BeautifulSoup:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def tabs(page: BeautifulSoup) -> list:
    """The editor's tabs in order (the first is the content tab)."""
    return page.select("section[role=tabpanel]")


def field_names(element) -> set[str]:
    return {
        tag["name"]
        for tag in element.find_all(["input", "select", "textarea"])
        if tag.has_attr("name")
    }


def without_promote_fields(data: dict) -> dict:
    return {key: value for key, value in data.items() if key not in PROMOTE_FIELDS}


def test_a_case_owner_finds_the_story_fields_on_the_first_tab_and_no_seo_fields(
    client, owner, case
):
    TopicFactory(name="Velferdsteknologi")
    client.force_login(owner)

    page = editor_page(client, add_url(case))

    [only_tab] = tabs(page)
    assert set(STORY_FIELDS) <= field_names(only_tab)
    assert "Vis, ikke fortell" in only_tab.get_text()
    assert not field_names(page) & set(PROMOTE_FIELDS)
    text = page.get_text()
    for label in PROMOTE_LABELS:
        assert label not in text


def test_the_communication_team_also_sees_the_seo_and_menu_fields(
    client, communication_member, case
):
    TopicFactory(name="Velferdsteknologi")
    client.force_login(communication_member)

    page = editor_page(client, add_url(case))

    first_tab, second_tab = tabs(page)
    assert set(STORY_FIELDS) <= field_names(first_tab)
    assert set(PROMOTE_FIELDS) <= field_names(second_tab)
    text = page.get_text()
    for label in PROMOTE_LABELS:
        assert label in text


@pytest.mark.parametrize("who", ["owner", "communication_member"])
def test_an_update_posted_without_promote_fields_publishes_with_an_ascii_address(
    client, case, who, request
):
    client.force_login(request.getfixturevalue(who))
    topic = TopicFactory(name="Velferdsteknologi")
    data = add_form_data(
        "cases",
        "caseupdatepage",
        case,
        title="Første dag med nettbrett på Sørumsand",
        intro="Alle i hjemmetjenesten har fått nettbrett.",
        topics=[topic.pk],
        positioning_themes=["innovation"],
        nomination_text="Først i regionen med digitalt tilsyn.",
    )

    response = client.post(add_url(case), publish(without_promote_fields(data)))

    assert response.status_code == 302
    update = CaseUpdatePage.objects.get(title="Første dag med nettbrett på Sørumsand")
    assert update.live
    assert update.slug == "forste-dag-med-nettbrett-pa-sorumsand"
    assert list(update.topics.all()) == [topic]
    assert update.positioning_themes == ["innovation"]


def test_an_owner_saving_an_update_keeps_what_the_team_set_for_search_engines(
    client, owner, update
):
    update.seo_title = "Nettbrett i hjemmetjenesten"
    update.search_description = "Slik tok hjemmetjenesten i bruk nettbrett."
    update.show_in_menus = True
    update.save_revision().publish()
    client.force_login(owner)
    data = edit_form_data(
        update,
        intro="Ny ingress.",
        slug="ny-adresse",
        seo_title="Eierens tittel",
        search_description="",
    )

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[update.pk]), publish(data)
    )

    assert response.status_code == 302
    update.refresh_from_db()
    assert update.intro == "Ny ingress."
    assert update.slug == "forste"
    assert update.seo_title == "Nettbrett i hjemmetjenesten"
    assert update.search_description == "Slik tok hjemmetjenesten i bruk nettbrett."
    assert update.show_in_menus


def test_the_communication_team_changes_the_address_and_title_tag(
    client, communication_member, update
):
    client.force_login(communication_member)
    data = edit_form_data(update, slug="nettbrett", seo_title="Nettbrett")

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[update.pk]), publish(data)
    )

    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.slug, update.seo_title) == ("nettbrett", "Nettbrett")


def test_a_case_owner_edits_the_cases_topics_without_seeing_seo_fields(
    client, owner, case
):
    TopicFactory(name="Velferdsteknologi")
    client.force_login(owner)

    page = editor_page(client, reverse("wagtailadmin_pages:edit", args=[case.pk]))

    content, communication = tabs(page)
    assert {"topics", "tags"} <= field_names(content)
    assert "communication_need" in field_names(communication)
    assert not field_names(page) & set(PROMOTE_FIELDS)
