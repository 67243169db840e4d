"""Comparing two revisions of a case whose list-of-choices fields differ."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_comparing_revisions_with_different_audiences_shows_the_change(
    client, owner, case
):
    case.communication_audiences = ["staff"]
    first = case.save_revision(user=owner)
    case.communication_audiences = ["staff", "citizens"]
    second = case.save_revision(user=owner)
    client.force_login(owner)

    response = client.get(
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[case.pk, first.pk, second.pk],
        )
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Innbyggere" in html
