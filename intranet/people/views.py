"""The directory, a person's profile and the page where they edit their own."""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.i18n import LANGUAGE_QUERY_PARAMETER, set_language

from intranet.core.directory import profile_fields_from_directory
from intranet.core.models import ProfileField, StaffProfile, Unit
from intranet.core.pagination import paginate
from intranet.core.sections import unit_page_parts
from intranet.core.services import staff_profile_ensure
from intranet.people import selectors, services, vcard
from intranet.people.forms import CorrectionForm, DirectoryForm, ProfileForm
from intranet.subscriptions.selectors import topics_followed_by
from search.query import SearchQuery
from search.searchable import story_content_types

RECENT = 10
PER_PAGE = 25


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryForm(request.GET)
    form.is_valid()  # the valid values apply; the errors are shown
    people = selectors.directory_search(**form.filters())
    pagination = paginate(people, per_page=PER_PAGE, requested=request.GET.get("side"))
    rows = [
        (person, selectors.profile_facts(profile=_profile(person), viewer=request.user))
        for person in pagination.page.object_list
    ]
    kept = request.GET.copy()
    kept.pop("side", None)
    letter_params = kept.copy()
    letter_params.pop("bokstav", None)
    return render(
        request,
        "people/directory.html",
        {
            "form": form,
            "rows": rows,
            "pagination": pagination,
            "page_obj": pagination.page,
            "kept_query": kept.urlencode(),
            "letter_query": letter_params.urlencode(),
            "letters": selectors.LETTERS,
            "chosen_letter": form.filters()["letter"],
        },
    )


def _profile(person) -> StaffProfile | None:
    try:
        return person.profile
    except StaffProfile.DoesNotExist:
        return None


@require_safe
def person_page(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(
        get_user_model().objects.select_related(
            "profile__unit__parent", "profile__photo"
        ),
        username=username,
        is_active=True,
    )
    profile = _profile(person)
    facts = selectors.profile_facts(profile=profile, viewer=request.user)
    stories = SearchQuery(person=person.username, types=story_content_types())
    cases = SearchQuery(person=person.username, types=("case",))
    name = person.get_full_name() or person.get_username()
    return render(
        request,
        "people/person.html",
        {
            "heading": name,
            "person": person,
            "profile": profile,
            "competences": list(profile.competences.all()) if profile else [],
            "facts": facts,
            "topics": (
                list(topics_followed_by(user=person))
                if facts[ProfileField.TOPICS]
                else []
            ),
            "is_me": person.pk == request.user.pk,
            "may_correct": selectors.may_correct(viewer=request.user, person=person),
            "query": SearchQuery(person=person.username),
            "cases": selectors.recent_documents(
                query=cases, user=request.user, limit=RECENT
            ),
            "items": selectors.recent_documents(
                query=stories, user=request.user, limit=RECENT
            ),
            "search_url": reverse("search:search")
            + "?"
            + stories.replace(sort="newest").urlencode(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def profile_edit(request: HttpRequest) -> HttpResponse:
    user = request.user
    profile = staff_profile_ensure(user=user)
    from_directory = profile_fields_from_directory(user)
    context = {
        "profile": profile,
        "from_directory": from_directory,
        "competences_in_use": selectors.competences_in_use(limit=30),
    }
    if request.method != "POST":
        form = ProfileForm(instance=profile, user=user, from_directory=from_directory)
        return render(request, "people/profile_edit.html", {**context, "form": form})

    form = ProfileForm(
        request.POST,
        request.FILES,
        instance=profile,
        user=user,
        from_directory=from_directory,
    )
    valid = form.is_valid()
    upload = (
        form.cleaned_data.get("photo_upload")
        if "photo_upload" not in form.errors
        else None
    )
    if upload:
        # Keep an accepted photo even if another field needs fixing, so nobody
        # has to choose it again; the next send carries it.
        image = services.profile_photo_create(user=user, file=upload)
        data = request.POST.copy()
        data["photo_kept"] = str(image.pk)
        form = ProfileForm(
            data, instance=profile, user=user, from_directory=from_directory
        )
        valid = form.is_valid()
    if not valid:
        if form.cleaned_data.get("photo_kept"):
            context["photo_kept"] = form.cleaned_data["photo_kept"]
        return render(request, "people/profile_edit.html", {**context, "form": form})

    data = form.cleaned_data
    services.profile_update(
        profile=profile,
        fields={name: data[name] for name in ProfileForm.Meta.fields},
        competence_names=data["competence_text"],
        about=data["about"],
        hidden_fields=data["shown_fields"],
        photo=data.get("photo_kept"),
        remove_photo=data.get("photo_remove", False),
    )
    messages.success(request, _("Your profile is saved."))
    return redirect("people:person", user.get_username())


@require_http_methods(["GET", "HEAD", "POST"])
def profile_correct(request: HttpRequest, username: str) -> HttpResponse:
    """The communication team or a unit leader corrects someone's name, title
    and unit; what the user directory keeps is shown, never changed here."""
    person = get_object_or_404(
        get_user_model().objects.select_related("profile__unit"),
        username=username,
        is_active=True,
    )
    if not selectors.may_correct(viewer=request.user, person=person):
        raise PermissionDenied
    profile = staff_profile_ensure(user=person)
    from_directory = profile_fields_from_directory(person)
    initial = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": profile.job_title,
        "unit": profile.unit,
    }
    form = CorrectionForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        from_directory=from_directory,
    )
    name = person.get_full_name() or person.get_username()
    if request.method == "POST" and form.is_valid():
        changes = {
            field: value
            for field, value in form.cleaned_data.items()
            if not form.fields[field].disabled
        }
        changed = services.profile_correct(
            person=person, by=request.user, changes=changes
        )
        if changed:
            messages.success(
                request,
                _("The profile is corrected, and %(name)s is told.")
                % {"name": person.get_full_name() or person.get_username()},
            )
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("people:person", person.get_username())
    return render(
        request,
        "people/profile_correct.html",
        {"form": form, "person": person, "heading": name},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def profile_confirm(request: HttpRequest) -> HttpResponse:
    profile = staff_profile_ensure(user=request.user)
    services.profile_confirm(profile=profile)
    messages.success(request, _("Thank you! Your profile is marked as checked today."))
    return redirect("people:person", request.user.get_username())


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """The footer's language switch. Django's `set_language` sets this browser's
    language cookie and redirects; the choice is also kept on the person, so it
    comes back when they log in again, on any device."""
    language = request.POST.get(LANGUAGE_QUERY_PARAMETER, "")
    if language not in dict(settings.LANGUAGES):
        # Django's view takes any language it has a catalogue for; ours are fewer.
        raise BadRequest("Not a language of the intranet.")
    services.person_language_set(user=request.user, language=language)
    return set_language(request)


@require_safe
def unit_list(request: HttpRequest) -> HttpResponse:
    return render(request, "people/units.html", {"tree": selectors.unit_tree()})


@require_safe
def unit_page(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent"), slug=slug)
    query = SearchQuery(units=(unit.slug,))
    stories = query.replace(types=story_content_types())
    pagination = paginate(
        selectors.unit_people(unit=unit),
        per_page=PER_PAGE,
        requested=request.GET.get("side"),
    )
    return render(
        request,
        "people/unit.html",
        {
            "unit": unit,
            "heading": unit.name,
            "parts": unit_page_parts(request, unit),
            "units": Unit.objects.filter(parent=unit).order_by("name"),
            "leaders": [
                (
                    leader,
                    selectors.profile_facts(
                        profile=_profile(leader), viewer=request.user
                    ),
                )
                for leader in selectors.unit_leaders(unit=unit)
            ],
            "rows": [
                (
                    person,
                    selectors.profile_facts(
                        profile=_profile(person), viewer=request.user
                    ),
                )
                for person in pagination.page.object_list
            ],
            "pagination": pagination,
            "page_obj": pagination.page,
            "query": query,
            "cases": selectors.recent_documents(
                query=query.replace(types=("case",)), user=request.user, limit=RECENT
            ),
            "items": selectors.recent_documents(
                query=stories, user=request.user, limit=RECENT
            ),
            "search_url": reverse("search:search")
            + "?"
            + stories.replace(sort="newest").urlencode(),
        },
    )


@require_safe
def person_vcard(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(
        get_user_model().objects.select_related("profile__unit__parent"),
        username=username,
        is_active=True,
    )
    profile = _profile(person)
    card = vcard.person_vcard(
        person=person,
        profile=profile,
        facts=selectors.profile_facts(profile=profile, viewer=request.user),
    )
    response = HttpResponse(card, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{person.pk}.vcf"'
    return response


#: The columns of a unit's contact list, in order.
CONTACT_COLUMNS = ("name", "title", "unit", "phone", "mobile", "email")


@require_safe
def unit_contacts_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """A unit's contact list for the communication team, as a spreadsheet opens
    it; a hidden mobile number stays out of it."""
    if not request.user.has_perm("core.change_staffprofile"):
        raise PermissionDenied
    unit = get_object_or_404(Unit, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{unit.slug}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("Job title"),
            _("Unit"),
            _("Work phone"),
            _("Mobile"),
            _("E-mail"),
        ]
    )
    for person in selectors.unit_people(unit=unit).iterator(chunk_size=500):
        profile = _profile(person)
        writer.writerow(
            _cell(value)
            for value in (
                person.get_full_name() or person.get_username(),
                profile.job_title if profile else "",
                profile.unit.name if profile and profile.unit else "",
                profile.phone if profile else "",
                profile.mobile
                if profile and profile.visible_to_others("mobile")
                else "",
                person.email,
            )
        )
    return response


def _cell(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
