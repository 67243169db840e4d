"""Activities in the Wagtail admin: owners edit their own, the communication
team all (see `intranet.planning.permissions`)."""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from intranet.core.filters import UnitFilter
from intranet.core.models import story_page_models
from intranet.core.panels import ChoiceListPanel
from intranet.core.roles import (
    COMMUNICATION,
    REGISTER_ROLE_RIGHTS,
    STAFF,
    Right,
    model_rights,
)
from intranet.core.sections import MY_CASES, UNIT_PAGE, Section
from intranet.planning.forms import ActivityAdminForm
from intranet.planning.models import ActivityStatus, CommunicationActivity
from intranet.planning.permissions import activity_permission_policy
from intranet.planning.scheduled import scheduled_for


class ActivityFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActivityStatus.choices
    )
    unit = UnitFilter()
    start_date = django_filters.DateFromToRangeFilter(label=_("Date"))

    class Meta:
        model = CommunicationActivity
        fields = ["status", "unit", "start_date"]


class InstancePermissionMixin:
    """Wagtail's generic views check the model permission; these ask the policy
    about the one activity too (owners their own, the team all)."""

    instance_action = "change"

    def get_object(self, queryset=None):
        activity = super().get_object(queryset)
        if not activity_permission_policy().user_has_permission_for_instance(
            self.request.user, self.instance_action, activity
        ):
            raise PermissionDenied
        return activity


class ActivityEditView(InstancePermissionMixin, EditView):
    instance_action = "change"


class ActivityDeleteView(InstancePermissionMixin, DeleteView):
    instance_action = "delete"


class ActivityViewSet(SnippetViewSet):
    model = CommunicationActivity
    icon = "date"
    menu_label = _("Annual plan")
    menu_name = "communication-activities"
    menu_order = 260
    add_to_admin_menu = True
    filterset_class = ActivityFilterSet
    edit_view_class = ActivityEditView
    delete_view_class = ActivityDeleteView
    ordering = ["start_date", "pk"]
    list_per_page = 50
    list_display = [
        "__str__",
        "start_date",
        Column("current_status", label=_("Status"), accessor="current_status.label"),
        "unit",
        "case",
    ]
    search_fields = ["title", "description"]
    search_backend_name = None
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
            FieldPanel("owners"),
            # A chooser, not a list of every case in the municipality.
            FieldRowPanel(
                [
                    FieldPanel("unit"),
                    PageChooserPanel("case", page_type="cases.CasePage"),
                ]
            ),
            ChoiceListPanel("audiences"),
            ChoiceListPanel("channels"),
            FieldPanel("proactive"),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    PageChooserPanel("story", page_type=story_page_models()),
                ],
                heading=_("Status and the story that fulfilled it"),
            ),
        ],
        base_form_class=ActivityAdminForm,
    )

    def get_queryset(self, request):
        # Listing, search and bulk actions only reach what the person may edit.
        return (
            activity_permission_policy()
            .instances_user_has_any_permission_for(request.user, ["change", "delete"])
            .select_related("unit", "case")
        )


register_snippet(ActivityViewSet)


@hooks.register(REGISTER_ROLE_RIGHTS)
def planning_role_rights() -> list[Right]:
    """Staff may add activities (and so act on their own); the communication
    team may change and delete all of them."""
    return [
        *model_rights(STAFF, "planning.add_communicationactivity"),
        *model_rights(
            COMMUNICATION,
            "planning.add_communicationactivity",
            "planning.change_communicationactivity",
            "planning.delete_communicationactivity",
            "planning.view_communicationactivity",
        ),
    ]


#: Coming activities shown on a unit's page.
UNIT_PAGE_ACTIVITIES = 5


@hooks.register(UNIT_PAGE)
def unit_activities(request, unit) -> str:
    """The unit's (a sector's: with its units') next planned activities that
    the person may see, with a link to all of them in the plan."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from intranet.planning import selectors

    today = timezone.localdate()
    upcoming = list(
        selectors.agenda(start=today, user=request.user, unit=unit).order_by(
            *selectors.PLAN_ORDER
        )[: UNIT_PAGE_ACTIVITIES + 1]
    )
    return render_to_string(
        "planning/includes/unit_activities.html",
        {
            "unit": unit,
            "activities": upcoming[:UNIT_PAGE_ACTIVITIES],
            "more": len(upcoming) > UNIT_PAGE_ACTIVITIES,
        },
        request=request,
    )


#: How far ahead "Mine saker" shows the person's scheduled publishing.
MY_CASES_SCHEDULED_DAYS = 90


def _my_scheduled(request) -> dict:
    today = timezone.localdate()
    return {
        "scheduled": scheduled_for(
            user=request.user,
            start=today,
            end=today + datetime.timedelta(days=MY_CASES_SCHEDULED_DAYS),
        )
    }


@hooks.register(MY_CASES)
def my_scheduled_section() -> Section:
    """Scheduled go-live and expiry of what the person may edit."""
    return Section(
        name="my-scheduled",
        template="planning/includes/scheduled.html",
        context=_my_scheduled,
        cached=False,
    )
