"""The pulse survey for staff: answer once, or put the banner away."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intranet.core.logs import without_user_in_logs
from intranet.core.redirects import redirect_to_next
from intranet.insights import services
from intranet.insights.forms import PulseAnswerForm
from intranet.insights.models import PulseSurvey


def _survey_or_404(request: HttpRequest, pk: int) -> PulseSurvey | HttpResponse:
    survey = PulseSurvey.objects.filter(pk=pk).first()
    if survey is None:
        return TemplateResponse(
            request,
            "insights/pulse_missing.html",
            {"title": _("Survey not found")},
            status=404,
        )
    return survey


# No log line names who opened or answered: with the answer's time, a log
# would say who answered when.
@without_user_in_logs
@require_http_methods(["GET", "POST"])
def pulse_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_or_404(request, pk)
    if isinstance(survey, HttpResponse):
        return survey
    answered = services.pulse_has_answered(survey=survey, user=request.user)
    form = PulseAnswerForm(request.POST or None)
    status = 200
    refusal = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.pulse_answer(
                    survey=survey,
                    user=request.user,
                    score=form.cleaned_data["score"],
                    comment=form.cleaned_data["comment"],
                )
            except services.PulseRefused as error:
                refusal = error.messages[0]
                status = 409 if answered else 400
            else:
                messages.success(request, _("Thank you! Your answer is saved."))
                return redirect("insights:pulse", pk=survey.pk)
        else:
            status = 400
    now = timezone.now()
    return TemplateResponse(
        request,
        "insights/pulse_answer.html",
        {
            "survey": survey,
            "form": form,
            "answered": answered,
            "refusal": refusal,
            "is_open": survey.is_open(now),
            "not_yet_open": now < survey.opens_at,
        },
        status=status,
    )


@require_POST
def pulse_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey_or_404(request, pk)
    if isinstance(survey, HttpResponse):
        return survey
    services.pulse_dismiss(session=request.session, survey=survey)
    return redirect_to_next(request, "/")
