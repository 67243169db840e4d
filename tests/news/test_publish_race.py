"""An autosave still in flight when the editor presses Publish cannot undo it.

Wagtail's editor autosaves every half second. The race seen in production: the
autosave request reads the draft (not live), the Publish request commits, then
the autosave writes its copy back, with ``live=False``. Here the autosave is
held at Wagtail's ``before_edit_page`` hook (after it has read the page) while
a second, real request publishes; then the autosave finishes.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail import hooks
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import querydict_from_html

from intranet.subscriptions.models import Notification
from news import services
from news.models import NewsPage
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db


def editor_form(client: Client, page: NewsPage) -> dict[str, list[str]]:
    """The edit form as the editor's browser holds it."""
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
    data = querydict_from_html(html.decode(), form_id="page-edit-form")
    for key, value in list(data.items()):
        if value.startswith("\n"):  # a browser drops a textarea's first newline
            data[key] = value[1:]
    data.setdefault("body-count", "0")
    return dict(data.lists())


@pytest.fixture
def reader(db):
    return UserFactory(username="lise.leser")


@pytest.fixture
def draft(news_index, editor):
    return services.news_article_create(
        index=news_index,
        title="Ny kantine i rådhuset",
        slug="ny-kantine",
        intro="Kantinen åpner i morgen.",
        owner=editor,
        publish=False,
    )


def test_autosave_finishing_after_publish_leaves_the_page_published(
    editor, editor_client, draft, reader, client
):
    follow(reader, q="kantine")
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    form = editor_form(editor_client, draft)
    publisher = Client()
    publisher.force_login(editor)
    published = []

    def publish_while_autosave_is_in_flight(request, page):
        if request.accepts("text/html") or published:
            return None
        response = publisher.post(edit_url, {**form, "action-publish": ["1"]})
        published.append(response.status_code)
        return None

    with hooks.register_temporarily(
        "before_edit_page", publish_while_autosave_is_in_flight
    ):
        autosave = editor_client.post(edit_url, form, HTTP_ACCEPT="application/json")

    assert published == [302]
    page = NewsPage.objects.get(pk=draft.pk)
    assert page.live
    assert not page.has_unpublished_changes
    assert page.latest_revision_id == page.live_revision_id
    actions = list(
        PageLogEntry.objects.filter(page=page)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )
    assert actions[-1] == "wagtail.publish"
    assert autosave.status_code == 400
    assert autosave.json()["success"] is False
    assert "publisert mens du redigerte" in autosave.json()["error_message"]

    client.force_login(reader)
    assert client.get(page.url).status_code == 200
    assert page.url in client.get("/sok/", {"q": "kantine"}).content.decode()
    notification = Notification.objects.get(user=reader, page=page)
    assert client.get(notification.url).status_code == 200


def test_save_draft_finishing_after_publish_keeps_the_editors_text_and_says_why(
    editor, editor_client, draft
):
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    form = editor_form(editor_client, draft)
    publisher = Client()
    publisher.force_login(editor)

    def publish_first(request, page):
        if "action-publish" not in request.POST:
            publisher.post(edit_url, {**form, "action-publish": ["1"]})

    with hooks.register_temporarily("before_edit_page", publish_first):
        response = editor_client.post(
            edit_url, {**form, "intro": ["Kantinen åpner på fredag."]}
        )

    page = NewsPage.objects.get(pk=draft.pk)
    assert page.live
    assert page.intro == "Kantinen åpner i morgen."
    assert response.status_code == 200
    assert "publisert mens du redigerte" in response.content.decode()
    assert "Kantinen åpner på fredag." in response.content.decode()
