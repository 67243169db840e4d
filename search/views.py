from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail import hooks

from search import selectors, suggest
from search.backends.base import SearchResults
from search.hooks import SEARCH_SECTIONS
from search.query import SORTS, SearchQuery


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """/sok/: results, facets and notices for the query in the GET parameters."""
    query, notices = SearchQuery.parse(request.GET)
    labels = selectors.facet_labels()
    query, unknown = selectors.known_values(query, labels)
    notices += unknown
    query, unknown = selectors.known_case(query, labels, user=request.user)
    notices += unknown

    if query.is_empty:
        results = SearchResults(hits=[], total=0)
        if query.text.strip():
            notices.append(
                _("“%(text)s” has no word to search for. Try a word or a name.")
                % {"text": query.text[:100]}
            )
    else:
        results, engine_notices = selectors.search_run(query=query, user=request.user)
        notices += engine_notices
        if results.total and not results.hits:
            notices.append(
                _("There is no page %(page)d; the last page is %(last)d.")
                % {"page": query.page, "last": results.num_pages}
            )

    sort_labels = {"relevance": _("Best match"), "newest": _("Newest first")}
    context = {
        "query": query,
        "results": results,
        "archived_ids": selectors.archived_ids(results),
        "notices": notices,
        "facets": selectors.facet_groups(query, results, labels),
        "chips": selectors.active_filter_chips(query, labels),
        "page_links": selectors.page_links(results, query) if results.total else [],
        "previous_url": "?" + query.with_page(query.page - 1).urlencode()
        if results.has_previous
        else "",
        "next_url": "?" + query.with_page(query.page + 1).urlencode()
        if results.has_next
        else "",
        "suggestion_url": "?"
        + query.replace(text=results.suggestion, page=1).urlencode()
        if results.suggestion
        else "",
        "uncorrected_url": "?"
        + query.replace(text=results.uncorrected, page=1).urlencode()
        if results.uncorrected
        else "",
        "sorts": [(value, sort_labels[value]) for value in SORTS],
        "labels": labels,
        "sections": [
            html
            for answer in hooks.get_hooks(SEARCH_SECTIONS)
            if (html := answer(request=request, query=query))
        ],
    }
    return render(request, "search/search.html", context)


@require_safe
def suggestions(request: HttpRequest) -> JsonResponse:
    """/sok/forslag/?q=: what the header's search box offers as people type."""
    query = request.GET.get("q", "")
    groups = suggest.suggestions(query=query, user=request.user)
    response = JsonResponse(
        {
            "groups": suggest.as_json(groups),
            "count": sum(len(group.items) for group in groups),
        }
    )
    # Per person, and stale as soon as anything is published.
    response["Cache-Control"] = "private, no-store"
    return response
