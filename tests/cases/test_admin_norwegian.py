"""The Wagtail screens a case owner meets on the way to publishing speak
Norwegian: every message they translate came back translated."""

import pytest

from tests.admin_language import english

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
