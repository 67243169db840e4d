"""Optional review of case updates before they go live.

The rule: a case update whose unit has a `UnitReview` row waits for approval
before it is published, unless its author may approve it themselves. Who
approves is, per the row, the unit's active leaders or the communication
team; when no active leader is left, the communication team does, and the
author is told so. The communication team (and superusers) may always
approve, as they may publish anything. Units without a row publish directly.

Models are looked up through the app registry, as `cases.permissions` does,
since the page models use these functions.
"""

from __future__ import annotations

import dataclasses

from django.apps import apps
from django.contrib.auth import get_user_model
from wagtail.models import Workflow, WorkflowState, WorkflowTask

from intranet.core.roles import COMMUNICATION, group_names

#: The one workflow with the one task: found by name, made on first use.
WORKFLOW_NAME = "Godkjenning av saksoppdateringer"


@dataclasses.dataclass(frozen=True)
class Reviewers:
    """Who approves an update; `fallback` when the leaders are gone."""

    users: tuple
    fallback: bool = False

    @property
    def names(self) -> str:
        return ", ".join(
            user.get_full_name() or user.get_username() for user in self.users
        )


def _rule(update):
    unit_review = apps.get_model("cases", "UnitReview")
    if update is not None and not hasattr(update, "unit_id"):
        # Wagtail's workflow views hand over the plain page.
        update = update.specific
    if update is None or not getattr(update, "unit_id", None):
        return None
    # Asked several times per page in a request (the composer, each publish
    # check of a listing's row): looked up once per page object and unit.
    cached = update.__dict__.get("_review_rule")
    if cached is not None and cached[0] == update.unit_id:
        return cached[1]
    rule = unit_review.objects.filter(unit_id=update.unit_id).first()
    update.__dict__["_review_rule"] = (update.unit_id, rule)
    return rule


def review_required(*, update) -> bool:
    """Does the update's unit ask for review?"""
    return _rule(update) is not None


def _communication_team():
    return (
        get_user_model()
        .objects.filter(groups__name=COMMUNICATION, is_active=True)
        .order_by("pk")
    )


def reviewers(*, update) -> Reviewers:
    """The people who approve the update (none if no review is required)."""
    rule = _rule(update)
    if rule is None:
        return Reviewers(users=())
    if rule.approved_by == "leaders":
        leaders = tuple(rule.unit.leaders.filter(is_active=True).order_by("pk"))
        if leaders:
            return Reviewers(users=leaders)
        return Reviewers(users=tuple(_communication_team()), fallback=True)
    return Reviewers(users=tuple(_communication_team()))


def may_review(*, update, user) -> bool:
    """May `user` approve or reject `update`?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or COMMUNICATION in group_names(user):
        return True
    return any(reviewer.pk == user.pk for reviewer in reviewers(update=update).users)


def review_workflow(*, update):
    """The review workflow, if the update's unit asks for review."""
    if not review_required(update=update):
        return None
    task_class = apps.get_model("cases", "UnitReviewTask")
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task, _created = task_class.objects.get_or_create(name=WORKFLOW_NAME)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow


def author_may_publish(*, update, user) -> bool:
    """May `user` publish `update` directly (no review, or a reviewer)?"""
    return not review_required(update=update) or may_review(update=update, user=user)


@dataclasses.dataclass(frozen=True)
class ReviewState:
    """What the author is shown about their update's review."""

    waiting: bool
    reviewers: Reviewers
    rejected_comment: str = ""
    rejected: bool = False


def review_state(*, update) -> ReviewState | None:
    """The update's current review, or its last rejection; None if neither."""
    state = (
        WorkflowState.objects.for_instance(update)
        .order_by("-created_at", "-pk")
        .first()
    )
    if state is None:
        return None
    if state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ReviewState(waiting=True, reviewers=reviewers(update=update))
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task_state = state.task_states.order_by("-finished_at", "-pk").first()
        return ReviewState(
            waiting=False,
            reviewers=reviewers(update=update),
            rejected=True,
            rejected_comment=(task_state.comment if task_state else "") or "",
        )
    return None
