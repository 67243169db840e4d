"""A new case from the case list or Mine saker, in the composer's style.

Whoever may add a case under the case list in the admin may do it here (the
case list's page permission tester decides), and may publish it when the
tester allows publishing under the list. As in the composer, a person whose
session ran out while typing keeps what they typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.models import CaseIndexPage, CasePage
from intranet.composer.case_forms import (
    NewCaseForm,
    case_typed_data,
    measure_formset,
    split_typed,
)
from intranet.composer.rescue import signed_in, typed_text
from intranet.composer.services import AlreadySubmitted, composer_case_create

PUBLISH, DRAFT = "publish", "draft"


_signed_in = signed_in(keep=case_typed_data)


def _initial(user) -> dict:
    profile = getattr(user, "profile", None)
    return {"owners": [user], "unit": getattr(profile, "unit_id", None)}


def _render(request, index, form, measures, *, can_publish, status=200):
    return render(
        request,
        "composer/case_new.html",
        {
            "index": index,
            "form": form,
            "measures": measures,
            "can_publish": can_publish,
        },
        status=status,
    )


def _after_save(request: HttpRequest, case: CasePage) -> HttpResponse:
    """A published case is shown; a draft is found on Mine saker by its
    owners, and opens in the editor for anyone else who made it."""
    if case.live:
        return HttpResponseRedirect(case.get_url(request))
    if case.case_owners.filter(user_id=request.user.pk).exists():
        return HttpResponseRedirect(reverse("cases:my_cases"))
    return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=(case.pk,)))


@_signed_in
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest, index_id: int) -> HttpResponse:
    """A new case under a case list, published or saved as a draft."""
    index = get_object_or_404(CaseIndexPage, pk=index_id)
    perms = index.permissions_for_user(request.user)
    if not perms.can_add_subpage():
        raise PermissionDenied
    can_publish = perms.can_publish_subpage()
    user = request.user

    if request.method != "POST":
        initial, rows = _initial(user), []
        typed = typed_text(request)
        if typed:
            messages.info(
                request,
                _(
                    "You were logged out while writing. What you wrote is kept "
                    "below: check it and send it again."
                ),
            )
            kept, rows = split_typed(typed)
            initial = {**initial, **kept}
        form = NewCaseForm(user=user, index=index, initial=initial)
        return _render(
            request, index, form, measure_formset(rows=rows), can_publish=can_publish
        )

    action = request.POST.get("action")
    if action not in (PUBLISH, DRAFT):
        action = DRAFT
    if action == PUBLISH and not can_publish:
        raise PermissionDenied
    publish = action == PUBLISH
    form = NewCaseForm(request.POST, user=user, index=index, publish=publish)
    measures = measure_formset(request.POST)
    form_valid = form.is_valid()
    if not (measures.is_valid() and form_valid):
        return _render(request, index, form, measures, can_publish=can_publish)
    try:
        case = composer_case_create(
            index=index,
            creator=user,
            fields=form.case_fields(),
            planned_measures=measures.measures(),
            publish=publish,
            token=form.cleaned_data["submission"],
        )
    except AlreadySubmitted as sent:
        if sent.page is None:
            raise PermissionDenied from None
        return _after_save(request, sent.page.specific)
    except ValidationError as error:
        problems = error.message_dict if hasattr(error, "error_dict") else {}
        for field, field_problems in problems.items():
            form.add_error(field if field in form.fields else None, field_problems)
        if not problems:
            form.add_error(None, error.messages)
        return _render(request, index, form, measures, can_publish=can_publish)
    if publish:
        messages.success(
            request,
            _("The case is published. Colleagues can find and follow it now."),
        )
    else:
        messages.success(
            request,
            _("The case “%(title)s” is saved as a draft. It is not published yet.")
            % {"title": case.title},
        )
    return _after_save(request, case)
