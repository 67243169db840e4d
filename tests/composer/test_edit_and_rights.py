"""Editing and unpublishing one's update from the intranet, with the admin's rights."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from cases.models import CaseUpdatePage
from intranet.core.roles import EDITORS, STAFF
from tests.composer.helpers import composer_form
from tests.factories.cases import CaseUpdatePageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(case, owner):
    """An update written in the composer's own form (headings and paragraphs)."""
    update = CaseUpdatePageFactory(
        parent=case,
        title="Første oppdatering",
        slug="forste",
        owner=owner,
        body=[("paragraph", "<p>Opprinnelig tekst.</p>")],
    )
    update.save_revision(user=owner).publish(user=owner)
    return CaseUpdatePage.objects.get(pk=update.pk)


@pytest.fixture
def edit_url(published):
    return reverse("composer:edit", args=[published.pk])


def test_the_update_page_offers_edit_and_unpublish_to_its_owners(
    client, owner, published, edit_url
):
    client.force_login(owner)

    html = client.get(published.url).content.decode()

    assert f'href="{edit_url}"' in html
    assert reverse("composer:unpublish", args=[published.pk]) in html


def test_other_staff_see_no_edit_buttons(client, other_staff, published, edit_url):
    client.force_login(other_staff)

    html = client.get(published.url).content.decode()

    assert edit_url not in html


def test_an_owner_edits_and_republishes(client, co_owner, published, edit_url):
    client.force_login(co_owner)
    data = composer_form(client, edit_url)
    assert data["text"] == ["Opprinnelig tekst."]
    data.update(intro=["Ny ingress."], text=["Ny tekst med **fet** skrift."])
    data["action"] = ["publish"]

    response = client.post(edit_url, data)

    published.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == published.url
    assert published.intro == "Ny ingress."
    assert "<b>fet</b>" in published.body[0].value.source
    assert published.latest_revision.user == co_owner


def test_saving_a_draft_of_a_live_update_keeps_the_live_version(
    client, owner, published, edit_url
):
    client.force_login(owner)
    data = composer_form(client, edit_url, intro="Utkast til ny ingress.")
    data["action"] = ["draft"]

    client.post(edit_url, data)

    published.refresh_from_db()
    assert published.live and published.has_unpublished_changes
    assert published.intro != "Utkast til ny ingress."
    assert "Utkast til ny ingress." in client.get(edit_url).content.decode()


def test_a_stale_edit_is_refused_and_the_text_is_kept(
    client, owner, co_owner, published, edit_url
):
    client.force_login(owner)
    data = composer_form(client, edit_url, text="Min lange endring.", action="publish")
    # The co-owner saves in between.
    latest = published.get_latest_revision_as_object()
    latest.intro = "Medeierens ingress."
    latest.save_revision(user=co_owner).publish(user=co_owner)

    response = client.post(edit_url, data)

    html = response.content.decode()
    assert response.status_code == 409
    assert "Noen andre lagret dette innlegget etter at du åpnet den." in html
    assert "Min lange endring." in html
    published.refresh_from_db()
    assert published.intro == "Medeierens ingress."


def test_a_body_richer_than_the_composer_is_kept_untouched(
    client, owner, published, edit_url
):
    latest = published.get_latest_revision_as_object()
    latest.body = [
        ("paragraph", "<p>Tekst.</p>"),
        ("quote", {"text": "Dette er et sitat.", "attribution": "Eva"}),
    ]
    latest.save_revision(user=owner).publish(user=owner)
    client.force_login(owner)

    html = client.get(edit_url).content.decode()
    data = composer_form(client, edit_url, intro="Bare ingressen endres.")
    data["action"] = ["publish"]
    client.post(edit_url, data)

    published.refresh_from_db()
    assert "som bare kan endres i det fulle redigeringsverktøyet" in html
    assert 'name="text"' not in html
    assert [block.block_type for block in published.body] == ["paragraph", "quote"]
    assert published.intro == "Bare ingressen endres."


def test_an_owner_unpublishes_after_confirming(client, owner, case, published):
    url = reverse("composer:unpublish", args=[published.pk])
    client.force_login(owner)

    confirm = client.get(url)
    response = client.post(url, follow=True)

    published.refresh_from_db()
    assert "Avpubliser «Første oppdatering»?" in confirm.content.decode()
    assert not published.live
    assert response.redirect_chain[-1][0] == case.url
    assert "er avpublisert og tatt vare på som kladd" in response.content.decode()
    assert client.get(published.url).status_code == 404


# The permission matrix: the composer obeys exactly the admin's rules.

PEOPLE = ["owner", "co_owner", "other_staff", "no_group", "editor", "communication"]


@pytest.fixture
def person(request, owner, co_owner, other_staff, communication_member):
    return {
        "owner": owner,
        "co_owner": co_owner,
        "other_staff": other_staff,
        "no_group": UserFactory(username="uten-gruppe", groups=[]),
        "editor": UserFactory(username="redaktor", groups=[STAFF, EDITORS]),
        "communication": communication_member,
    }[request.param]


def _admin_allows(client, url: str) -> bool:
    response = client.get(url)
    return response.status_code == 200


@pytest.mark.parametrize("person", PEOPLE, indirect=True)
def test_writing_an_update_follows_the_admins_rule(client, person, case):
    client.force_login(person)
    admin = _admin_allows(
        client,
        reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", case.pk]),
    )
    url = reverse("composer:update_new", args=[case.pk])

    get = client.get(url)
    post = client.post(url, {"title": "X", "intro": "Y", "action": "publish"})

    assert (get.status_code == 200) is admin
    if not admin:
        assert get.status_code == post.status_code == 403
    assert CaseUpdatePage.objects.exists() is False


@pytest.mark.parametrize("person", PEOPLE, indirect=True)
def test_editing_and_unpublishing_follow_the_admins_rule(client, person, published):
    client.force_login(person)
    admin_edit = _admin_allows(
        client, reverse("wagtailadmin_pages:edit", args=[published.pk])
    )
    admin_unpublish = _admin_allows(
        client, reverse("wagtailadmin_pages:unpublish", args=[published.pk])
    )
    edit_url = reverse("composer:edit", args=[published.pk])
    unpublish_url = reverse("composer:unpublish", args=[published.pk])

    edit = client.get(edit_url)
    edit_post = client.post(edit_url, {"title": "Kapret", "action": "publish"})
    unpublish = client.get(unpublish_url)

    assert (edit.status_code == 200) is admin_edit
    assert (unpublish.status_code == 200) is admin_unpublish
    if not admin_edit:
        assert edit.status_code == edit_post.status_code == 403
    if not admin_unpublish:
        assert client.post(unpublish_url).status_code == 403
    published.refresh_from_db()
    assert published.live and published.title == "Første oppdatering"


def test_the_matrix_is_not_empty(client, owner, other_staff, published):
    """Guard for the matrix above: owners may, other staff may not."""
    edit_url = reverse("composer:edit", args=[published.pk])
    client.force_login(owner)
    assert client.get(edit_url).status_code == 200
    client.force_login(other_staff)
    assert client.get(edit_url).status_code == 403


def test_a_page_that_is_not_a_story_is_not_found(client, owner, case):
    client.force_login(owner)

    assert client.get(reverse("composer:edit", args=[case.pk])).status_code == 404
    assert (
        client.get(reverse("composer:edit", args=[Page.objects.first().pk])).status_code
        == 404
    )
    assert client.get(reverse("composer:edit", args=[999999])).status_code == 404


def test_a_locked_update_offers_its_owner_no_unpublish(client, owner, published):
    published.locked = True
    published.locked_by = UserFactory(username="laser", groups=[STAFF, EDITORS])
    published.save(update_fields=["locked", "locked_by"])
    client.force_login(owner)

    html = client.get(published.url).content.decode()

    assert reverse("composer:unpublish", args=[published.pk]) not in html
    assert (
        client.post(reverse("composer:unpublish", args=[published.pk])).status_code
        == 403
    )
    published.refresh_from_db()
    assert published.live
