"""Uploaded files are served behind the login outside DEBUG too."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    folder = settings.MEDIA_ROOT / "original_images"
    folder.mkdir(parents=True)
    (folder / "rådhus.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    return "/media/original_images/r%C3%A5dhus.jpg"


def test_logged_in_person_gets_the_file(staff_client, uploaded):
    response = staff_client.get(uploaded)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"\xff\xd8 not really a jpeg"
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=86400"


def test_anonymous_visitor_is_sent_to_login(client, uploaded):
    response = client.get(uploaded)

    assert response.status_code == 302
    assert response.url.startswith("/logg-inn/")


@pytest.mark.parametrize(
    "path", ["/media/original_images/finnes-ikke.jpg", "/media/../manage.py", "/media/"]
)
def test_missing_or_outside_files_are_404(staff_client, uploaded, path):
    assert staff_client.get(path).status_code == 404


def test_nginx_sends_the_file_when_asked_to(staff_client, uploaded, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"

    response = staff_client.get(uploaded)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        "/protected-media/original_images/r%C3%A5dhus.jpg"
    )
    assert response.content == b""
