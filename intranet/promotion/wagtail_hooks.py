"""The communication team's queue in the Wagtail admin.

Only users holding the promotion model permissions (Kommunikasjon, granted in
migration 0002, and superusers) see the menu or reach any of these views.
"""

import django_filters
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from intranet.composer.hooks import PUBLISHED as COMPOSER_PUBLISHED
from intranet.core.filters import UnitFilter
from intranet.core.models import POSITIONING_SCOPE, PositioningTheme
from intranet.core.panels import ChoiceListPanel
from intranet.core.roles import COMMUNICATION, REGISTER_ROLE_RIGHTS, Right, model_rights
from intranet.core.sections import MY_CASES, Region, Section
from intranet.promotion import admin_views, selectors, services
from intranet.promotion.forms import BulkRejectForm, PromotionForm
from intranet.promotion.models import Promotion, PromotionStatus
from intranet.promotion.panels import PlainLanguagePanel, StoryPanel

POSITIONING_ON_FRONT_PAGE = 4


class PromotionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PromotionStatus.choices
    )
    theme = django_filters.ChoiceFilter(
        label=_("Theme"), choices=PositioningTheme.choices, method="filter_theme"
    )
    unit = UnitFilter()
    period = django_filters.DateFromToRangeFilter(
        label=_("Added to the queue"),
        field_name="created_at",
        widget=DateRangePickerWidget,
    )

    class Meta:
        model = Promotion
        fields = ["status", "theme", "unit", "assignee", "period"]

    def filter_theme(self, queryset, name, value):
        return queryset.filter(themes__contains=value) if value else queryset


class PromotionCreateView(CreateView):
    """New promotions start from a story, through the team's own form."""

    def dispatch(self, request, *args, **kwargs):
        if not admin_views.can_manage(request.user):
            return admin_views.forbidden(request)
        return redirect("promotion_admin:add")


class PromotionEditView(EditView):
    """Tells the second of two simultaneous editors instead of overwriting."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.StaleEdit as error:
            form.add_error(None, error.messages[0])
            return self.form_invalid(form)


def _team_only(patterns: list) -> list:
    # Wagtail answers a missing permission with a redirect to the dashboard;
    # outsiders must get a plain 403 on every URL instead.
    for pattern in patterns:
        pattern.callback = admin_views.team_required(pattern.callback)
    return patterns


class PromotionChooserViewSet(SnippetChooserViewSet):
    """The snippet chooser lists every promotion's title: team only too."""

    def get_urlpatterns(self):
        return _team_only(super().get_urlpatterns())


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    chooser_viewset_class = PromotionChooserViewSet
    icon = "globe"
    menu_label = _("Promotion")
    menu_name = "promotion"
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = PromotionCreateView
    edit_view_class = PromotionEditView
    filterset_class = PromotionFilterSet
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        "__str__",
        Column("get_status_display", label=_("Status"), sort_key="status"),
        Column("theme_labels_text", label=_("Themes")),
        "unit",
        "assignee",
        "planned_date",
    ]
    search_fields = None
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            StoryPanel(),
            MultiFieldPanel(
                [
                    FieldPanel("language"),
                    FieldPanel("external_title"),
                    FieldPanel("external_lead"),
                    FieldPanel("external_body"),
                ],
                heading=_("External version"),
            ),
            PlainLanguagePanel(),
            MultiFieldPanel(
                [
                    FieldPanel("image"),
                    FieldPanel("image_alt"),
                    FieldPanel("names_person"),
                    FieldPanel("rights_confirmed"),
                ],
                heading=_("Image, rights and consent"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("assignee"),
                    ChoiceListPanel("channels"),
                    FieldRowPanel([FieldPanel("planned_date")]),
                    FieldPanel("external_urls"),
                    FieldPanel("notes"),
                ],
                heading=_("Planning"),
            ),
            FieldPanel("loaded_version"),
        ],
        base_form_class=PromotionForm,
    )

    def get_queryset(self, request):
        return Promotion.objects.select_related("page", "unit", "assignee")

    def get_urlpatterns(self):
        return _team_only(super().get_urlpatterns())


register_snippet(PromotionViewSet)


class TeamBulkAction(SnippetBulkAction):
    """Refuses (403) the whole request for anyone outside the team."""

    models = [Promotion]
    to_status: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not admin_views.can_manage(request.user):
            return admin_views.forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, obj) -> bool:
        return admin_views.can_manage(self.request.user)

    @classmethod
    def execute_action(cls, objects, user=None, comment: str = "", **kwargs):
        done = 0
        request = kwargs["self"].request
        for promotion in objects:
            try:
                services.promotion_transition(
                    promotion=promotion,
                    to_status=cls.to_status,
                    user=user,
                    comment=comment,
                )
            except ValidationError as error:
                messages.error(request, f"{promotion}: {' '.join(error.messages)}")
            else:
                done += 1
        return done, 0

    def get_execution_context(self):
        context = super().get_execution_context()
        context["user"] = self.request.user
        if self.cleaned_form is not None:
            context["comment"] = self.cleaned_form.cleaned_data.get("comment", "")
        return context


@hooks.register("register_bulk_action")
class ShortlistBulkAction(TeamBulkAction):
    display_name = _("Shortlist")
    action_type = "shortlist"
    aria_label = _("Shortlist the selected promotions")
    template_name = "promotion/admin/bulk_confirm.html"
    to_status = PromotionStatus.SHORTLISTED

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d promotion shortlisted.",
            "%(count)d promotions shortlisted.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


@hooks.register("register_bulk_action")
class RejectBulkAction(TeamBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected promotions")
    template_name = "promotion/admin/bulk_confirm.html"
    form_class = BulkRejectForm
    to_status = PromotionStatus.REJECTED
    classes = {"serious"}

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d promotion rejected.",
            "%(count)d promotions rejected.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


admin_urlpatterns = [
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/eksport/<str:fmt>/", admin_views.export, name="export"),
    path("<int:pk>/deling/", admin_views.share_texts, name="share-texts"),
    path("tavle/", admin_views.board, name="board"),
    path("tall/", admin_views.figures_view, name="figures"),
    path("legg-til/", admin_views.add_story, name="add"),
    path(
        "radar/<int:page_id>/kandidat/",
        admin_views.radar_candidate,
        name="radar-candidate",
    ),
    path("radar/<int:page_id>/avvis/", admin_views.radar_dismiss, name="radar-dismiss"),
]


@hooks.register("register_admin_urls")
def register_promotion_urls():
    return [
        path(
            "formidling/",
            include(
                (admin_urlpatterns, "promotion_admin"), namespace="promotion_admin"
            ),
        )
    ]


class TeamMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return admin_views.can_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_board_menu_item():
    return TeamMenuItem(
        _("Promotion board"),
        reverse("promotion_admin:board"),
        icon_name="table",
        order=251,
    )


@hooks.register("register_admin_menu_item")
def register_figures_menu_item():
    return TeamMenuItem(
        _("Promotion figures"),
        reverse("promotion_admin:figures"),
        icon_name="info-circle",
        order=252,
    )


def _positioning_stories(request: HttpRequest) -> dict:
    # "Vi viser det" mixes every kind of story: the newest of all.
    return {
        "positioning_stories": selectors.positioning_stories(
            limit=POSITIONING_ON_FRONT_PAGE
        )
    }


@hooks.register("front_page_sections")
def positioning_section() -> Section:
    return Section(
        name="positioning",
        template="promotion/home/positioning.html",
        context=_positioning_stories,
        region=Region.BOTTOM,
        order=10,
        scopes=(POSITIONING_SCOPE,),
    )


def _my_promotions(request: HttpRequest) -> dict:
    return {"promotions": selectors.promotions_for_owner(user=request.user)}


@hooks.register(MY_CASES)
def my_promotions_section() -> Section:
    return Section(
        name="my-promotions",
        template="promotion/includes/my_promotions.html",
        context=_my_promotions,
        cached=False,
    )


@hooks.register(REGISTER_ROLE_RIGHTS)
def promotion_role_rights() -> list[Right]:
    """The communication team, and only they, run the promotion pipeline."""
    return model_rights(
        COMMUNICATION,
        "promotion.view_promotion",
        "promotion.add_promotion",
        "promotion.change_promotion",
    )


# The composer's question to the author of a likely example, and its link.
RADAR_HINTS = {
    PositioningTheme.INNOVATION: (
        _("This could be an example of innovation — would you like to mark it?"),
        _("Mark it as innovation"),
    ),
    PositioningTheme.COMPETENCE: (
        _("This could be an example of competence — would you like to mark it?"),
        _("Mark it as competence"),
    ),
}


@hooks.register(COMPOSER_PUBLISHED)
def radar_hint(request: HttpRequest, page) -> str:
    """After publishing a story without a theme that the radar scores high."""
    score = selectors.radar_hint(page=page)
    if score is None or score.theme not in RADAR_HINTS:
        return ""
    question, link = RADAR_HINTS[score.theme]
    return format_html(
        '{} <a href="{}">{}</a>',
        question,
        services.radar_mark_url(page=page, theme=score.theme),
        link,
    )
