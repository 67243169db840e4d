"""Drafts are kept and found again, and nothing publishes them behind one's back."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases.models import CaseUpdatePage
from tests.composer.helpers import composer_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, owner, case):
    client.force_login(owner)
    url = reverse("composer:update_new", args=[case.pk])
    client.post(
        url,
        composer_form(
            client,
            url,
            title="Halvskrevet oppdatering",
            intro="Ingress.",
            action="draft",
        ),
    )
    return CaseUpdatePage.objects.child_of(case).get()


def test_a_draft_shows_on_mine_saker_with_continue(client, draft):
    html = client.get(reverse("cases:my_cases")).content.decode()

    assert "Dine kladder" in html
    assert "Halvskrevet oppdatering" in html
    assert f'href="{reverse("composer:edit", args=[draft.pk])}">Fortsett' in html


def test_continuing_a_draft_and_publishing_it(client, draft):
    url = reverse("composer:edit", args=[draft.pk])

    response = client.post(url, composer_form(client, url, action="publish"))

    draft.refresh_from_db()
    assert draft.live
    assert response["Location"] == draft.url
    assert (
        "Halvskrevet oppdatering"
        not in client.get(reverse("cases:my_cases")).content.decode()
    )


def test_other_peoples_drafts_are_not_listed(client, draft, co_owner):
    client.force_login(co_owner)

    html = client.get(reverse("cases:my_cases")).content.decode()

    assert "Halvskrevet oppdatering" not in html


def test_an_abandoned_draft_is_published_by_nothing(client, draft):
    call_command("publish_scheduled")

    draft.refresh_from_db()
    assert not draft.live
    assert (
        client.get(draft.url or "/saker/digital-hjemmetjeneste/x/").status_code == 404
    )
