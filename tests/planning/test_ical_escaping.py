"""iCalendar output escapes every property: no text can inject a line.

A line break in an activity's title used to give a 500 on the per-activity
download (the library's `assert` was the only guard, gone under `python -O`).
"""

import icalendar
import pytest
import vobject

from intranet.planning import ical, services
from tests.factories.core import UserFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db

TITLE = "Møte\r\nATTENDEE:mailto:alle@kommune.invalid\x07;\\,"
DESCRIPTION = "Første linje.\r\nBEGIN:VALARM\rTRIGGER:-PT5M\x1b\x07\nSiste; linje."


def content_lines(content: bytes) -> list[str]:
    """The calendar's unfolded content lines."""
    text = content.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    assert text.endswith("\r\n")
    return text[:-2].split("\r\n")


def assert_one_clean_event(content: bytes) -> None:
    lines = content_lines(content)
    # Nothing from a title or description became a line (a property) of its own.
    assert not [line for line in lines if line.startswith(("ATTENDEE", "TRIGGER"))]
    assert lines.count("BEGIN:VEVENT") == 1
    assert "BEGIN:VALARM" not in lines
    assert all(ord(char) >= 0x20 for line in lines for char in line)

    cal = icalendar.Calendar.from_ical(content.decode("utf-8"))
    vcal = vobject.readOne(content.decode("utf-8"))
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Møte ATTENDEE:mailto:alle@kommune.invalid ;\\,"
    assert vcal.vevent.summary.value == str(event["SUMMARY"])
    assert "attendee" not in vcal.vevent.contents
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Første linje.\nBEGIN:VALARM\nTRIGGER:-PT5M\nSiste; linje."
    )


def test_the_activity_download_escapes_a_title_with_line_breaks(client):
    owner = UserFactory(username="eier")
    activity = ActivityFactory(title=TITLE, description=DESCRIPTION, owners=[owner])
    client.force_login(owner)

    response = client.get(f"/arshjul/tiltak/{activity.pk}/kalender.ics")

    assert response.status_code == 200
    assert_one_clean_event(response.content)
    # The calendar is named after the activity, escaped as TEXT on the wire.
    assert (
        "X-WR-CALNAME:Møte ATTENDEE:mailto:alle@kommune.invalid \\;\\\\\\,"
        in content_lines(response.content)
    )


def test_the_personal_feed_escapes_titles_and_descriptions(client):
    owner = UserFactory(username="eier")
    ActivityFactory(title=TITLE, description=DESCRIPTION, owners=[owner])
    token = services.calendar_token_regenerate(user=owner).token

    response = client.get(f"/arshjul/ical/{token}.ics")

    assert response.status_code == 200
    assert_one_clean_event(response.content)


def test_every_property_is_escaped_even_in_the_calendar_name():
    content = ical.calendar_bytes([], name="Årshjul\nX-INJECTED:ja")
    assert not [line for line in content_lines(content) if line.startswith("X-INJ")]
    assert "X-WR-CALNAME:Årshjul X-INJECTED:ja" in content_lines(content)
