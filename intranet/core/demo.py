"""Demo data for the core app: units, topics and people in a Norwegian municipality.

Everything here is created with get_or_create on stable keys, so running it again
changes nothing. Other apps add their own `demo.py` with a `seed()` function; the
`seed_demo` command runs them in order.
"""

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from intranet.core import services
from intranet.core.models import StaffProfile, Topic, Unit
from intranet.core.roles import COMMUNICATION, EDITORS, STAFF

DEMO_PASSWORD = "demo1234"  # noqa: S105 - documented demo credential, local only

SECTORS = {
    "Oppvekst og utdanning": [
        ("Barnehagene", "Kommunale barnehager og barnehagemyndighet."),
        ("Grunnskolene", "Barneskoler og ungdomsskoler i kommunen."),
        ("PPT og barnevern", "Pedagogisk-psykologisk tjeneste og barnevern."),
    ],
    "Helse og omsorg": [
        ("Hjemmetjenesten", "Hjemmesykepleie og praktisk bistand."),
        ("Sykehjemmene", "Langtids- og korttidsplasser."),
        (
            "Helsestasjon og legetjeneste",
            "Helsestasjon, skolehelsetjeneste og legevakt.",
        ),
    ],
    "Samfunn og teknikk": [
        ("Plan og miljø", "Arealplaner, klima og miljø."),
        ("Kultur og bibliotek", "Bibliotek, kulturskole og frivillighet."),
        ("Digitalisering og IT", "IT-drift, digitale tjenester og innovasjon."),
    ],
}

TOPICS = [
    ("Digitalisering", "Nye digitale tjenester og verktøy."),
    ("Klima og miljø", "Klimaplan, energi og miljøtiltak."),
    ("Barnehage", "Alt om barnehagene våre."),
    ("Skole", "Skolehverdag, læring og skolebygg."),
    ("Helse", "Helsetjenester for innbyggerne."),
    ("Eldreomsorg", "Hjemmetjeneste, sykehjem og velferdsteknologi."),
    ("Kultur", "Kulturliv, arrangementer og frivillighet."),
    ("Bibliotek", "Biblioteket og lesing."),
    ("Arbeidsmiljø", "HMS, sykefravær og trivsel på jobb."),
    ("Kompetanseutvikling", "Kurs, etterutdanning og læring i jobben."),
    ("Økonomi og budsjett", "Budsjett, økonomiplan og innkjøp."),
    ("Kommunikasjon", "Intern og ekstern kommunikasjon, årshjul og mediekontakt."),
]


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    group: str
    unit: str
    job_title: str


PEOPLE = [
    DemoPerson(
        "kari.nordmann", "Kari", "Nordmann", STAFF, "Hjemmetjenesten", "Enhetsleder"
    ),
    DemoPerson(
        "ola.hansen", "Ola", "Hansen", STAFF, "Digitalisering og IT", "Prosjektleder"
    ),
    DemoPerson("ingrid.berg", "Ingrid", "Berg", STAFF, "Barnehagene", "Styrer"),
    DemoPerson("per.johansen", "Per", "Johansen", STAFF, "Grunnskolene", "Rektor"),
    DemoPerson("sigrid.lie", "Sigrid", "Lie", STAFF, "Plan og miljø", "Klimarådgiver"),
    DemoPerson(
        "lars.haugen", "Lars", "Haugen", STAFF, "Kultur og bibliotek", "Biblioteksjef"
    ),
    DemoPerson("marte.dahl", "Marte", "Dahl", STAFF, "Sykehjemmene", "Sykepleier"),
    DemoPerson(
        "anders.bakken",
        "Anders",
        "Bakken",
        STAFF,
        "Helsestasjon og legetjeneste",
        "Helsesykepleier",
    ),
    DemoPerson(
        "nora.solberg", "Nora", "Solberg", STAFF, "PPT og barnevern", "Fagleder"
    ),
    DemoPerson(
        "jonas.moen", "Jonas", "Moen", STAFF, "Digitalisering og IT", "Utvikler"
    ),
    DemoPerson(
        "hilde.strand", "Hilde", "Strand", EDITORS, "Kultur og bibliotek", "Redaktør"
    ),
    DemoPerson("erik.lund", "Erik", "Lund", EDITORS, "Grunnskolene", "Redaktør"),
    DemoPerson(
        "silje.aas",
        "Silje",
        "Aas",
        COMMUNICATION,
        "Digitalisering og IT",
        "Kommunikasjonsrådgiver",
    ),
    DemoPerson(
        "thomas.vik",
        "Thomas",
        "Vik",
        COMMUNICATION,
        "Plan og miljø",
        "Kommunikasjonssjef",
    ),
    DemoPerson(
        "admin",
        "Anne",
        "Admin",
        COMMUNICATION,
        "Digitalisering og IT",
        "Systemansvarlig",
    ),
]

# One login per role, printed by `make run`.
ROLE_LOGINS = [
    ("Staff (case owner)", "kari.nordmann"),
    ("Editor", "hilde.strand"),
    ("Communication team", "silje.aas"),
    ("Administrator (superuser)", "admin"),
]


def slugify_nb(text: str) -> str:
    from django.utils.text import slugify

    text = text.lower()
    return slugify(text.replace("æ", "ae").replace("ø", "o").replace("å", "a"))


@transaction.atomic
def seed(*, rng: random.Random, log) -> None:
    """Create units in three sectors, twelve topics and fifteen people."""
    units: dict[str, Unit] = {}
    for sector_name, members in SECTORS.items():
        sector, _created = Unit.objects.get_or_create(
            slug=slugify_nb(sector_name), defaults={"name": sector_name}
        )
        for name, description in members:
            units[name], _created = Unit.objects.get_or_create(
                slug=slugify_nb(name),
                defaults={"name": name, "description": description, "parent": sector},
            )
    log(f"Units: {Unit.objects.count()}")

    for name, description in TOPICS:
        Topic.objects.get_or_create(
            slug=slugify_nb(name), defaults={"name": name, "description": description}
        )
    log(f"Topics: {Topic.objects.count()}")

    User = get_user_model()
    groups = {group.name: group for group in Group.objects.all()}
    for person in PEOPLE:
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@kommune.invalid",
                "is_superuser": person.username == "admin",
                "is_staff": person.username == "admin",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(groups[person.group])
        if person.group != STAFF:
            # Editors and the communication team are staff members too.
            user.groups.add(groups[STAFF])
        profile = services.staff_profile_ensure(user=user)
        StaffProfile.objects.filter(pk=profile.pk).update(
            unit=units[person.unit], job_title=person.job_title
        )
    log(f"Users: {User.objects.count()}")
    # rng is part of the seeder contract; core data is fixed and needs no chance.
    del rng


def reset() -> None:
    """Remove the core demo data (people, topics, units)."""
    get_user_model().objects.filter(
        username__in=[person.username for person in PEOPLE]
    ).delete()
    Topic.objects.filter(slug__in=[slugify_nb(name) for name, _ in TOPICS]).delete()
    Unit.objects.filter(parent__isnull=False).delete()
    Unit.objects.all().delete()
