"""The admin's JavaScript (page editor, explorer, comments, autosave) speaks
Norwegian: the strings Wagtail's own nb catalogue lacks come from the project's
djangojs catalogue, merged into the one Wagtail serves."""

import json
import re

import pytest
import wagtail.admin
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def javascript_catalogue(client) -> dict:
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    found = re.search(
        r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S
    )
    assert found, "no catalogue in the response"
    return json.loads(found.group(1))


@pytest.fixture
def norwegian_client(client):
    owner = UserFactory(username="eier")
    profile = UserProfile.get_for_user(owner)
    profile.preferred_language = "nb"
    profile.save()
    client.force_login(owner)
    return client


def test_the_editors_javascript_strings_are_norwegian(norwegian_client):
    catalogue = javascript_catalogue(norwegian_client)

    assert catalogue["Search options…"] == "Søk i valgene …"
    assert catalogue["Changes have been autosaved."] == (
        "Endringene er lagret automatisk."
    )
    assert catalogue["Insert a block"] == "Sett inn en blokk"
    assert catalogue["%(num)s error"] == ["%(num)s feil", "%(num)s feil"]
    # Wagtail's own Norwegian stays where it has one.
    assert catalogue["Save"] == "Lagre"


def test_a_person_who_chose_nynorsk_gets_the_editors_javascript_in_nynorsk(client):
    owner = UserFactory(username="eigar")
    profile = UserProfile.get_for_user(owner)
    profile.preferred_language = "nn"
    profile.save()
    client.force_login(owner)

    catalogue = javascript_catalogue(client)

    assert catalogue["Insert a block"] == "Set inn ei blokk"
    assert catalogue["%(num)s pixel"] == ["%(num)s piksel", "%(num)s pikslar"]
    # Wagtail has no Nynorsk: its own strings come in Bokmål, not in English.
    assert catalogue["Save"] == "Lagre"


def test_every_javascript_string_of_wagtails_admin_has_norwegian(norwegian_client):
    catalogue = javascript_catalogue(norwegian_client)
    english = [
        message
        for message in _wagtail_javascript_messages()
        if message not in catalogue
    ]

    assert english == []


def _wagtail_javascript_messages() -> list[str]:
    """The messages Wagtail's admin JavaScript asks for, from its English catalogue."""
    path = f"{wagtail.admin.__path__[0]}/locale/en/LC_MESSAGES/djangojs.po"
    with open(path, encoding="utf-8") as catalogue:
        text = catalogue.read()
    messages = []
    for block in text.split("\n\n"):
        if "msgctxt" in block:
            continue  # context messages sit under another key in the catalogue
        found = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if found:
            message = "".join(re.findall(r'"(.*)"', found.group(1)))
            if message:
                messages.append(message.replace('\\"', '"'))
    return messages
