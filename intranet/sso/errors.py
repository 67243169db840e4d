"""Why a sign-in with the identity provider was refused, in words a person can use."""

from django.utils.translation import gettext_lazy as _


class SsoError(Exception):
    """A refused or failed sign-in. `reason` picks the message shown to the person."""

    messages = {
        "state": _(
            "The sign-in could not be matched to a sign-in started in this browser. "
            "It may have expired or been opened in another window. Please try again."
        ),
        "nonce": _(
            "The answer from the identity provider did not belong to this sign-in. "
            "Please try again."
        ),
        "signature": _(
            "The answer from the identity provider could not be verified and was "
            "refused."
        ),
        "expired": _(
            "The answer from the identity provider has expired. Please try again."
        ),
        "issuer": _(
            "The answer came from an identity provider this intranet does not trust."
        ),
        "audience": _(
            "The answer from the identity provider was meant for another service."
        ),
        "claims": _(
            "The identity provider did not send the information needed to sign you in."
        ),
        "denied": _("The sign-in was cancelled or refused by the identity provider."),
        "token": _(
            "The identity provider did not accept the sign-in. Please try again."
        ),
        "inactive": _(
            "Your account on the intranet is deactivated. Contact IT support."
        ),
        "unavailable": _(
            "The municipality's identity provider cannot be reached right now, or is "
            "not set up correctly. Please try again later."
        ),
    }

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def status(self) -> int:
        return 503 if self.reason == "unavailable" else 400

    @property
    def message(self) -> str:
        return str(self.messages.get(self.reason, self.messages["token"]))


class ProviderUnavailable(SsoError):
    """The provider could not be reached, or its discovery document is unusable."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("unavailable", detail)
