"""iCalendar (RFC 5545) output of the plan, made with the `icalendar` library.

Activities are whole days, so they are all-day events (DATE values, the end
exclusive). The calendar still carries the Europe/Oslo VTIMEZONE (generated
from the zoneinfo database) and names it as the calendar's time zone, so
clients place the days in Norwegian time.

Every value goes in through an explicit icalendar type, so text is escaped
(line breaks, commas, semicolons, backslashes) and no title or description can
start a line of its own; control characters, which RFC 5545 does not allow in
text at all, are removed first.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCategory, vText, vUri

from intranet.core.text import single_line, without_controls
from intranet.planning.models import ActivityStatus, CommunicationActivity

PRODID = "-//Intranettet//Arshjul//NB"


def _line(value: str) -> vText:
    """A one-line TEXT value (summary, names, identifiers)."""
    return vText(single_line(str(value)))


def _text(value: str) -> vText:
    """A TEXT value that may span lines (description)."""
    return vText(without_controls(str(value)))


def _uid(activity: CommunicationActivity) -> str:
    host = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0]
    return f"activity-{activity.pk}@{host or 'intranett'}"


def _event(activity: CommunicationActivity, *, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", _line(_uid(activity)))
    event.add("dtstamp", stamp)
    event.add("dtstart", activity.start_date)
    event.add("dtend", activity.end_date + datetime.timedelta(days=1))
    event.add("summary", _line(activity.title))
    details = [activity.description] if activity.description else []
    if activity.channels:
        details.append(_("Channels: %s") % ", ".join(activity.channel_labels))
    if activity.audiences:
        details.append(_("Audiences: %s") % ", ".join(activity.audience_labels))
    owners = [o.get_full_name() or o.get_username() for o in activity.owners.all()]
    if owners:
        details.append(_("Responsible: %s") % ", ".join(owners))
    if details:
        event.add("description", _text("\n".join(details)))
    event.add(
        "url",
        vUri(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + activity.get_absolute_url()),
    )
    event.add("last-modified", activity.updated_at.astimezone(datetime.UTC))
    event.add("transp", vText("TRANSPARENT"))
    event.add(
        "status",
        vText(
            "CANCELLED" if activity.status == ActivityStatus.CANCELLED else "CONFIRMED"
        ),
    )
    categories = [single_line(str(label)) for label in activity.channel_labels]
    if categories:
        event.add("categories", vCategory(categories))
    return event


def calendar_bytes(activities: Iterable[CommunicationActivity], *, name: str) -> bytes:
    """One VCALENDAR with a VEVENT per activity."""
    cal = Calendar()
    cal.add("prodid", vText(PRODID))
    cal.add("version", vText("2.0"))
    cal.add("calscale", vText("GREGORIAN"))
    cal.add("method", vText("PUBLISH"))
    # Non-standard properties default to an unescaped type: name them as text.
    cal.add("x-wr-calname", _line(name))
    cal.add("x-wr-timezone", _line(settings.TIME_ZONE))
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    activities = list(activities)
    years = [a.start_date.year for a in activities] or [stamp.year]
    cal.add_component(
        Timezone.from_tzid(
            settings.TIME_ZONE,
            first_date=datetime.date(min(years) - 1, 1, 1),
            last_date=datetime.date(max(years) + 2, 1, 1),
        )
    )
    for activity in activities:
        cal.add_component(_event(activity, stamp=stamp))
    return cal.to_ical()
