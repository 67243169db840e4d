"""Uploaded files are served behind the login outside DEBUG too."""

import importlib

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


@pytest.fixture
def secret_document(settings):
    """A document in a collection only the group "Ledergruppen" may open."""
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    group = Group.objects.create(name="Ledergruppen")
    collection = Collection.get_first_root_node().add_child(name="Ledelse")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    document = get_document_model().objects.create(
        title="Nedbemanning",
        collection=collection,
        file=ContentFile(b"hemmelig plan", name="nedbemanning.txt"),
    )
    document.group = group
    return document


def test_document_upload_path_never_sends_the_file(staff_client, secret_document):
    response = staff_client.get(f"/media/{secret_document.file.name}")

    assert b"hemmelig plan" not in b"".join(
        getattr(response, "streaming_content", [response.content])
    )
    assert response.status_code == 302
    assert response.url == secret_document.url
    assert response.url.startswith("/dokumenter/")
    # ...where Wagtail checks the collection's restriction and refuses.
    refused = staff_client.get(response.url)
    assert refused.status_code == 302
    assert "/login/" in refused.url


@pytest.mark.parametrize(
    "path",
    ["/media/documents/finnes-ikke.txt", "/media/original_images/../documents/x"],
)
def test_unknown_document_paths_are_404(staff_client, secret_document, path):
    assert staff_client.get(path).status_code == 404


def test_document_upload_path_is_closed_in_development_too(
    staff_client, secret_document, settings
):
    from django.urls import clear_url_caches

    import intranet.urls

    settings.DEBUG = True
    importlib.reload(intranet.urls)
    clear_url_caches()
    try:
        response = staff_client.get(f"/media/{secret_document.file.name}")
    finally:
        settings.DEBUG = False
        importlib.reload(intranet.urls)
        clear_url_caches()

    assert response.status_code == 302
    assert response.url == secret_document.url


def test_group_member_gets_the_document_from_nginx(
    staff_client, staff_user, secret_document, settings
):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    staff_user.groups.add(secret_document.group)

    response = staff_client.get(secret_document.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        f"/protected-media/{secret_document.file.name}"
    )
    assert response.content == b""


def test_group_member_gets_the_document_streamed_without_nginx(
    staff_client, staff_user, secret_document
):
    staff_user.groups.add(secret_document.group)

    response = staff_client.get(secret_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hemmelig plan"
