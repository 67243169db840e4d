"""The ID token must have been issued to this intranet (OIDC Core 3.1.3.7)."""

import pytest

from intranet.sso.backends import check_authorized_party
from intranet.sso.errors import SsoError

US = "intranett"


@pytest.mark.parametrize(
    "claims",
    [
        {"aud": US},
        {"aud": [US]},
        {"aud": US, "azp": US},
        {"aud": [US, "annen-app"], "azp": US},
    ],
)
def test_tokens_issued_to_us_pass(claims):
    check_authorized_party(claims, client_id=US)


@pytest.mark.parametrize(
    "claims",
    [
        # Several audiences and nobody named as the party it was issued to.
        {"aud": [US, "annen-app"]},
        # Issued to another application that lists us among its audiences.
        {"aud": [US, "annen-app"], "azp": "annen-app"},
        {"aud": US, "azp": "annen-app"},
        {"aud": [US], "azp": ""},
    ],
)
def test_tokens_issued_to_another_party_are_refused(claims):
    with pytest.raises(SsoError) as refused:
        check_authorized_party(claims, client_id=US)

    assert refused.value.reason == "audience"
    assert "ment for en annen tjeneste" in refused.value.message
