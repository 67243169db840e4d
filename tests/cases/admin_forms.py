"""Form data exactly as Wagtail's page editor renders it, for posting in tests."""

from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories.core import UserFactory


def _editor_client() -> Client:
    editor = UserFactory(
        username="skjema-leser", is_superuser=True, is_staff=True, groups=[]
    )
    client = Client()
    client.force_login(editor)
    return client


def _form_data(url: str, **changes) -> dict[str, list[str]]:
    response = _editor_client().get(url)
    assert response.status_code == 200, url
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for key, value in list(data.items()):
        # A browser drops the newline that starts a textarea's content.
        if value.startswith("\n"):
            data[key] = value[1:]
    # StreamFields are drawn by JavaScript; an empty one submits a zero count.
    data.setdefault("body-count", "0")
    for key, value in changes.items():
        if isinstance(value, list):
            data.setlist(key, [str(item) for item in value])
        else:
            data[key] = str(value)
    # The test client posts every value of a list; a QueryDict would lose all
    # but the last.
    return dict(data.lists())


def edit_form_data(page, **changes) -> dict[str, list[str]]:
    """The edit form of `page` as submitted unchanged, plus `changes`."""
    return _form_data(reverse("wagtailadmin_pages:edit", args=[page.pk]), **changes)


def add_form_data(
    app_label: str, model: str, parent, **changes
) -> dict[str, list[str]]:
    """The empty create form for a page type under `parent`, plus `changes`."""
    url = reverse("wagtailadmin_pages:add", args=[app_label, model, parent.pk])
    return _form_data(url, **changes)


def publish(data: dict) -> dict:
    return {**data, "action-publish": "action-publish"}
