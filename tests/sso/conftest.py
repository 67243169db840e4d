"""A real OpenID Connect provider (npm `oidc-provider`) for the SSO tests.

The provider runs as a node subprocess on 127.0.0.1. Its signing key is made here,
so tests can also mint ID tokens the provider could have signed (for the refusal
cases). Without node or the package the tests skip, unless REQUIRE_SSO=1
(`make test-sso`), where they fail.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache

ROOT = Path(__file__).resolve().parent.parent.parent
PROVIDER_SCRIPT = Path(__file__).resolve().parent / "provider" / "provider.mjs"
CLIENT_ID = "intranett"
CLIENT_SECRET = "test-client-secret-" + "x" * 24
REDIRECT_URI = "http://testserver/sso/callback/"
POST_LOGOUT_URI = "http://testserver/logg-inn/"


def _missing_tools() -> str:
    if not shutil.which("node"):
        return "node is not installed"
    if not (ROOT / "node_modules" / "oidc-provider" / "package.json").exists():
        return "npm package oidc-provider is not installed (run `npm ci`)"
    return ""


@dataclass
class Provider:
    issuer: str
    private_key: rsa.RSAPrivateKey
    kid: str
    accounts_file: Path
    accounts: dict = field(default_factory=dict)

    def set_account(self, account_id: str, **claims) -> None:
        self.accounts[account_id] = claims
        self.accounts_file.write_text(json.dumps(self.accounts))

    def sign(self, claims: dict) -> str:
        """An ID token signed with the provider's own key."""
        return jwt.encode(
            claims, self.private_key, algorithm="RS256", headers={"kid": self.kid}
        )


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    missing = _missing_tools()
    if missing:
        if os.environ.get("REQUIRE_SSO"):
            pytest.fail(f"REQUIRE_SSO is set but {missing}")
        pytest.skip(f"SSO provider tests need node and oidc-provider: {missing}")
    folder = tmp_path_factory.mktemp("oidc-provider")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = secrets.token_hex(8)
    jwk = jwt.algorithms.RSAAlgorithm.to_jwk(key, as_dict=True)
    jwk.pop("key_ops", None)  # PyJWT marks it sign-only; the provider verifies too
    jwk.update(kid=kid, alg="RS256", use="sig")
    (folder / "jwks.json").write_text(json.dumps({"keys": [jwk]}))
    accounts = folder / "accounts.json"
    accounts.write_text("{}")
    env = {
        **os.environ,
        "SSO_TEST_JWKS": str(folder / "jwks.json"),
        "SSO_TEST_ACCOUNTS": str(accounts),
        "SSO_TEST_CLIENT": json.dumps(
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [REDIRECT_URI],
                "post_logout_redirect_uris": [POST_LOGOUT_URI],
            }
        ),
    }
    process = subprocess.Popen(  # noqa: S603 - fixed command, test-only
        ["node", str(PROVIDER_SCRIPT)],  # noqa: S607
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    timer = threading.Timer(30, process.kill)
    timer.start()
    line = process.stdout.readline()
    timer.cancel()
    if not line:
        raise RuntimeError(f"oidc-provider did not start: {process.stderr.read()}")
    try:
        yield Provider(
            issuer=json.loads(line)["issuer"],
            private_key=key,
            kid=kid,
            accounts_file=accounts,
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def sso_settings(settings, oidc_provider):
    """The intranet configured for the test provider, as the README describes."""
    settings.SSO_ISSUER = oidc_provider.issuer
    settings.SSO_DISCOVERY_URL = ""
    settings.SSO_CLIENT_ID = CLIENT_ID
    settings.SSO_CLIENT_SECRET = CLIENT_SECRET
    settings.SSO_SCOPES = "openid email profile"
    settings.SSO_DEPARTMENT_MAP = "Skole=oppvekst;Helse og omsorg=helse"
    settings.SSO_GROUP_MAP = (
        "intranett-redaktorer=Redaktører;intranett-kom=Kommunikasjon"
    )
    settings.SSO_DEFAULT_GROUPS = ["Ansatte"]
    settings.SSO_HIDE_LOCAL_LOGIN = False
    cache.clear()
    yield settings
    cache.clear()


FORM_ACTION = re.compile(r'<form[^>]*action="([^"]+)"')
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def drive_provider(authorize_url: str, *, login: str) -> str:
    """Act as the person's browser at the provider: log in, consent, and return the
    URL the provider sends the browser back to (the intranet's callback)."""
    browser = requests.Session()
    url = authorize_url
    for _step in range(12):
        response = browser.get(url, allow_redirects=False, timeout=10)
        while response.is_redirect:
            location = urljoin(url, response.headers["Location"])
            if location.startswith("http://testserver/"):
                return location
            url = location
            response = browser.get(url, allow_redirects=False, timeout=10)
        response.raise_for_status()
        form = FORM_ACTION.search(response.text)
        if not form:
            raise AssertionError(f"no form at the provider: {response.text[:500]}")
        fields = dict(HIDDEN_INPUT.findall(response.text))
        if fields.get("prompt") == "login":
            fields.update(login=login, password="passord")
        action = urljoin(url, form.group(1))
        response = browser.post(action, data=fields, allow_redirects=False, timeout=10)
        assert response.is_redirect, response.text[:500]
        url = urljoin(action, response.headers["Location"])
        if url.startswith("http://testserver/"):
            return url
    raise AssertionError("the provider never sent the browser back")


def local_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


class TokenTamperer:
    """A man in the middle on the intranet's back channel to the provider.

    Serves the provider's discovery document with the token endpoint pointing here,
    forwards token requests to the real provider and hands the intranet a changed
    ID token. Used to show that each kind of bad ID token is refused.
    """

    def __init__(self, provider: Provider):
        self.provider = provider
        self.change = None
        tamperer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):  # noqa: N802
                document = requests.get(
                    f"{provider.issuer}/.well-known/openid-configuration", timeout=10
                ).json()
                document["token_endpoint"] = f"{tamperer.url}/token"
                self._send(200, json.dumps(document).encode(), "application/json")

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                upstream = requests.post(
                    f"{provider.issuer}/token",
                    data=body,
                    headers={"Content-Type": self.headers["Content-Type"]},
                    timeout=10,
                )
                answer = upstream.json()
                if upstream.ok and tamperer.change:
                    answer["id_token"] = tamperer.change(answer["id_token"])
                self._send(
                    upstream.status_code,
                    json.dumps(answer).encode(),
                    "application/json",
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def tamperer(oidc_provider, sso_settings):
    man_in_the_middle = TokenTamperer(oidc_provider)
    sso_settings.SSO_DISCOVERY_URL = f"{man_in_the_middle.url}/discovery"
    cache.clear()
    yield man_in_the_middle
    man_in_the_middle.close()
