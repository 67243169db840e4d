"""Single sign-on's own pages, with SSO switched on, in the browser checks.

The provider here is a closed port on loopback: the login page offers the
municipality account, and following it lands on the Norwegian error page
(provider unreachable) with local login still at hand. Both pages must meet
WCAG 2.1 AA and be valid HTML, like every page in `pages.py`.
"""

import socket

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, describe
from tests.e2e.test_html_validity import validate


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def provider_down(settings):
    settings.SSO_ISSUER = f"http://127.0.0.1:{closed_port()}"
    settings.SSO_DISCOVERY_URL = ""
    settings.SSO_CLIENT_ID = "intranett"
    settings.SSO_CLIENT_SECRET = "ikke-hemmelig-i-test"
    settings.SSO_TIMEOUT = 2


def test_sso_login_and_error_pages_are_accessible_and_valid(
    page, provider_down, tmp_path
):
    page.goto("/logg-inn/")
    sso_button = page.get_by_role("link", name="Logg inn med kommunens konto")
    expect(sso_button).to_be_visible()
    expect(page.get_by_label("Brukernavn")).to_be_visible()
    login_violations = axe_violations(page)
    # The HTML as served (page.content() would include the injected axe script).
    login_html = tmp_path / "sso-login.html"
    login_html.write_text(page.request.get("/logg-inn/").text())

    sso_button.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("mislyktes")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_role("link", name="Prøv igjen")).to_be_visible()
    error_violations = axe_violations(page)
    error_html = tmp_path / "sso-error.html"
    error_html.write_text(page.request.get("/sso/logg-inn/").text())

    assert login_violations == [], describe(login_violations)
    assert error_violations == [], describe(error_violations)
    assert validate([login_html, error_html]) == []
