"""The annual plan on the intranet: thin views over selectors and services."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intranet.core.page_access import access_key
from intranet.core.pagination import paginate
from intranet.core.selectors import cached_for_content, content_key
from intranet.planning import ical, selectors, services
from intranet.planning.forms import ActivityFilterForm, MarkDoneForm, QuickAddForm
from intranet.planning.models import (
    FIRST_YEAR,
    LAST_YEAR,
    ActivityStatus,
    CalendarToken,
)
from intranet.planning.permissions import activity_permission_policy
from intranet.planning.scheduled import scheduled_for

AGENDA_PER_PAGE = 25
MONTH_PER_PAGE = 50
MINE_PER_PAGE = 50
#: How far ahead the agenda shows scheduled publishing.
AGENDA_SCHEDULED_DAYS = 90


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(
            _("The plan covers the years %(first)d to %(last)d.")
            % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
        )


def _filters(request: HttpRequest, *, user=None) -> tuple[ActivityFilterForm, dict]:
    """The filters from the address; the plan is read for `user` (the visitor
    unless given), whose view restrictions decide which cases and activities
    show, and `user` goes along in the returned keyword arguments."""
    user = user or request.user
    form = ActivityFilterForm(request.GET, user=user)
    return form, {**form.filters().as_kwargs(), "user": user}


#: How long a rendered filter form is kept at most (its unit list changes only
#: with the content version, which is part of its key).
FILTER_FORM_CACHE_SECONDS = 60 * 60


def _common(request: HttpRequest, form: ActivityFilterForm, **extra) -> dict:
    return {
        "filter_form": form,
        # The form with every unit as an option took a tenth of the page to
        # render; the same address shows the same form until the units change.
        "filter_form_key": content_key(
            ("plan-filters", request.get_full_path(), get_language())
        ),
        "filter_form_seconds": FILTER_FORM_CACHE_SECONDS,
        "filter_messages": form.unknown_messages(),
        "is_filtered": form.is_filtered(),
        "query_string": form.query_string(),
        "can_add": activity_permission_policy().user_has_permission(
            request.user, "add"
        ),
        "today": timezone.localdate(),
        **extra,
    }


#: How long a rendered plan is kept at most. Its key holds the content version
#: (moved by every change to an activity, a page or a unit), the day (what is
#: overdue) and what the person may see, so this only bounds how long a
#: renamed owner keeps their old name in it.
PLAN_CACHE_SECONDS = 15 * 60


def _kept_plan(
    request: HttpRequest,
    template: str,
    plan: Callable[[], dict],
    form: ActivityFilterForm,
) -> str:
    """The activities part of a plan page, rendered from ``plan()``, or as
    kept for the same address, day and language by someone who may see the
    same cases: reading and rendering a month's or a year's activities was
    most of the page, and the plan changes far less often than it is read."""

    def render_plan() -> str:
        context = {"query_string": form.query_string(), "today": timezone.localdate()}
        return render_to_string(template, {**context, **plan()})

    kept = cached_for_content(
        (
            "plan",
            request.get_full_path(),
            timezone.localdate().isoformat(),
            get_language(),
            access_key(request.user),
        ),
        render_plan,
        timeout=PLAN_CACHE_SECONDS,
    )
    return mark_safe(kept)  # noqa: S308 - rendered by our own template above


@require_GET
def year_view(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The årshjul: twelve months at a glance, planned versus done, with the
    first activities of each month (the month view has them all)."""
    today = timezone.localdate()
    year = year if year is not None else today.year
    _check_year(year)
    form, filters = _filters(request)

    def plan() -> dict:
        months = selectors.year_plan(year=year, today=today, **filters)
        return {
            "year": year,
            "months": months,
            "total": sum(month.total for month in months),
            "done": sum(month.done for month in months),
            "overdue": sum(month.overdue for month in months),
        }

    context = _common(
        request,
        form,
        year=year,
        plan_html=_kept_plan(request, "planning/includes/year_plan.html", plan, form),
        previous_year=year - 1 if year > FIRST_YEAR else None,
        next_year=year + 1 if year < LAST_YEAR else None,
        scheduled=scheduled_for(
            user=request.user,
            start=datetime.date(year, 1, 1),
            end=datetime.date(year, 12, 31),
        ),
    )
    return render(request, "planning/year.html", context)


@require_GET
def month_view(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """A month as a calendar (weeks from Monday), with the same filters: the
    first activities of each day, and all of the month as a paginated list."""
    _check_year(year)
    if not 1 <= month <= 12:
        raise Http404(_("There is no such month."))
    form, filters = _filters(request)
    first = datetime.date(year, month, 1)

    def plan() -> dict:
        weeks, activities = selectors.month_calendar(year=year, month=month, **filters)
        pagination = paginate(
            activities, per_page=MONTH_PER_PAGE, requested=request.GET.get("side")
        )
        return {
            "first_day": first,
            "weeks": weeks,
            "activities": pagination.page,
            "page_notice": pagination.notice,
        }

    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    context = _common(
        request,
        form,
        year=year,
        month=month,
        first_day=first,
        plan_html=_kept_plan(request, "planning/includes/month_plan.html", plan, form),
        previous=previous if previous.year >= FIRST_YEAR else None,
        following=following if following.year <= LAST_YEAR else None,
        scheduled=scheduled_for(
            user=request.user,
            start=first,
            end=datetime.date(year, month, calendar.monthrange(year, month)[1]),
        ),
    )
    return render(request, "planning/month.html", context)


@require_GET
def agenda_view(request: HttpRequest) -> HttpResponse:
    """Everything from a day on (today by default), in date order, paginated."""
    form, filters = _filters(request)
    today = timezone.localdate()
    start = today
    start_error = ""
    raw_start = request.GET.get("fra", "").strip()
    if raw_start:
        try:
            parsed = parse_date(raw_start)
        except ValueError:
            parsed = None
        if parsed is None or not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            start_error = _("The start date was not understood; showing from today.")
        else:
            start = parsed
    start_param = start.isoformat() if start != today else ""

    def plan() -> dict:
        activities = selectors.agenda(start=start, **filters)
        pagination = paginate(
            activities, per_page=AGENDA_PER_PAGE, requested=request.GET.get("side")
        )
        return {
            "activities": pagination.page,
            "page_notice": pagination.notice,
            "start_param": start_param,
        }

    context = _common(
        request,
        form,
        plan_html=_kept_plan(request, "planning/includes/agenda_plan.html", plan, form),
        start=start,
        start_error=start_error,
        start_param=start_param,
        scheduled=scheduled_for(
            user=request.user,
            start=start,
            end=start + datetime.timedelta(days=AGENDA_SCHEDULED_DAYS),
        ),
    )
    return render(request, "planning/agenda.html", context)


@require_GET
def my_activities(request: HttpRequest) -> HttpResponse:
    """The person's own activities, most urgent first, and their iCal address."""
    activities = selectors.activities_owned_by(user=request.user)
    pagination = paginate(
        activities, per_page=MINE_PER_PAGE, requested=request.GET.get("side")
    )
    token = CalendarToken.objects.filter(user=request.user).first()
    return render(
        request,
        "planning/mine.html",
        {
            "activities": pagination.page,
            "page_notice": pagination.notice,
            "recently_done": selectors.recently_done_by(user=request.user),
            "calendar_token": token,
            "today": timezone.localdate(),
            "can_add": activity_permission_policy().user_has_permission(
                request.user, "add"
            ),
        },
    )


def _activity_or_404(pk: int, *, user):
    activity = selectors.activity_detail(pk=pk, user=user)
    if activity is None:
        raise Http404(_("There is no such activity in the plan."))
    return activity


@require_http_methods(["GET", "POST"])
def activity_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One activity; those responsible mark it done by linking the story."""
    activity = _activity_or_404(pk, user=request.user)
    can_change = activity_permission_policy().user_has_permission_for_instance(
        request.user, "change", activity
    )
    done_form = None
    if can_change and activity.status == ActivityStatus.PLANNED:
        done_form = MarkDoneForm(
            request.POST if request.method == "POST" else None,
            stories=selectors.story_choices(activity=activity, user=request.user),
        )
    if request.method == "POST":
        if done_form is None:
            raise PermissionDenied
        if done_form.is_valid():
            try:
                services.activity_mark_done(
                    activity=activity,
                    story=done_form.cleaned_data["story"],
                    user=request.user,
                )
            except ValidationError as error:
                done_form.add_error("story", error)
            else:
                messages.success(request, _("The activity is marked done."))
                return redirect(activity.get_absolute_url())
    return render(
        request,
        "planning/activity.html",
        {
            "activity": activity,
            "status": activity.display_status(),
            "can_change": can_change,
            "done_form": done_form,
            "edit_url": reverse(
                "wagtailsnippets_planning_communicationactivity:edit",
                args=(activity.pk,),
            ),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def quick_add(request: HttpRequest) -> HttpResponse:
    """Put an activity in the plan without leaving the intranet."""
    if not activity_permission_policy().user_has_permission(request.user, "add"):
        raise PermissionDenied
    form = QuickAddForm(
        request.POST if request.method == "POST" else None,
        user=request.user,
        initial={"start_date": request.GET.get("dato", "")}
        if request.GET.get("dato")
        else None,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        owners = data.pop("owners", None) or []
        activity = services.activity_create(user=request.user, owners=owners, **data)
        messages.success(request, _("The activity is in the plan."))
        return redirect(activity.get_absolute_url())
    return render(
        request,
        "planning/quick_add.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def activity_ics(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_or_404(pk, user=request.user)
    return _ics_response(
        ical.calendar_bytes([activity], name=activity.title),
        f"tiltak-{activity.pk}.ics",
    )


# A calendar client fetches the feed every few minutes: a window, not five years.
FEED_DAYS_BACK = datetime.timedelta(days=92)
FEED_DAYS_AHEAD = datetime.timedelta(days=549)


@login_not_required
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The plan as a calendar subscription, behind the person's secret key."""
    calendar_token = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if calendar_token is None:
        raise Http404
    form, filters = _filters(request, user=calendar_token.user)
    today = timezone.localdate()
    activities = selectors.agenda(start=today - FEED_DAYS_BACK, **filters).filter(
        start_date__lte=today + FEED_DAYS_AHEAD
    )
    response = _ics_response(
        ical.calendar_bytes(activities, name=_("Annual plan")), "arshjul.ics"
    )
    response["Content-Disposition"] = 'inline; filename="arshjul.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


@require_POST
def calendar_token_view(request: HttpRequest) -> HttpResponse:
    """Make (or make anew) or switch off the person's iCal address."""
    action = request.POST.get("action")
    if action == "regenerate":
        services.calendar_token_regenerate(user=request.user)
        messages.success(
            request, _("You have a new calendar address. The old one no longer works.")
        )
    elif action == "revoke":
        services.calendar_token_revoke(user=request.user)
        messages.success(request, _("The calendar address is switched off."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("planning:mine")
