"""The people picker's suggestions: colleagues by name or unit, as JSON."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from intranet.composer.people import (
    MAX_SUGGESTIONS,
    people_matching,
    person_label,
    person_name,
    person_unit,
)


@require_GET
def people_choose(request: HttpRequest) -> JsonResponse:
    """At most `MAX_SUGGESTIONS` active people matching `?q=` (every word in
    their name, username or unit); `label` is what the field accepts."""
    query = request.GET.get("q", "")[:100]
    results = [
        {
            "label": person_label(person),
            "name": person_name(person),
            "unit": person_unit(person),
        }
        for person in people_matching(query=query, limit=MAX_SUGGESTIONS)
    ]
    return JsonResponse({"results": results})
