"""Cases (saker): the people closest to a matter publish dated updates about it.

A case has owners, a responsible unit, a status and a communication assessment.
Only its owners (plus the communication team and superusers) may change it; see
`cases.permissions` for how that is enforced through Wagtail's page permissions.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Task, TaskState
from wagtail.search import index

from cases.communication import (
    AssessmentStatus,
    assessment_problems,
    assessment_status,
)
from cases.forms import CasePageForm, CaseUpdatePageForm
from cases.panels import AssessmentWarningPanel, OwnersPanel
from cases.permissions import CaseIndexPermissionTester, case_permissions
from cases.review import may_review, review_workflow
from intranet.core.blocks import StoryBodyBlock
from intranet.core.forms import ReadablePageForm
from intranet.core.models import (
    ChoiceListField,
    PositioningTheme,
    SingleLineTitle,
    Story,
    StoryTag,
    Topic,
    Unit,
)
from intranet.core.pagination import paginate
from intranet.core.panels import ChoiceListPanel, communication_promote_panels
from intranet.core.request_memo import remembered
from intranet.core.selectors import content_key
from intranet.core.vocabulary import (
    Audience,
    Channel,
    CommunicationNeed,
    choice_labels,
)
from search.searchable import Searchable

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.http import HttpRequest


class CaseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    PAUSED = "paused", _("Paused")
    COMPLETED = "completed", _("Completed")


class CaseIndexPage(SingleLineTitle, Page):
    """Lists cases, with filters by unit, status, topic and text."""

    base_form_class = ReadablePageForm

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["cases.CasePage"]
    search_fields = [*Page.search_fields]

    per_page = 20

    class Meta:
        verbose_name = _("case list")
        verbose_name_plural = _("case lists")

    def permissions_for_user(self, user):
        return CaseIndexPermissionTester(user, self)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        # Imported here: the selectors and the filter form import these models.
        from cases import selectors
        from cases.filters import CaseFilterForm

        context = super().get_context(request, *args, **kwargs)
        filter_form = CaseFilterForm(request.GET)
        filters = filter_form.filters()
        cases = selectors.case_list(index=self, filters=filters, user=request.user)
        pagination = paginate(
            cases,
            per_page=self.per_page,
            requested=request.GET.get("side"),
            count=selectors.case_count(
                cases, index=self, filters=filters, user=request.user
            ),
        )
        context.update(
            {
                "filter_form": filter_form,
                # Every unit and topic is an option: the same address shows
                # the same form until a change that names no scope (a unit, a
                # topic) moves the content version.
                "filter_form_key": content_key(
                    ("case-filters", self.pk, request.get_full_path(), get_language()),
                    scopes=(),
                ),
                "cases": pagination.page,
                # The page's cards are rendered once per content version.
                "list_key": selectors.case_list_key(
                    index=self,
                    filters=filters,
                    user=request.user,
                    page_number=pagination.page.number,
                ),
                "page_notice": pagination.notice,
                "is_filtered": filter_form.is_filtered(),
                "query_string": filter_form.query_string(),
                "can_add_case": self.permissions_for_user(
                    request.user
                ).can_add_subpage(),
            }
        )
        return context


class CaseOwner(Orderable):
    """A person responsible for a case and for informing about it."""

    case = ParentalKey(
        "cases.CasePage", on_delete=models.CASCADE, related_name="case_owners"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="case_ownerships",
    )

    panels = [FieldPanel("user")]

    # Wagtail's reference index records where objects are used ("usage" in
    # the admin); a person is not content, and without this every owner row
    # saved on each publish indexed the whole case again (a dozen queries).
    wagtail_reference_index_ignore = True

    class Meta(Orderable.Meta):
        verbose_name = _("owner")
        verbose_name_plural = _("owners")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()


class CasePlannedMeasure(Orderable):
    """A planned communication measure for a case.

    Shaped like an activity in the annual communication plan (date, channel,
    audience), so the planning app can turn each one into an activity and keep a
    link to it: rows keep their primary key when the case is edited.
    """

    case = ParentalKey(
        "cases.CasePage", on_delete=models.CASCADE, related_name="planned_measures"
    )
    title = models.CharField(_("measure"), max_length=200)
    planned_date = models.DateField(_("planned date"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    description = models.TextField(_("description"), blank=True, max_length=1000)

    panels = [
        FieldPanel("title"),
        FieldRowPanel(
            [FieldPanel("planned_date"), FieldPanel("channel"), FieldPanel("audience")]
        ),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("planned measure")
        verbose_name_plural = _("planned measures")

    def __str__(self) -> str:
        return self.title


class NullsLastIndex(models.Index):
    """An index whose descending keys put empty values last, as the lists
    sort. SQLite refuses NULLS LAST in an index, but its descending order
    already puts them last (and its planner uses the index for the lists)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = models.Index(
            *(
                models.OrderBy(key.expression, descending=key.descending)
                if isinstance(key, models.OrderBy)
                else key
                for key in self.expressions
            ),
            name=self.name,
        )
        return plain.create_sql(model, schema_editor, using=using, **kwargs)


#: The content version scope of cases and their updates (core.models.ContentVersion).
CASES_SCOPE = "cases"


class CasePage(SingleLineTitle, Searchable, Page):
    """A case (sak): a project, initiative or matter with owners and updates."""

    #: Fragments that show no case or update are kept when only those change.
    content_scope = CASES_SCOPE
    content_scope_fields = ("url_path", "live")

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("What the case is about, in two or three sentences."),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.PLANNED,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    expected_end_date = models.DateField(_("expected end date"), null=True, blank=True)
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="cases"
    )
    tags = ClusterTaggableManager(through=StoryTag, verbose_name=_("tags"), blank=True)
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"), blank=True)

    communication_need = models.CharField(
        _("need for communication"),
        max_length=10,
        choices=CommunicationNeed.choices,
        blank=True,
        help_text=_(
            "Every decision process assesses the need for communication. "
            "Required before the case is published."
        ),
    )
    communication_audiences = ChoiceListField(
        _("who needs to know"), choices=Audience.choices, default=list, blank=True
    )
    communication_channels = ChoiceListField(
        _("channels"), choices=Channel.choices, default=list, blank=True
    )
    communication_key_messages = models.TextField(
        _("key messages"),
        blank=True,
        max_length=1000,
        help_text=_("What must those affected understand?"),
    )

    # Facts over the case's updates, stored so that lists sort and show them
    # without reading the updates: the rule is in `cases.selectors.case_facts`,
    # and `cases.services.case_facts_refresh` keeps them when updates change.
    last_update_at = models.DateTimeField(
        _("last update"), null=True, blank=True, editable=False
    )
    update_count = models.PositiveIntegerField(
        _("number of updates"), default=0, editable=False
    )
    last_activity_at = models.DateTimeField(
        _("last activity"), null=True, blank=True, editable=False
    )

    search_content_type = "case"
    search_content_label = pgettext_lazy("content type", "Case")
    # What search_people() reads, loaded with many cases at once.
    search_prefetch_related = ("case_owners__user",)
    updates_per_page = 10

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        OwnersPanel(
            help_text=_(
                "Owners may edit the case and publish its updates. On a published "
                "case, a change of owners applies when the case is published."
            )
        ),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("expected_end_date")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Topics and tags"),
        ),
    ]
    communication_panels = [
        AssessmentWarningPanel(),
        FieldPanel("communication_need", widget=forms.RadioSelect),
        ChoiceListPanel("communication_audiences"),
        ChoiceListPanel("communication_channels"),
        FieldPanel("communication_key_messages"),
        InlinePanel(
            "planned_measures",
            label=_("Planned measure"),
            heading=_("Planned measures"),
            help_text=_(
                "With a high need for communication, plan at least one measure. "
                "Planned measures go into the annual communication plan."
            ),
        ),
    ]
    promote_panels = communication_promote_panels()
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(communication_panels, heading=_("Communication")),
            ObjectList(promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        base_form_class=CasePageForm,
    )

    parent_page_types = ["cases.CaseIndexPage"]
    subpage_types = ["cases.CaseUpdatePage"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("unit"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # The case lists' order, whole and filtered by status: a page of
            # them is read from the index instead of sorting every case.
            NullsLastIndex(
                models.F("last_activity_at").desc(nulls_last=True),
                name="case_last_activity_idx",
            ),
            NullsLastIndex(
                models.F("status"),
                models.F("last_activity_at").desc(nulls_last=True),
                name="case_status_activity_idx",
            ),
        ]

    def content_scopes(self, stored: dict) -> set[str]:
        """Its updates' cards show the case and link below it: a case given a
        new address (its slug) or taken offline changes the links of every
        list that may show an update, so it names no scope (nor does a moved
        page: Wagtail saves it as a plain page)."""
        moved = stored and (
            stored["url_path"] != self.url_path or stored["live"] != self.live
        )
        return set() if moved else {self.content_scope}

    def permissions_for_user(self, user):
        return case_permissions(user, self)

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        # Loading a revision (to publish, preview or compare it), modelcluster
        # checks that the case each owner and planned measure row points to
        # exists: a query per row, all for the case being loaded. The rows are
        # given to that case anyway, so their pointer to it is left out.
        data = dict(data)
        for relation in get_all_child_relations(cls):
            name = relation.get_accessor_name()
            if isinstance(data.get(name), list):
                data[name] = [
                    {
                        key: value
                        for key, value in row.items()
                        if key != relation.field.name
                    }
                    for row in data[name]
                ]
        return super().from_serializable_data(data, check_fks, strict_fks)

    def clean(self) -> None:
        super().clean()
        if (
            self.start_date
            and self.expected_end_date
            and self.expected_end_date < self.start_date
        ):
            raise ValidationError(
                {
                    "expected_end_date": _(
                        "The expected end date cannot be before the start date."
                    )
                }
            )

    # Communication assessment

    def communication_assessment_problems(self) -> dict[str, str]:
        return assessment_problems(
            need=self.communication_need,
            audiences=self.communication_audiences,
            channels=self.communication_channels,
            key_messages=self.communication_key_messages,
        )

    def communication_assessment_status(
        self, *, has_measures: bool | None = None
    ) -> AssessmentStatus:
        """The assessment's state; pass `has_measures` when it is annotated."""
        if has_measures is None:
            has_measures = self.planned_measures.exists()
        return assessment_status(
            need=self.communication_need,
            audiences=self.communication_audiences,
            channels=self.communication_channels,
            key_messages=self.communication_key_messages,
            has_measures=has_measures,
        )

    @property
    def communication_audience_labels(self) -> list[str]:
        return choice_labels(Audience, self.communication_audiences)

    @property
    def communication_channel_labels(self) -> list[str]:
        return choice_labels(Channel, self.communication_channels)

    # Ownership

    @cached_property
    def owner_users(self) -> list[AbstractBaseUser]:
        """The owners in their order (uses prefetched rows when there are any)."""
        return [owner.user for owner in self.case_owners.all()]

    # Names the search app builds on

    def search_people(self) -> list[AbstractBaseUser]:
        return self.owner_users

    def search_case(self) -> CasePage:
        return self

    def search_date(self) -> datetime.datetime | None:
        # When the case was first shared: correcting it later is no news, and
        # its updates carry the news under their own dates.
        return self.first_published_at or self.last_published_at

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from cases import selectors
        from intranet.core.selectors import for_story_cards

        context = super().get_context(request, *args, **kwargs)
        if not getattr(request, "is_preview", False):
            selectors.case_detail_prefetch(case=self)
        # With the units and each update's picture and renditions (a thumbnail).
        updates = for_story_cards(selectors.case_updates(case=self, user=request.user))
        pagination = paginate(
            updates, per_page=self.updates_per_page, requested=request.GET.get("side")
        )
        page_obj = pagination.page
        page_obj.object_list = list(page_obj.object_list)
        perms = self.permissions_for_user(request.user)
        assessment = self.communication_assessment_status()
        context.update(
            {
                "assessment": assessment,
                "updates": page_obj,
                "page_notice": pagination.notice,
                "can_edit": perms.can_edit(),
                "can_add_update": perms.can_add_subpage(),
            }
        )
        return context


#: The request memo's key of a case's owners (`case_owner_ids`).
CASE_OWNERS = "case-owners"


def case_owner_ids(case_path: str) -> frozenset[int]:
    """The ids of the owners of the case at ``case_path``, read once per
    request (an update's page asks for them for its comments and for its
    reach); a change of any case's owners in this process forgets them
    (`cases.signal_handlers`)."""
    return remembered(
        (CASE_OWNERS, case_path),
        lambda: frozenset(
            CaseOwner.objects.filter(case__path=case_path).values_list(
                "user_id", flat=True
            )
        ),
    )


class CaseUpdatePage(SingleLineTitle, Story, Searchable, Page):
    """A dated update published under a case."""

    content_scope = CASES_SCOPE

    publication_date = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        help_text=_("The date shown on the update and used to sort the timeline."),
    )

    story_date_field = "publication_date"
    search_content_type = "case_update"
    search_content_label = pgettext_lazy("content type", "Case update")
    search_notifies = True

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_date"),
        *Story.story_content_panels,
    ]
    promote_panels = Story.story_promote_panels

    base_form_class = CaseUpdatePageForm
    parent_page_types = ["cases.CasePage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        *Story.story_search_fields,
        index.FilterField("publication_date"),
    ]

    class Meta:
        verbose_name = _("case update")
        verbose_name_plural = _("case updates")
        indexes = [
            # Story lists and feeds take the newest updates first; the
            # insights dashboard the newest update of each unit.
            models.Index(fields=["-publication_date"], name="cases_update_newest"),
            models.Index(
                fields=["unit", "-publication_date"], name="cases_update_unit_newest"
            ),
        ]

    def permissions_for_user(self, user):
        return case_permissions(user, self)

    @cached_property
    def case(self) -> CasePage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def date(self) -> datetime.date:
        """The local publication day, as story cards show it."""
        return timezone.localdate(self.publication_date)

    def story_owner_ids(self) -> set[int]:
        """The case's owners, and whoever wrote the update."""
        owners = {self.owner_id} if self.owner_id else set()
        return owners | case_owner_ids(self.path[: -self.steplen])

    def search_people(self) -> list[AbstractBaseUser]:
        return self.case.owner_users if self.case else []

    def search_case(self) -> CasePage | None:
        return self.case

    def search_date(self) -> datetime.datetime:
        return self.publication_date

    def get_workflow(self):
        # Wagtail's workflows are off for the tree (core migration 0003) and
        # come back only for updates of a unit that asks for review.
        return review_workflow(update=self) or super().get_workflow()

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        labels = dict(PositioningTheme.choices)
        context["case"] = self.case
        context.update(self.editing_context(request))
        context["positioning_themes"] = [
            (value, labels[value])
            for value in self.positioning_themes
            if value in labels
        ]
        return context


class ReviewBy(models.TextChoices):
    LEADERS = "leaders", _("The unit's leaders")
    COMMUNICATION = "communication", _("The communication team")


class UnitReview(models.Model):
    """A unit whose staff's case updates are approved before they go live.

    A unit without a row publishes directly. The rule lives here, not on
    `Unit`, because core names no feature; the communication team sets it in
    the admin.
    """

    unit = models.OneToOneField(
        "core.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="review_rule",
    )
    approved_by = models.CharField(
        _("approved by"),
        max_length=20,
        choices=ReviewBy.choices,
        default=ReviewBy.LEADERS,
        help_text=_(
            "If the unit has no active leader, the communication team approves."
        ),
    )

    panels = [FieldPanel("unit"), FieldPanel("approved_by")]

    class Meta:
        verbose_name = _("updates approved before publishing")
        verbose_name_plural = _("updates approved before publishing")

    def __str__(self) -> str:
        return str(self.unit)


class UnitReviewTask(Task):
    """Approval of a case update by its unit's reviewers (`cases.review`).

    Only people who may review the update see the approve and reject actions
    and may open it in the editor while it waits.
    """

    admin_form_fields = Task.admin_form_fields

    def user_can_access_editor(self, obj, user) -> bool:
        return may_review(update=obj, user=user)

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        if not may_review(update=obj, user=user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve and publish"), False),
            ("approve", _("Approve with comment and publish"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # Few updates wait at a time: ask the rule about each.
        waiting = TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, task=self.task_ptr
        ).select_related("workflow_state")
        pks = {state.pk: int(state.workflow_state.object_id) for state in waiting}
        updates = CaseUpdatePage.objects.in_bulk(set(pks.values()))
        return waiting.filter(
            pk__in=[
                state_pk
                for state_pk, page_pk in pks.items()
                if page_pk in updates and may_review(update=updates[page_pk], user=user)
            ]
        )

    @classmethod
    def get_description(cls) -> str:
        return _("The update's unit leaders approve, or the communication team")

    class Meta:
        verbose_name = _("unit review task")
        verbose_name_plural = _("unit review tasks")
