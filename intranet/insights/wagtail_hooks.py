"""Read counting on story pages, and the team's insights in the admin."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from intranet.core.models import is_story
from intranet.core.roles import COMMUNICATION, REGISTER_ROLE_RIGHTS, Right, model_rights
from intranet.insights import admin_views, services
from intranet.insights.models import PulseSurvey
from intranet.insights.selectors import can_see_insights


# Registered after Wagtail's view-restriction check, so it runs inside it:
# a refused reader never gets here, and only stories a person may read count.
@hooks.register("on_serve_page", order=100)
def count_story_reads(serve):
    def counted(page, request, serve_args, serve_kwargs):
        if request.method == "GET" and is_story(page) and request.user.is_authenticated:
            services.read_record(page_id=page.pk, user_id=request.user.pk)
        return serve(page, request, serve_args, serve_kwargs)

    return counted


class PulseSurveyCreateView(CreateView):
    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class PulseSurveyViewSet(SnippetViewSet):
    model = PulseSurvey
    icon = "help"
    menu_label = _("Pulse surveys")
    menu_name = "pulse-surveys"
    menu_order = 262
    add_to_admin_menu = True
    add_view_class = PulseSurveyCreateView
    list_display = ["question", "opens_at", "closes_at"]
    ordering = ["-opens_at"]
    search_fields = None
    inspect_view_enabled = False

    def get_urlpatterns(self):
        # A plain 403 for everyone outside the team, as in the promotion admin.
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = admin_views.team_required(pattern.callback)
        return patterns


register_snippet(PulseSurveyViewSet)


admin_urlpatterns = [
    path("", admin_views.dashboard_view, name="dashboard"),
    path("csv/<slug:slug>/", admin_views.csv_view, name="csv"),
    path("kulturpuls/", admin_views.pulse_results_view, name="pulse-results"),
]


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [
        path(
            "innsikt/",
            include((admin_urlpatterns, "insights_admin"), namespace="insights_admin"),
        )
    ]


class TeamMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can_see_insights(request.user)


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return TeamMenuItem(
        _("Insights"), reverse("insights_admin:dashboard"), icon_name="table", order=260
    )


@hooks.register("register_admin_menu_item")
def register_pulse_menu_item():
    return TeamMenuItem(
        _("Culture pulse"),
        reverse("insights_admin:pulse-results"),
        icon_name="comment",
        order=261,
    )


@hooks.register(REGISTER_ROLE_RIGHTS)
def insights_role_rights() -> list[Right]:
    """The communication team, and only they, read the figures and run the
    culture pulse."""
    return model_rights(
        COMMUNICATION,
        "insights.view_insights",
        "insights.view_pulsesurvey",
        "insights.add_pulsesurvey",
        "insights.change_pulsesurvey",
        "insights.delete_pulsesurvey",
    )
