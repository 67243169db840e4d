"""iCalendar output: parsed by `icalendar` and by `vobject`, an independent parser."""

import datetime

import icalendar
import pytest
import vobject
from django.utils import timezone

from intranet.planning import services
from intranet.planning.models import ActivityStatus, CalendarToken
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db


def parse_both(content: bytes):
    text = content.decode("utf-8")
    return icalendar.Calendar.from_ical(text), vobject.readOne(text)


def test_a_single_activity_downloads_as_an_all_day_event(client, owner):
    activity = ActivityFactory(
        title="Nytt bibliotek åpner",
        description="Åpningsdag med ordføreren.",
        start_date=datetime.date(2027, 9, 4),
        end_date=datetime.date(2027, 9, 5),
        owners=[owner],
        channels=["press", "website"],
    )
    client.force_login(owner)

    response = client.get(f"/arshjul/tiltak/{activity.pk}/kalender.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal, vcal = parse_both(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Nytt bibliotek åpner"
    assert event.decoded("DTSTART") == datetime.date(2027, 9, 4)
    assert event.decoded("DTEND") == datetime.date(2027, 9, 6)  # exclusive
    assert "VALUE=DATE" in event["DTSTART"].to_ical().decode() or event[
        "DTSTART"
    ].params.get("VALUE") in (None, "DATE")
    assert "Pressemelding eller mediekontakt" in str(event["DESCRIPTION"])
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Oslo"]
    assert {sub.name for sub in cal.walk("VTIMEZONE")[0].subcomponents} == {
        "STANDARD",
        "DAYLIGHT",
    }

    assert len(vcal.vevent_list) == 1
    assert vcal.vevent.summary.value == "Nytt bibliotek åpner"
    assert vcal.vevent.dtstart.value == datetime.date(2027, 9, 4)
    assert vcal.vtimezone.tzid.value == "Europe/Oslo"


def test_the_personal_feed_honours_filters_and_counts_events(
    client, owner, other_staff
):
    token = services.calendar_token_regenerate(user=owner)
    ActivityFactory(title="Skolestart", owners=[owner], channels=["website"])
    ActivityFactory(title="Budsjett", owners=[other_staff], channels=["press"])
    ActivityFactory(title="Avlyst", owners=[owner], status=ActivityStatus.CANCELLED)

    everything = client.get(f"/arshjul/ical/{token.token}.ics")  # no login needed
    mine = client.get(f"/arshjul/ical/{token.token}.ics?owner=eier")
    press = client.get(
        f"/arshjul/ical/{token.token}.ics?channel=press&unit=finnes-ikke"
    )

    for response, expected in ((everything, 2), (mine, 1), (press, 1)):
        assert response.status_code == 200
        cal, vcal = parse_both(response.content)
        assert len(cal.walk("VEVENT")) == expected
        assert len(vcal.contents.get("vevent", [])) == expected
    assert "SUMMARY:Budsjett" in press.content.decode()


def test_a_revoked_regenerated_or_unknown_token_is_not_found(client, owner):
    old = services.calendar_token_regenerate(user=owner).token
    new = services.calendar_token_regenerate(user=owner).token

    assert client.get(f"/arshjul/ical/{old}.ics").status_code == 404
    assert client.get(f"/arshjul/ical/{new}.ics").status_code == 200
    services.calendar_token_revoke(user=owner)
    assert client.get(f"/arshjul/ical/{new}.ics").status_code == 404
    assert client.get("/arshjul/ical/finnes-ikke.ics").status_code == 404


def test_an_inactive_persons_feed_stops(client, owner):
    token = services.calendar_token_regenerate(user=owner).token
    owner.is_active = False
    owner.save()

    assert client.get(f"/arshjul/ical/{token}.ics").status_code == 404


def test_people_make_and_switch_off_their_address_on_my_activities(client, owner):
    client.force_login(owner)

    client.post("/arshjul/kalender/", {"action": "regenerate"})
    token = CalendarToken.objects.get(user=owner).token
    page = client.get("/arshjul/mine/").content.decode()
    assert f"/arshjul/ical/{token}.ics" in page

    client.post("/arshjul/kalender/", {"action": "revoke"})
    assert not CalendarToken.objects.filter(user=owner).exists()
    assert client.get("/arshjul/kalender/").status_code == 405


def test_the_feed_holds_three_months_back_and_eighteen_ahead(client, owner):
    """A client polls the feed every few minutes: it must not carry the whole
    history and every far-off plan of the municipality."""
    token = services.calendar_token_regenerate(user=owner)
    today = timezone.localdate()
    for title, days in [
        ("Forrige år", -200),
        ("Forrige måned", -30),
        ("Neste år", 400),
        ("Om tre år", 3 * 365),
    ]:
        day = today + datetime.timedelta(days=days)
        ActivityFactory(title=title, owners=[owner], start_date=day, end_date=day)

    body = client.get(f"/arshjul/ical/{token.token}.ics").content.decode()

    assert "Forrige måned" in body and "Neste år" in body
    assert "Forrige år" not in body and "Om tre år" not in body
