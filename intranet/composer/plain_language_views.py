"""The composer's plain-language advice, again while the person types
(`static/js/plain-language.js`); without JavaScript the page shows the advice
for the text as last sent."""

from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from intranet.composer.plain_language import FIELDS, story_advice


@require_POST
def advice(request: HttpRequest) -> JsonResponse:
    """LIX, the target and the advice (as the panel's HTML) for the posted text."""
    found = story_advice(
        request, **{name: request.POST.get(name, "") for name in FIELDS}
    )
    html = render_to_string(
        "core/includes/plain_language_body.html",
        {"advice": found, "heading_level": 2},
        request=request,
    )
    return JsonResponse(
        {
            "lix": found.lix,
            "target": found.target,
            "above_target": found.above_target,
            "html": html,
        }
    )
