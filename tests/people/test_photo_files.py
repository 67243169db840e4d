"""A hidden profile photo is hidden at its file address too, not only on pages."""

import pytest
from django.contrib.auth.models import Group

from intranet.core.models import StaffProfile
from intranet.core.roles import STAFF
from tests.people.conftest import png
from tests.people.test_profile import EDIT, edit_data

pytestmark = pytest.mark.django_db


def file_body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def my_photo(my_client, me):
    my_client.post(EDIT, edit_data(photo_upload=png()))
    photo = StaffProfile.objects.get(user=me).photo
    rendition = photo.get_rendition("fill-96x96")
    return {
        "original": f"/media/{photo.file.name}",
        "rendition": f"/media/{rendition.file.name}",
    }


def hide_photo(me) -> None:
    StaffProfile.objects.filter(user=me).update(hidden_fields="photo")


@pytest.mark.parametrize("kind", ["original", "rendition"])
def test_a_shown_photo_opens_for_colleagues(colleague_client, my_photo, kind):
    response = colleague_client.get(my_photo[kind])

    assert response.status_code == 200
    assert file_body(response)[:4] == b"\x89PNG"


@pytest.mark.parametrize("kind", ["original", "rendition"])
def test_a_hidden_photo_is_not_there_for_colleagues(
    colleague_client, my_photo, me, kind
):
    hide_photo(me)

    assert colleague_client.get(my_photo[kind]).status_code == 404


@pytest.mark.parametrize("kind", ["original", "rendition"])
def test_the_owner_still_sees_their_hidden_photo(my_client, my_photo, me, kind):
    hide_photo(me)

    response = my_client.get(my_photo[kind])

    assert response.status_code == 200
    assert file_body(response)[:4] == b"\x89PNG"


def test_profile_photos_are_not_offered_in_the_image_chooser(
    my_client, me, colleague, colleague_client
):
    """The chooser lists pictures for stories; someone's face is not one of
    them, hidden or shown, even to the person who uploaded it."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    colleague.groups.add(Group.objects.get(name=STAFF))
    my_client.post(EDIT, edit_data(photo_upload=png("ansikt.png")))
    get_image_model().objects.create(
        title="Brøytebil i Storgata", file=get_test_image_file("broyting.png")
    )
    me.groups.add(Group.objects.get(name=STAFF))

    for client in (my_client, colleague_client):
        html = client.get("/admin/images/chooser/").json()["html"]
        assert "Brøytebil i Storgata" in html
        assert "ansikt" not in html and "Kari Nordmann" not in html
