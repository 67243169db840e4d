"""After a POST a form sends a person back to a path on this site, never elsewhere."""

import pytest
from django.urls import reverse

from intranet.subscriptions.models import Subscription
from tests.factories.insights import PulseSurveyFactory

pytestmark = pytest.mark.django_db

NOT_PATHS = ["abc", "saker", "javascript:alert(1)", "//evil.example/", "/" + "x" * 3000]


@pytest.mark.parametrize("target", NOT_PATHS)
def test_putting_the_pulse_away_with_a_bad_next_goes_to_the_front_page(
    staff_client, target
):
    survey = PulseSurveyFactory()

    response = staff_client.post(
        reverse("insights:pulse-dismiss", args=[survey.pk]), {"next": target}
    )

    assert response.status_code == 302
    assert response.url == "/"


@pytest.mark.parametrize("target", NOT_PATHS)
def test_following_a_search_with_a_bad_next_still_follows_and_goes_to_the_list(
    staff_client, staff_user, target
):
    response = staff_client.post(
        reverse("subscriptions:follow"), {"q": "barnehage", "next": target}
    )

    assert response.status_code == 302
    assert response.url == reverse("subscriptions:subscriptions")
    assert Subscription.objects.filter(user=staff_user).count() == 1


def test_a_path_on_this_site_is_followed(staff_client):
    response = staff_client.post(
        reverse("subscriptions:follow"), {"q": "barnehage", "next": "/sok/?q=barnehage"}
    )

    assert response.url == "/sok/?q=barnehage"
