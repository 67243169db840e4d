"""Search's own admin: best bets and synonyms, kept by the communication team;
the best bets shown above the results; and the search engine in /healthz."""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.core.health import Check
from intranet.core.roles import COMMUNICATION, REGISTER_ROLE_RIGHTS, Right, model_rights
from search.backends import get_backend
from search.best_bets import recommendations_for
from search.hooks import SEARCH_SECTIONS
from search.models import BestBet, PendingIndexUpdate, SynonymGroup


class BestBetViewSet(SnippetViewSet):
    """Pages recommended ("Anbefalt") above the results of given searches."""

    model = BestBet
    icon = "pick"
    menu_label = _("Recommended pages")
    list_display = ["queries", "page", "sort_order"]
    search_fields = ["queries", "description"]
    search_backend_name = None
    panels = [
        FieldPanel("queries"),
        FieldPanel("page"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    def get_queryset(self, request):
        return BestBet.objects.select_related("page")


class SynonymGroupViewSet(SnippetViewSet):
    """Terms a search treats as one (abbreviations and their long forms)."""

    model = SynonymGroup
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]
    search_backend_name = None
    panels = [FieldPanel("terms"), FieldPanel("note")]


class SearchAdminGroup(SnippetViewSetGroup):
    menu_label = _("Search")
    menu_icon = "search"
    menu_order = 320
    items = (BestBetViewSet, SynonymGroupViewSet)


register_snippet(SearchAdminGroup)


@hooks.register(REGISTER_ROLE_RIGHTS)
def search_role_rights() -> list[Right]:
    """The communication team keeps the best bets and the synonyms."""
    return model_rights(
        COMMUNICATION,
        "search.add_bestbet",
        "search.change_bestbet",
        "search.delete_bestbet",
        "search.add_synonymgroup",
        "search.change_synonymgroup",
        "search.delete_synonymgroup",
    )


# Before every other section: the team chose these for exactly this search.
@hooks.register(SEARCH_SECTIONS, order=-100)
def best_bets_in_search(request, query) -> str:
    """The recommended pages for the search, on its first page."""
    if not query.text or query.page != 1:
        return ""
    recommendations = recommendations_for(text=query.text, user=request.user)
    if not recommendations:
        return ""
    return render_to_string(
        "search/includes/best_bets.html",
        {"recommendations": recommendations},
        request=request,
    )


@hooks.register("register_health_check")
def search_health() -> tuple[str, Check]:
    """ "skipped" (so /healthz says "degraded") while the circuit breaker keeps
    searches away from Elasticsearch after failures in a row; the database
    backend answers them meanwhile. Asks the cache, never the cluster, so a
    hung cluster cannot slow /healthz down."""
    backend = get_backend()
    details: dict = {"backend": backend.name}
    breaker = getattr(backend, "breaker", None)
    if breaker is None:
        return "search", Check("ok", details=details)
    state = breaker.state()
    details["failures"] = state.failures
    details["pending_updates"] = PendingIndexUpdate.objects.count()
    if state.is_open:
        details["retry_in_seconds"] = state.retry_in
        return "search", Check("skipped", details=details)
    return "search", Check("ok", details=details)
