"""Posting the composer as a browser would: its own form, filled in."""

from django.test import Client
from wagtail.test.utils.form_data import querydict_from_html


def composer_form(client: Client, url: str, **changes) -> dict[str, list[str]]:
    """The composer form at `url` as the browser would send it, plus `changes`."""
    response = client.get(url)
    assert response.status_code == 200, url
    data = querydict_from_html(response.content.decode(), form_id="composer-form")
    for key, value in list(data.items()):
        # A browser drops the newline that starts a textarea's content.
        if value.startswith("\n"):
            data[key] = value[1:]
    for key, value in changes.items():
        if isinstance(value, list):
            data.setlist(key, [str(item) for item in value])
        else:
            data[key] = str(value)
    return dict(data.lists())
