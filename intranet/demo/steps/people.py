"""Units in three sectors, the topics people follow, and fifteen demo people
with their profiles.

Content: ``units.json``, ``topics.json`` and ``people.json``. Everything is made
with get_or_create on stable keys (slug, username), so a second run changes
nothing.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from intranet.core import services
from intranet.core.models import Competence, ProfileField, StaffProfile, Topic, Unit
from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from intranet.core.text import slugify_nb
from intranet.demo.content import load
from intranet.people.services import profile_update

DEMO_PASSWORD = "demo1234"  # noqa: S105 - documented demo credential, local only

# people.json names a role; the group names belong to the roles module.
GROUPS = {"staff": STAFF, "editors": EDITORS, "communication": COMMUNICATION}


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    role: str
    unit: str
    job_title: str
    superuser: bool = False


def people() -> list[DemoPerson]:
    return [DemoPerson(**person) for person in load("people")["people"]]


def usernames() -> list[str]:
    """Who the demo people are: the steps that act for them look them up so."""
    return [person.username for person in people()]


def role_logins() -> list[tuple[str, str]]:
    """One (role, username) login per role, printed by ``seed_demo``."""
    return [(login["role"], login["username"]) for login in load("people")["logins"]]


@transaction.atomic
def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    """Create units in three sectors, twelve topics and fifteen people."""
    units: dict[str, Unit] = {}
    for sector_data in load("units"):
        sector, _created = Unit.objects.get_or_create(
            slug=slugify_nb(sector_data["name"]), defaults={"name": sector_data["name"]}
        )
        for unit in sector_data["units"]:
            units[unit["name"]], _created = Unit.objects.get_or_create(
                slug=slugify_nb(unit["name"]),
                defaults={
                    "name": unit["name"],
                    "description": unit["description"],
                    "parent": sector,
                },
            )
    log(f"Units: {Unit.objects.count()}")

    for topic in load("topics"):
        Topic.objects.get_or_create(
            slug=slugify_nb(topic["name"]),
            defaults={"name": topic["name"], "description": topic["description"]},
        )
    log(f"Topics: {Topic.objects.count()}")

    User = get_user_model()
    groups = {group.name: group for group in Group.objects.all()}
    for person in people():
        user, created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": f"{person.username}@kommune.invalid",
                "is_superuser": person.superuser,
                "is_staff": person.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user.groups.add(groups[GROUPS[person.role]])
        # Editors and the communication team are staff members too.
        user.groups.add(groups[STAFF])
        profile = services.staff_profile_ensure(user=user)
        StaffProfile.objects.filter(pk=profile.pk).update(
            unit=units[person.unit], job_title=person.job_title
        )
    log(f"Users: {User.objects.count()}")
    _seed_profiles()
    for unit_name, leaders in load("people")["leaders"].items():
        units[unit_name].leaders.add(*User.objects.filter(username__in=leaders))
    # rng is part of the step contract; this data is fixed and needs no chance.
    del rng


def _seed_profiles() -> None:
    """Phones, office, workdays, languages, "Spør meg om" and "Om meg" from
    ``people.json``'s ``profiles``, through the person's own edit service. A
    profile already confirmed is left as it is, so a second run changes nothing;
    the avatar is the initials, drawn when shown."""
    content = load("people")["profiles"]
    profiles = StaffProfile.objects.select_related("user").filter(
        user__username__in=content, confirmed_at__isnull=True
    )
    for profile in profiles:
        data = content[profile.user.username]
        profile_update(
            profile=profile,
            fields={
                name: data[name]
                for name in ("phone", "mobile", "office", "workdays", "languages")
            },
            competence_names=data["competences"],
            about=data["about"],
            hidden_fields=",".join(
                name for name in ProfileField.values if name not in data["shown"]
            ),
        )


def reset() -> None:
    """Remove the demo people, the demo topics and every unit."""
    get_user_model().objects.filter(username__in=usernames()).delete()
    Topic.objects.filter(
        slug__in=[slugify_nb(topic["name"]) for topic in load("topics")]
    ).delete()
    Unit.objects.filter(parent__isnull=False).delete()
    Unit.objects.all().delete()
    Competence.objects.filter(profiles__isnull=True).delete()
