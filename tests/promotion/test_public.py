"""Security suite: what the public feed and API may and may not expose."""

import datetime

import feedparser
import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from intranet.promotion.models import PromotionStatus
from tests.factories.news import ImageFactory
from tests.factories.promotion import PromotionFactory

pytestmark = pytest.mark.django_db

FEED = "/ekstern/feed/"
API = "/ekstern/api/promotions/"

INTERNAL_INTRO = "INTERN-INGRESS-skal-ikke-ut"
INTERNAL_NOTE = "INTERN-NOTAT-skal-ikke-ut"
NOMINATION = "INTERN-BEGRUNNELSE-skal-ikke-ut"


def public_promotion(**kwargs):
    defaults = {
        "status": PromotionStatus.APPROVED,
        "notes": INTERNAL_NOTE,
        "page__intro": INTERNAL_INTRO,
        "page__nomination_text": NOMINATION,
    }
    return PromotionFactory(**{**defaults, **kwargs})


def everything(client) -> str:
    """All public output, as one text to search for leaks."""
    parts = [client.get(FEED).content.decode(), client.get(API).content.decode()]
    for item in client.get(API).json()["items"]:
        parts.append(client.get(f"{API}{item['id']}/").content.decode())
    return "\n".join(parts)


def test_feed_and_api_need_no_login_and_list_approved_and_published(client):
    approved = public_promotion(external_title="Godkjent historie")
    published = public_promotion(
        status=PromotionStatus.PUBLISHED,
        external_title="Publisert historie",
        published_externally_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
        external_urls="https://www.kommune.no/publisert",
    )
    feed = client.get(FEED)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    titles = {entry.title for entry in feedparser.parse(feed.content).entries}
    assert titles == {"Godkjent historie", "Publisert historie"}
    data = client.get(API).json()
    assert {item["id"] for item in data["items"]} == {approved.pk, published.pk}
    assert client.get(f"{API}{published.pk}/").json()["external_urls"] == [
        "https://www.kommune.no/publisert"
    ]


@pytest.mark.parametrize(
    "status",
    [
        PromotionStatus.CANDIDATE,
        PromotionStatus.SHORTLISTED,
        PromotionStatus.REJECTED,
        PromotionStatus.WITHDRAWN,
    ],
)
def test_unapproved_rejected_and_withdrawn_never_leave(client, status):
    hidden = public_promotion(status=status, external_title="Hemmelig utkast")
    assert "Hemmelig utkast" not in everything(client)
    assert client.get(f"{API}{hidden.pk}/").status_code == 404


def test_internal_text_notes_and_people_never_leave(client, team_member):
    public_promotion(
        assignee=team_member,
        rejection_reason="INTERN-GRUNN",
        page__owner=team_member,
    )
    output = everything(client)
    for secret in (
        INTERNAL_INTRO,
        INTERNAL_NOTE,
        NOMINATION,
        "INTERN-GRUNN",
        team_member.email,
        team_member.username,
        team_member.last_name,
    ):
        assert secret not in output
    assert "Ekstern tittel" in output


def test_stories_behind_a_view_restriction_never_leave(client):
    promotion = public_promotion(external_title="Bak innlogging")
    restriction = PageViewRestriction.objects.create(
        page=promotion.page.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Kommunikasjon"))
    assert "Bak innlogging" not in everything(client)
    assert client.get(f"{API}{promotion.pk}/").status_code == 404


def test_unpublished_story_never_leaves_even_if_approved(client):
    promotion = public_promotion(external_title="Avpublisert")
    promotion.page.live = False
    promotion.page.save()
    assert "Avpublisert" not in everything(client)


def test_draft_revisions_of_the_story_never_leave(client):
    promotion = public_promotion()
    page = promotion.page
    page.title = "UTKAST-TITTEL"
    page.intro = "UTKAST-INGRESS"
    page.save_revision()
    assert "UTKAST" not in everything(client)


def test_image_is_served_publicly_only_for_public_promotions(client):
    image = ImageFactory()
    shown = public_promotion(image=image, image_alt="Barn i barnehagen")
    hidden = public_promotion(
        status=PromotionStatus.SHORTLISTED, image=ImageFactory(), image_alt="Skjult"
    )
    item = client.get(f"{API}{shown.pk}/").json()
    assert item["image"]["alt"] == "Barn i barnehagen"
    response = client.get(item["image"]["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert client.get(f"/ekstern/bilde/{hidden.pk}/").status_code == 404
    # The original upload stays behind the login.
    assert not item["image"]["url"].startswith("/media/")


def test_feed_is_valid_atom_with_ids_and_dates(client):
    public_promotion(external_title="Én", channels=["website", "press"])
    feed = feedparser.parse(client.get(FEED).content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title
    entry = feed.entries[0]
    assert entry.id.startswith("tag:")
    assert entry.updated_parsed
    assert entry.summary == "En ingress for innbyggerne."
    assert {tag.term for tag in entry.tags} == {"website", "press"}


def test_each_entry_and_item_says_its_language(client):
    """A Nynorsk external version says so to feed readers (xml:lang on its
    entry) and API clients; a Bokmål one keeps the default."""
    nynorsk = public_promotion(external_title="Skulen som lærer", language="nn")
    bokmal = public_promotion(external_title="Skolen som lærer")

    feed = feedparser.parse(client.get(FEED).content)
    languages = {entry.title: entry.title_detail.language for entry in feed.entries}
    items = {item["id"]: item for item in client.get(API).json()["items"]}

    assert feed.bozo == 0
    assert languages == {"Skulen som lærer": "nn", "Skolen som lærer": "nb"}
    assert items[nynorsk.pk]["language"] == "nn"
    assert items[bokmal.pk]["language"] == "nb"
    assert client.get(f"{API}{nynorsk.pk}/").json()["language"] == "nn"


def test_a_nynorsk_version_leaks_nothing_internal_either(client):
    public_promotion(language="nn", external_title="Ei nynorsk forteljing")
    output = everything(client)
    assert "Ei nynorsk forteljing" in output
    for secret in (INTERNAL_INTRO, INTERNAL_NOTE, NOMINATION):
        assert secret not in output


def test_an_empty_feed_is_still_valid_atom(client):
    feed = feedparser.parse(client.get(FEED).content)
    assert feed.bozo == 0
    assert feed.entries == []


ITEM_SCHEMA = {
    "id": int,
    "url": str,
    "status": str,
    "title": str,
    "lead": str,
    "body_html": str,
    "language": str,
    "image": (dict, type(None)),
    "channels": list,
    "planned_date": (str, type(None)),
    "published_at": (str, type(None)),
    "external_urls": list,
    "updated_at": str,
}


def check_item(item: dict) -> None:
    assert set(item) == set(ITEM_SCHEMA)
    for key, kind in ITEM_SCHEMA.items():
        assert isinstance(item[key], kind), key
    assert item["status"] in {"approved", "published"}
    assert item["language"] in {"nb", "nn"}
    if item["image"] is not None:
        assert set(item["image"]) == {"url", "alt", "width", "height"}


def test_json_has_the_documented_stable_shape(client):
    public_promotion(image=ImageFactory(), image_alt="Alt", planned_date="2026-06-01")
    public_promotion(status=PromotionStatus.PUBLISHED, external_urls="https://x.no")
    data = client.get(API).json()
    assert set(data) == {"version", "count", "items"}
    assert data["version"] == 1
    assert data["count"] == len(data["items"]) == 2
    for item in data["items"]:
        check_item(item)
    detail = client.get(f"{API}{data['items'][0]['id']}/").json()
    assert detail.pop("version") == 1
    check_item(detail)


def test_public_output_refuses_writes(client):
    assert client.post(API).status_code == 405
    assert client.post(FEED).status_code in {403, 405}


def test_unknown_item_is_a_404(client):
    assert client.get(f"{API}999999/").status_code == 404
    assert client.get("/ekstern/bilde/999999/").status_code == 404


def test_only_web_addresses_leave_in_the_public_output(client):
    """A script address saved before the form checked them never reaches the
    public feed or API."""
    promotion = public_promotion(
        status=PromotionStatus.PUBLISHED,
        published_externally_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
        external_urls=(
            "javascript:alert(document.cookie)\n"
            "https://www.kommune.no/publisert\n"
            "data:text/html,<script>alert(1)</script>"
        ),
    )

    assert client.get(f"{API}{promotion.pk}/").json()["external_urls"] == [
        "https://www.kommune.no/publisert"
    ]
    output = everything(client)
    assert "javascript:" not in output
    assert "data:text/html" not in output
