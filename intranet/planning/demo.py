"""Demo data for the annual plan: a year of communication in a Norwegian
municipality.

"Det aller viktigste for å bli dyktige på kommunikasjon, er planlegging."
The plan holds what comes back every year (the budget, school start, 17. mai,
the winter road service, elections), one-off events (the new library), and the
cases' planned measures, which the cases app already brought in when the demo
cases were published. Past activities are mostly done, with the story that
fulfilled them linked; a few are left overdue, and one is cancelled.

Idempotent: activities are looked up by title and date. Deterministic: stories
are picked with the command's seeded generator.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

from cases.models import CasePage, CaseUpdatePage
from intranet.core.models import Unit
from intranet.planning import services
from intranet.planning.models import (
    ActivitySource,
    ActivityStatus,
    CalendarToken,
    CommunicationActivity,
)
from news.models import NewsPage


@dataclass(frozen=True)
class DemoActivity:
    title: str
    month: int
    day: int
    owners: list[str]
    unit: str
    audiences: list[str]
    channels: list[str]
    description: str = ""
    days: int = 1
    proactive: bool = True
    case_title: str = ""
    next_year: bool = False
    #: For a past activity: leave it undone (overdue) or cancel it.
    outcome: str = ""
    extra: dict = field(default_factory=dict)


def _second_monday_of_september(year: int) -> int:
    first = datetime.date(year, 9, 1)
    return 1 + (7 - first.weekday()) % 7 + 7


def _school_start(year: int) -> int:
    # The Monday in the week after 14 August, as most Norwegian schools start.
    day = datetime.date(year, 8, 15)
    return day.day + (7 - day.weekday()) % 7


def activities_for(year: int) -> list[DemoActivity]:
    election_year = year % 4 == 3  # municipal and county elections: 2023, 2027 …
    plan = [
        DemoActivity(
            "Slik brøyter vi: vinterdrift av kommunale veier",
            1,
            8,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["citizens"],
            ["website", "social_media"],
            "Brøyterekkefølge, strøing og hvem du ringer. Vi er først ute før "
            "snøfallet setter dagsorden.",
        ),
        DemoActivity(
            "Nye kommunale gebyrer for vann og avløp",
            1,
            15,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["citizens", "businesses"],
            ["website", "letter"],
            "Forklar hva gebyrene går til, før fakturaene kommer.",
        ),
        DemoActivity(
            "Skoleinnskriving for nye førsteklassinger",
            2,
            2,
            ["per.johansen"],
            "grunnskolene",
            ["citizens"],
            ["website", "letter", "social_media"],
            days=14,
        ),
        DemoActivity(
            "Årsmelding og regnskap legges fram",
            3,
            20,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["politicians", "press", "citizens"],
            ["website", "press"],
            "Hva fikk vi til i fjor? Vis eksemplene på nyskaping og kompetanse.",
            outcome="overdue",
        ),
        DemoActivity(
            "Budsjettkonferanse: rammene for neste år",
            4,
            22,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["staff", "politicians"],
            ["intranet", "meeting"],
            "Budsjettprosessen starter. Alle enhetsledere informerer sine ansatte.",
        ),
        DemoActivity(
            "17. mai: program og trafikkomlegging",
            5,
            10,
            ["lars.haugen"],
            "kultur-og-bibliotek",
            ["citizens"],
            ["website", "social_media", "press"],
            "Program for dagen, stengte veier og hvor toalettene står.",
            days=8,
        ),
        DemoActivity(
            "Sommerjobb for ungdom: søknadsfrist",
            3,
            1,
            ["ingrid.berg"],
            "oppvekst-og-utdanning",
            ["citizens"],
            ["social_media", "website"],
        ),
        DemoActivity(
            "Medarbeiderundersøkelsen: resultatene deles",
            6,
            5,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["staff"],
            ["intranet", "meeting"],
            "Bare 28 % mente den interne kommunikasjonskulturen var god i 2012. "
            "Hvor står vi nå?",
        ),
        DemoActivity(
            "Åpningstider i sommerferien",
            6,
            20,
            ["lars.haugen"],
            "kultur-og-bibliotek",
            ["citizens"],
            ["website"],
            proactive=False,
        ),
        DemoActivity(
            "Skolestart: velkommen til nye elever",
            8,
            _school_start(year),
            ["per.johansen", "erik.lund"],
            "grunnskolene",
            ["citizens", "press"],
            ["website", "press", "social_media"],
            "Skoleveien, trafikksikkerhet og nye lærere. Gode bilder fra første "
            "skoledag.",
        ),
        DemoActivity(
            "Nytt bibliotek åpner",
            9,
            4,
            ["lars.haugen", "hilde.strand"],
            "kultur-og-bibliotek",
            ["citizens", "press", "politicians"],
            ["press", "website", "social_media", "meeting"],
            "Åpningsdag med ordføreren. Pressemelding en uke før, invitasjon til "
            "alle husstander.",
            days=2,
        ),
        DemoActivity(
            "Kommunedirektørens budsjettforslag legges fram",
            10,
            14,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["politicians", "press", "citizens", "staff"],
            ["press", "website", "intranet"],
            "Vi setter dagsorden selv: hovedtall, prioriteringer og hva det "
            "betyr for tjenestene.",
        ),
        DemoActivity(
            "Ny brøytesesong: husk å klippe hekken",
            11,
            1,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["citizens"],
            ["social_media", "website"],
        ),
        DemoActivity(
            "Influensavaksine for eldre og risikogrupper",
            10,
            20,
            ["marte.dahl"],
            "helse-og-omsorg",
            ["citizens"],
            ["website", "letter", "press"],
            outcome="cancelled",
        ),
        DemoActivity(
            "Kommunestyret vedtar budsjett og økonomiplan",
            12,
            11,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["citizens", "press", "staff"],
            ["website", "press", "intranet"],
        ),
        DemoActivity(
            "Åpningstider i jula",
            12,
            15,
            ["lars.haugen"],
            "kultur-og-bibliotek",
            ["citizens"],
            ["website", "social_media"],
            proactive=False,
        ),
        DemoActivity(
            "Julehilsen fra ordføreren til alle ansatte",
            12,
            20,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["staff"],
            ["intranet"],
        ),
        DemoActivity(
            "Slik brøyter vi: vinterdrift av kommunale veier",
            1,
            7,
            ["silje.aas"],
            "samfunn-og-teknikk",
            ["citizens"],
            ["website", "social_media"],
            next_year=True,
        ),
        DemoActivity(
            "Budsjettet i praksis: dette endres fra nyttår",
            1,
            5,
            ["silje.aas", "kari.nordmann"],
            "helse-og-omsorg",
            ["citizens", "staff"],
            ["website", "intranet"],
            next_year=True,
        ),
    ]
    if election_year:
        election_day = _second_monday_of_september(year)
        plan += [
            DemoActivity(
                "Forhåndsstemming åpner",
                8,
                10,
                ["silje.aas"],
                "samfunn-og-teknikk",
                ["citizens"],
                ["website", "social_media", "letter"],
                "Kommunestyre- og fylkestingsvalget: hvor og når du kan stemme.",
            ),
            DemoActivity(
                "Valgdagen: kommunestyre- og fylkestingsvalget",
                9,
                election_day,
                ["silje.aas"],
                "samfunn-og-teknikk",
                ["citizens", "press"],
                ["website", "press", "social_media"],
                days=2,
            ),
        ]
    else:
        plan += [
            DemoActivity(
                "Valgmedarbeidere søkes til kommunestyre- og fylkestingsvalget",
                11,
                16,
                ["silje.aas"],
                "samfunn-og-teknikk",
                ["staff", "citizens"],
                ["intranet", "website"],
                f"Valget er i {year + (3 - year % 4) % 4 or 4}. Vi trenger "
                "stemmestyrer og valgfunksjonærer.",
            ),
        ]
    plan.append(
        DemoActivity(
            "Kronikk: derfor satser vi på velferdsteknologi",
            4,
            8,
            ["kari.nordmann"],
            "hjemmetjenesten",
            ["citizens", "politicians"],
            ["press"],
            "En kronikk i lokalavisen fra dem som jobber med det til daglig.",
        )
    )
    return plan


def _stories() -> list[Page]:
    news = NewsPage.objects.live().values("pk")
    updates = CaseUpdatePage.objects.live().values("pk")
    return list(Page.objects.filter(Q(pk__in=news) | Q(pk__in=updates)).order_by("pk"))


def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    """Fill the plan for this year (and the start of next)."""
    today = timezone.localdate()
    people = {user.username: user for user in get_user_model().objects.all()}
    units = {unit.slug: unit for unit in Unit.objects.all()}
    cases = {case.title: case for case in CasePage.objects.all()}
    stories = _stories()
    created = done = 0
    for spec in activities_for(today.year):
        year = today.year + 1 if spec.next_year else today.year
        start = datetime.date(year, spec.month, spec.day)
        end = start + datetime.timedelta(days=spec.days - 1)
        owners = [people[name] for name in spec.owners if name in people]
        activity = CommunicationActivity.objects.filter(
            title=spec.title, start_date=start, source=ActivitySource.PLAN
        ).first()
        if activity is None and owners:
            activity = services.activity_create(
                user=None,
                owners=owners,
                title=spec.title,
                description=spec.description,
                start_date=start,
                end_date=end,
                unit=units.get(spec.unit),
                case=cases.get(spec.case_title),
                audiences=spec.audiences,
                channels=spec.channels,
                proactive=spec.proactive,
            )
            created += 1
        if activity is None or activity.status != ActivityStatus.PLANNED:
            continue
        if end < today and spec.outcome == "cancelled":
            activity.status = ActivityStatus.CANCELLED
            activity.save(update_fields=["status", "updated_at"])
        elif end < today and not spec.outcome and stories:
            services.activity_mark_done(
                activity=activity, story=rng.choice(stories).specific, user=None
            )
            done += 1
    # Half of the cases' past measures were carried out, half are overdue.
    past_measures = CommunicationActivity.objects.filter(
        source=ActivitySource.CASE_MEASURE,
        status=ActivityStatus.PLANNED,
        end_date__lt=today,
    ).order_by("start_date", "pk")
    for position, activity in enumerate(past_measures):
        updates = (
            list(CaseUpdatePage.objects.live().child_of(activity.case).order_by("pk"))
            if activity.case
            else []
        )
        if position % 2 == 0 and updates:
            services.activity_mark_done(
                activity=activity, story=rng.choice(updates), user=None
            )
            done += 1
    log(
        f"Annual plan: {CommunicationActivity.objects.count()} activities "
        f"({created} new, {done} marked done)"
    )


def reset() -> None:
    CommunicationActivity.objects.all().delete()
    CalendarToken.objects.all().delete()
