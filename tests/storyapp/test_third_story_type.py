"""A third kind of story plugs in from its own app (issue 20).

``EventPage`` (tests/storyapp) inherits ``Story`` and ``Searchable`` and says
nothing to any other app. Published the way an editor publishes, it is found
on /sok/, shows in the front page's sections for every kind of story, joins the
communication team's pipeline, takes comments and reactions (its owner is
told), counts its readers for its owner, and marks a planned activity done.
"""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from intranet.core.models import story_page_models
from intranet.core.roles import COMMUNICATION, STAFF
from intranet.dialogue.models import Reaction
from intranet.planning.models import ActivityStatus
from intranet.promotion.models import Promotion, PromotionStatus
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.planning import ActivityFactory
from tests.factories.subscriptions import follow
from tests.storyapp.models import EventPage

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def organiser(db):
    """The colleague who writes the event, and so owns it."""
    return UserFactory(username="arne.arrangor", first_name="Arne", last_name="Arr")


@pytest.fixture
def colleague(db):
    return UserFactory(username="kari.kollega", first_name="Kari", last_name="Kol")


@pytest.fixture
def colleague_client(client, colleague):
    client.force_login(colleague)
    return client


@pytest.fixture
def publish_event(home_page, organiser, django_capture_on_commit_callbacks):
    """Write an event as a draft and publish its revision, as the editor does;
    what waits for the commit (indexing, notifications) runs before it returns."""

    def publish_event(title: str, **fields) -> EventPage:
        fields.setdefault("intro", "Velkommen til alle ansatte.")
        fields.setdefault("location", "Rådhuset, sal 1")
        with django_capture_on_commit_callbacks(execute=True):
            event = EventPage(title=title, owner=organiser, live=False, **fields)
            home_page.add_child(instance=event)
            # Who may publish where is the role table's business (roles.py), not
            # what this story kind plugs into, so the rights check is skipped.
            event.save_revision(user=organiser).publish(
                user=organiser, skip_permission_checks=True
            )
        event.refresh_from_db()
        return event

    return publish_event


def section(html: str, marker: str) -> str:
    """The front-page section that starts at ``marker``."""
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


def test_the_event_is_a_story_by_inheritance_alone():
    assert EventPage in story_page_models()


def test_search_finds_the_event_under_its_own_type(
    colleague_client, publish_event, home_page
):
    event = publish_event("Fagdag om klimatilpasning")

    html = colleague_client.get("/sok/", {"q": "klimatilpasning"}).content.decode()

    assert f'href="{event.url}"' in html
    assert '<span class="badge">Arrangement</span>' in html
    # The type facet offers events by their Norwegian name, and filters by them.
    facet = re.search(
        r'name="type" value="event">\s*<label[^>]*>Arrangement '
        r'<span class="facet__count">\(1',
        html,
    )
    assert facet is not None
    only_events = colleague_client.get("/sok/", {"type": "event"}).content.decode()
    assert f'href="{event.url}"' in only_events
    only_news = colleague_client.get("/sok/", {"type": "news"}).content.decode()
    assert f'href="{event.url}"' not in only_news


def test_followers_of_a_search_are_told_and_see_it_for_them_on_the_front_page(
    colleague, colleague_client, publish_event
):
    follow(colleague, name="Klima", q="klimatilpasning")

    event = publish_event("Fagdag om klimatilpasning")

    inbox = colleague_client.get("/varsler/").content.decode()
    assert f'href="{event.url}"' in inbox
    for_you = section(colleague_client.get("/").content.decode(), 'class="for-you"')
    assert "Fagdag om klimatilpasning" in for_you
    assert "Fordi du følger «Klima»" in for_you


def test_an_event_showing_innovation_is_in_we_show_it(colleague_client, publish_event):
    publish_event(
        "Hackathon for hjemmetjenesten",
        positioning_themes=["innovation"],
        nomination_text="Ansatte bygde tre nye verktøy på én dag.",
    )
    publish_event("Sommerfest")

    home = colleague_client.get("/").content.decode()
    strip = section(home, 'id="home-positioning"')
    assert "Hackathon for hjemmetjenesten" in strip
    assert "Sommerfest" not in strip
    showcase = colleague_client.get("/vi-viser-det/").content.decode()
    assert "Hackathon for hjemmetjenesten" in showcase
    assert "Ansatte bygde tre nye verktøy på én dag." in showcase
    assert "Sommerfest" not in showcase


def test_we_show_it_mixes_the_kinds_newest_first(colleague_client, publish_event):
    today = timezone.localdate()
    for days, title in [(3, "Eldst"), (1, "Nyest"), (2, "Midt i")]:
        publish_event(
            title,
            date=today - datetime.timedelta(days=days),
            positioning_themes=["competence"],
            nomination_text="Fordi.",
        )

    strip = section(colleague_client.get("/").content.decode(), 'id="home-positioning"')
    assert strip.index("Nyest") < strip.index("Midt i") < strip.index("Eldst")


def test_a_themed_event_becomes_a_candidate_in_the_teams_pipeline(
    client, publish_event
):
    unit = UnitFactory(name="Hjemmetjenesten", slug="hjemmetjenesten")
    event = publish_event(
        "Hackathon for hjemmetjenesten",
        unit=unit,
        positioning_themes=["innovation"],
        nomination_text="Ansatte bygde tre nye verktøy på én dag.",
    )

    promotion = Promotion.objects.get(page_id=event.pk)
    assert promotion.status == PromotionStatus.CANDIDATE
    assert (promotion.external_title, promotion.unit) == (event.title, unit)
    team = UserFactory(username="silje.aas", groups=[STAFF, COMMUNICATION])
    client.force_login(team)
    queue = client.get(reverse(Promotion.snippet_viewset.get_url_name("list")))
    assert "Hackathon for hjemmetjenesten" in queue.content.decode()
    detail = client.get(reverse("promotion_admin:detail", args=[promotion.pk]))
    assert "Ansatte bygde tre nye verktøy på én dag." in detail.content.decode()


def test_the_team_adds_an_event_to_the_pipeline_by_hand(client, publish_event):
    event = publish_event("Sommerfest")
    team = UserFactory(username="silje.aas", groups=[STAFF, COMMUNICATION])
    client.force_login(team)

    response = client.post(reverse("promotion_admin:add"), {"page": event.pk})

    assert response.status_code == 302
    assert Promotion.objects.get().page_id == event.pk


def test_colleagues_comment_and_react_and_the_organiser_is_told(
    client, colleague_client, organiser, publish_event
):
    event = publish_event("Fagdag om klimatilpasning")
    assert "Skriv en kommentar" in colleague_client.get(event.url).content.decode()

    response = colleague_client.post(
        f"/dialog/{event.pk}/kommenter/", {"text": "Gleder meg!"}
    )
    assert response.status_code == 302
    page = colleague_client.get(response["Location"]).content.decode()
    assert "Gleder meg!" in page
    reacted = colleague_client.post(
        f"/dialog/{event.pk}/reager/", {"kind": "like"}, **JSON
    )
    assert reacted.status_code == 200
    assert Reaction.objects.filter(page_id=event.pk, kind="like").count() == 1

    client.force_login(organiser)
    inbox = client.get("/varsler/").content.decode()
    assert "Kari Kol kommenterte «Fagdag om klimatilpasning»" in inbox


def test_the_organiser_closes_the_comments_and_a_colleague_may_not(
    client, organiser, colleague, publish_event
):
    event = publish_event("Fagdag om klimatilpasning")
    client.force_login(colleague)
    refused = client.post(f"/dialog/{event.pk}/kommentarer/", {"closed": "1"})
    assert refused.status_code == 403

    client.force_login(organiser)
    client.post(f"/dialog/{event.pk}/kommentarer/", {"closed": "1"})

    client.force_login(colleague)
    html = client.get(event.url).content.decode()
    assert "Kommentarer er slått av for dette innlegget." in html


def test_the_organiser_sees_how_many_colleagues_read_the_event(
    client, colleague, organiser, publish_event
):
    event = publish_event("Fagdag om klimatilpasning")
    client.force_login(colleague)
    html = client.get(event.url).content.decode()
    assert "Lest av" not in html  # the reach is for the owner and the team

    client.force_login(organiser)
    html = client.get(event.url).content.decode()

    reach = re.search(r"Lest av (\d+) kolleg\w+ i dag, (\d+) totalt", html)
    assert reach is not None
    assert int(reach.group(2)) >= 1


def test_the_event_marks_a_planned_activity_done(client, organiser, publish_event):
    event = publish_event("Fagdag om klimatilpasning")
    activity = ActivityFactory(
        title="Invitere til fagdag", start_date=timezone.localdate(), owners=[organiser]
    )
    client.force_login(organiser)
    url = reverse("planning:activity", args=[activity.pk])
    assert "Fagdag om klimatilpasning" in client.get(url).content.decode()

    response = client.post(url, {"story": event.pk})

    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.status, activity.story_id) == (ActivityStatus.DONE, event.pk)


def test_insights_count_the_event_for_its_unit(client, publish_event):
    """The communication team's figures (stories per unit and month, silent
    units) count every kind of story, not only news and case updates."""
    parent = UnitFactory(name="Kultur")
    busy = UnitFactory(name="Biblioteket", parent=parent)
    UnitFactory(name="Kulturskolen", parent=parent)
    today = timezone.localdate()
    publish_event("Lesestund for ansatte", unit=busy, date=today)
    client.force_login(UserFactory(groups=[STAFF, COMMUNICATION]))

    def rows(slug: str, **query) -> list[list[str]]:
        response = client.get(reverse("insights_admin:csv", args=[slug]), query)
        text = response.content.decode("utf-8").lstrip("\ufeff")
        return list(csv.reader(io.StringIO(text), delimiter=";"))

    month = f"{today:%Y-%m}"
    per_unit = rows("publisert", from_month=month, to_month=month)
    assert ["Biblioteket", "Kultur", "1", "1"] in per_unit
    silent = [row[0] for row in rows("stille-enheter")[1:]]
    assert "Kulturskolen" in silent
    assert "Biblioteket" not in silent
