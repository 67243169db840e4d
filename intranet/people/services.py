"""Writes for the people pages: a person changes and confirms their own profile;
the communication team and unit leaders correct someone's name, title and unit."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from intranet.core.images import image_permission_policy
from intranet.core.models import Competence, StaffProfile
from intranet.core.services import staff_profile_ensure
from intranet.core.text import slugify_nb
from intranet.subscriptions.models import NotificationKind
from intranet.subscriptions.services import notifications_send

#: A profile is checked again after this long.
CONFIRM_EVERY = datetime.timedelta(days=365)


def competences_resolve(*, names: list[str]) -> list[Competence]:
    """The shared subjects with these names (in any case), adding the new ones."""
    found: list[Competence] = []
    for name in names:
        competence = Competence.objects.filter(name__iexact=name).first()
        if competence is None:
            try:
                with transaction.atomic():
                    competence = Competence.objects.create(
                        name=name, slug=_free_slug(slugify_nb(name) or "emne")
                    )
            except IntegrityError:  # someone added it at the same moment
                competence = Competence.objects.get(name__iexact=name)
        found.append(competence)
    return found


def _free_slug(base: str) -> str:
    base = base[:70]
    slug, number = base, 2
    while Competence.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def profile_photo_create(*, user: AbstractBaseUser, file):
    """Save an uploaded profile photo as a Wagtail image owned by `user`: in the
    first collection they may add images to, otherwise the root collection (a
    photo of oneself needs no right to the image library)."""
    collection = (
        image_permission_policy()
        .collections_user_has_permission_for(user, "add")
        .order_by("path")
        .first()
    ) or Collection.get_first_root_node()
    name = user.get_full_name() or user.get_username()
    image = get_image_model()(
        title=name[:255], file=file, collection=collection, uploaded_by_user=user
    )
    image._set_image_file_metadata()
    image.save()
    return image


@transaction.atomic
def profile_update(
    *,
    profile: StaffProfile,
    fields: dict,
    competence_names: list[str],
    about: str,
    hidden_fields: str,
    photo=None,
    remove_photo: bool = False,
) -> StaffProfile:
    """Save what a person wrote about themselves; saving confirms the profile."""
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.about = about
    profile.hidden_fields = hidden_fields
    if photo is not None:
        profile.photo = photo
    elif remove_photo:
        profile.photo = None
    profile.confirmed_at = timezone.now()
    profile.save()
    profile.competences.set(competences_resolve(names=competence_names))
    return profile


def profile_confirm(*, profile: StaffProfile) -> StaffProfile:
    """Record that the person checked their profile and found it right."""
    profile.confirmed_at = timezone.now()
    profile.save(update_fields=["confirmed_at"])
    return profile


def profile_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Ask everyone whose profile was never confirmed, or not for a year, to
    check it. A person is asked at most once a calendar year, however often
    this runs. Returns the number of reminders queued."""
    now = now or timezone.now()
    due = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(profile__isnull=True)
            | Q(profile__confirmed_at__isnull=True)
            | Q(profile__confirmed_at__lt=now - CONFIRM_EVERY)
        )
        .values_list("pk", flat=True)
    )
    with override(settings.LANGUAGE_CODE):
        title = _("Is your profile still right?")
        intro = _(
            "Colleagues find you through your profile. Check your phone, office "
            "and what they may ask you about, and confirm it."
        )
    return notifications_send(
        user_ids=list(due),
        kind=NotificationKind.REMINDER,
        key=f"profile-confirm:{timezone.localdate(now).year}",
        title=title,
        url=reverse("people:edit"),
        intro=intro,
    )


@transaction.atomic
def profile_correct(
    *, person: AbstractBaseUser, by: AbstractBaseUser, changes: dict
) -> list[str]:
    """Correct someone's name, title or unit (`changes` holds the fields to set:
    first_name, last_name, job_title, unit), record who did it in the profile's
    history and tell the person. Returns the names of the fields that changed."""
    profile = StaffProfile.objects.select_for_update().get(
        pk=staff_profile_ensure(user=person).pk
    )
    changed_user = [
        name
        for name in ("first_name", "last_name")
        if name in changes and getattr(person, name) != changes[name]
    ]
    changed_profile = [
        name
        for name in ("job_title", "unit")
        if name in changes and getattr(profile, name) != changes[name]
    ]
    if not (changed_user or changed_profile):
        return []
    for name in changed_user:
        setattr(person, name, changes[name])
    if changed_user:
        person.save(update_fields=changed_user)  # re-indexes their pages
    for name in changed_profile:
        setattr(profile, name, changes[name])
    if changed_profile:
        profile.save(update_fields=changed_profile)
    changed = changed_user + changed_profile
    log(instance=profile, action="wagtail.edit", user=by, data={"fields": changed})
    with override(settings.LANGUAGE_CODE):
        corrector = by.get_full_name() or by.get_username()
        title = _("%(name)s corrected your profile") % {"name": corrector}
        intro = _("Check that your name, title and unit are right now.")
    notifications_send(
        user_ids=[person.pk],
        kind=NotificationKind.PROFILE,
        key=f"profile-corrected:{profile.pk}:{timezone.now().isoformat()}",
        title=title,
        url=reverse("people:person", args=[person.get_username()]),
        intro=intro,
        actor_id=by.pk,
    )
    return changed


def person_language_set(*, user: AbstractBaseUser, language: str) -> UserProfile:
    """Keep the person's interface language, so that it follows them to every
    browser they log in on and into the publishing tool (`selectors.person_language`
    reads it back; `PersonLanguageMiddleware` applies it at login)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Not a language of the intranet: {language!r}")
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language != language:
        profile.preferred_language = language
        profile.save(update_fields=["preferred_language"])
    return profile
