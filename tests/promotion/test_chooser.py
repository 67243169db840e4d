"""The promotion snippet chooser lists promotion titles, so it is team only."""

import pytest
from django.urls import reverse

from intranet.core.roles import STAFF
from intranet.promotion.models import Promotion
from tests.factories.core import UserFactory
from tests.factories.promotion import PromotionFactory

pytestmark = pytest.mark.django_db


def chooser_urls(promotion) -> list[str]:
    chooser = Promotion.snippet_viewset.chooser_viewset
    return [
        reverse(chooser.get_url_name("choose")),
        reverse(chooser.get_url_name("choose_results")),
        reverse(chooser.get_url_name("chosen"), args=[promotion.pk]),
        reverse(chooser.get_url_name("chosen_multiple")) + f"?id={promotion.pk}",
    ]


def test_the_chooser_url_is_the_one_outsiders_found():
    assert reverse(
        Promotion.snippet_viewset.chooser_viewset.get_url_name("choose")
    ) == ("/admin/snippets/choose/promotion/promotion/")


@pytest.mark.parametrize("role", ["staff", "editor"])
def test_outsiders_get_403_and_no_title_from_the_chooser(client, editor, role):
    promotion = PromotionFactory(external_title="Hemmelig vinkling")
    client.force_login(UserFactory(groups=[STAFF]) if role == "staff" else editor)
    for url in chooser_urls(promotion):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Hemmelig vinkling" not in response.content.decode(), url


def test_the_team_still_chooses_promotions(team_client):
    promotion = PromotionFactory(external_title="Hemmelig vinkling")
    response = team_client.get(
        reverse(Promotion.snippet_viewset.chooser_viewset.get_url_name("choose"))
    )
    assert response.status_code == 200
    assert str(promotion) in response.json()["html"]
