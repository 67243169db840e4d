"""The Wagtail screens a case owner meets on the way to publishing speak
Norwegian: every message they translate came back translated."""

import pytest

from tests.admin_language import english
from tests.cases.admin_forms import edit_form_data, publish

pytestmark = pytest.mark.django_db


def test_a_case_owner_meets_no_english_on_the_way_to_publishing(
    client, case, update, owner, untranslated
):
    client.force_login(owner)
    for url in [
        "/admin/",
        f"/admin/pages/{case.pk}/",
        f"/admin/pages/add/cases/caseupdatepage/{case.pk}/",
        f"/admin/pages/{update.pk}/edit/",
        f"/admin/pages/{update.pk}/history/",
        f"/admin/pages/{case.pk}/edit/",
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
        assert response.status_code == 200, url

    assert english(untranslated) == []


def test_a_case_owner_meets_no_english_going_back_in_an_updates_history(
    client, case, update, owner, untranslated
):
    """Comparing, viewing and restoring earlier versions, finding pages in the
    explorer and seeing where an update is used."""
    update.intro = "Første utgave."
    first = update.save_revision(user=owner)
    update.intro = "Andre utgave."
    second = update.save_revision(user=owner)
    second.publish()
    client.force_login(owner)
    revisions = f"/admin/pages/{update.pk}/revisions"
    for url in [
        f"{revisions}/compare/{first.pk}...{second.pk}/",
        f"{revisions}/compare/live...{first.pk}/",
        f"{revisions}/{first.pk}/view/",
        f"{revisions}/{first.pk}/revert/",
        f"/admin/pages/{case.pk}/?q=nettbrett",
        "/admin/pages/search/?q=nettbrett",
        f"/admin/pages/{update.pk}/usage/",
        f"/admin/pages/{update.pk}/unpublish/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/account/",
    ]:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="nb")
        assert response.status_code == 200, url

    assert english(untranslated) == []


def test_a_case_owner_is_told_in_norwegian_that_the_update_was_not_saved(
    client, update, owner, untranslated
):
    client.force_login(owner)

    response = client.post(
        f"/admin/pages/{update.pk}/edit/",
        publish(edit_form_data(update, intro="")),
        HTTP_ACCEPT_LANGUAGE="nb",
    )

    assert response.status_code == 200
    assert "Siden ble ikke lagret fordi noen felt har feil." in (
        response.content.decode()
    )
    assert english(untranslated) == []
