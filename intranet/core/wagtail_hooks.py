from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.core import services
from intranet.core.models import Topic, Unit


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "parent"]
    list_filter = ["parent"]
    # A plain "name contains" filter: the list is short, and Wagtail's SQLite
    # full-text backend cannot search a single field ("no such column").
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["parent__name", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "group"
    menu_order = 300
    items = (UnitViewSet, TopicViewSet)


register_snippet(OrganisationGroup)


@hooks.register("before_edit_page")
def mark_editor_copy(request, page) -> None:
    # The editor saves its copy back with the "live" it read; see
    # services.page_stale_save_refuse.
    services.page_editor_copy_mark(page=page)
