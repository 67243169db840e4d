"""At their first login a person follows their own unit and the cases they own
(cases offers those through the ``DEFAULT_FOLLOWS`` hook); later logins add
nothing, so what they unfollow stays unfollowed."""

import pytest

from intranet.core.models import StaffProfile
from intranet.subscriptions.models import Subscription


def followed(user) -> dict[str, list[tuple[str, str]]]:
    """What the person follows: each subscription's name and filter values."""
    return {
        item.name: list(item.filters.values_list("kind", "value"))
        for item in Subscription.objects.filter(user=user)
    }


@pytest.mark.django_db
def test_first_login_follows_own_unit_and_own_live_cases_once(
    client, make_case, owner, unit
):
    StaffProfile.objects.update_or_create(user=owner, defaults={"unit": unit})
    mine = make_case("Ny barnehage på Sørumsand")
    make_case("Skisse til nytt bibliotek", publish=False)

    assert client.login(username=owner.username, password="passord")

    assert followed(owner) == {
        "Barnehagene": [("unit", "barnehagene")],
        "Ny barnehage på Sørumsand": [("case", str(mine.pk))],
    }

    Subscription.objects.filter(user=owner, name="Barnehagene").delete()
    client.logout()
    assert client.login(username=owner.username, password="passord")

    assert list(followed(owner)) == ["Ny barnehage på Sørumsand"]
