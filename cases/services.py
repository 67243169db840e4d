"""Writes for cases: case lists, cases and their updates."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Sequence

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page, Revision
from wagtail.signal_handlers import disable_reference_index_auto_update

from cases import selectors
from cases.communication import NOT_PUBLISHABLE_MESSAGE
from cases.models import (
    CaseIndexPage,
    CaseOwner,
    CasePage,
    CasePlannedMeasure,
    CaseUpdatePage,
)
from cases.permissions import forget_owned_cases
from cases.review import author_may_publish, review_workflow
from intranet.core.services import index_page_create


class CaseNotPublishable(ValidationError):
    """The case's communication assessment is missing or incomplete."""


def case_index_create(
    *, parent: Page, title: str, slug: str, intro: str = ""
) -> CaseIndexPage:
    """Create and publish a case list under `parent`, open to all staff."""
    return index_page_create(
        page=CaseIndexPage(title=title, slug=slug, intro=intro), parent=parent
    )


@transaction.atomic
def case_publish(*, case: CasePage, user: AbstractBaseUser | None = None) -> Revision:
    """Publish the case's current state, refusing without a complete
    communication assessment."""
    problems = case.communication_assessment_problems()
    if problems:
        raise CaseNotPublishable(NOT_PUBLISHABLE_MESSAGE)
    return _save_and_publish(case, user=user)


def _save_and_publish(page: Page, *, user: AbstractBaseUser | None) -> Revision:
    """Save the page's current state as a revision and publish it, as one step.

    Publishing validates the page (Wagtail's ``full_clean`` before its save),
    so the revision is saved without validating it first: invalid content
    fails the publish, and the caller's transaction takes the revision back.
    Saving a revision writes only the page's revision bookkeeping, not its
    content, so Wagtail's reference index (where images, documents and pages
    are used) would read the unchanged content again; the publish indexes
    what it publishes.
    """
    with disable_reference_index_auto_update():
        revision = page.save_revision(user=user, clean=False)
    revision.publish(user=user)
    return revision


@transaction.atomic
def case_create(
    *,
    index: CaseIndexPage,
    title: str,
    owners: Sequence[AbstractBaseUser],
    summary: str,
    publish: bool = True,
    planned_measures: Iterable[dict] = (),
    slug: str = "",
    **fields,
) -> CasePage:
    """Create a case with its owners (the first one creates it).

    `fields` are other CasePage fields (unit, status, dates, body, the
    communication assessment). With `publish`, the assessment must be complete.
    """
    if not owners:
        raise ValueError("A case must have at least one owner.")
    topics = fields.pop("topics", [])
    tags = fields.pop("tags", [])
    case = CasePage(
        title=title,
        summary=summary,
        owner=owners[0],
        live=False,
        has_unpublished_changes=True,
        **fields,
        **_slug(slug),
    )
    case.case_owners = [CaseOwner(user=user) for user in owners]
    case.planned_measures = [CasePlannedMeasure(**data) for data in planned_measures]
    case.topics = topics
    case.tags.set(tags)
    index.add_child(instance=case)
    for user in owners:
        forget_owned_cases(user)
    if publish:
        case_publish(case=case, user=owners[0])
        # Publishing saved a copy built from the revision; catch up with it.
        case.refresh_from_db()
    else:
        # A draft may be incomplete, as in the page editor.
        case.save_revision(user=owners[0], clean=False)
    return case


@transaction.atomic
def case_update_create(
    *,
    case: CasePage,
    title: str,
    intro: str,
    author: AbstractBaseUser,
    publication_date: datetime.datetime,
    publish: bool = True,
    slug: str = "",
    **fields,
) -> CaseUpdatePage:
    """Add a dated update under a case; `fields` are Story fields (body, image,
    topics, tags, target units, positioning themes, nomination text)."""
    topics = fields.pop("topics", [])
    tags = fields.pop("tags", [])
    target_units = fields.pop("target_units", [])
    update = CaseUpdatePage(
        title=title,
        intro=intro,
        owner=author,
        live=False,
        has_unpublished_changes=True,
        publication_date=publication_date,
        **fields,
        **_slug(slug),
    )
    update.topics = topics
    update.target_units = target_units
    update.tags.set(tags)
    if not publish:
        case.add_child(instance=update)
        # A draft may be incomplete, as in the page editor.
        update.save_revision(user=author, clean=False)
        return update
    # The publish just after indexes the references of what it publishes.
    with disable_reference_index_auto_update():
        case.add_child(instance=update)
    if author_may_publish(update=update, user=author):
        _save_and_publish(update, user=author)
    else:
        case_update_submit(update=update, user=author, clean=False)
    update.refresh_from_db()
    return update


@transaction.atomic
def case_update_submit(
    *, update: CaseUpdatePage, user: AbstractBaseUser, clean: bool = True
) -> Revision:
    """Save the update's current state and send it for review (`cases.review`);
    it goes live when a reviewer approves. An earlier review still waiting is
    cancelled, so the reviewer sees the newest text. `clean=False` when the
    caller has just validated the page."""
    workflow = review_workflow(update=update)
    if workflow is None:
        raise ValueError("The update's unit does not ask for review.")
    with disable_reference_index_auto_update():
        revision = update.save_revision(user=user, clean=clean)
    current = update.current_workflow_state
    if current is not None:
        current.cancel(user=user)
    workflow.start(update, user)
    return revision


_FACT_FIELDS = tuple(field.name for field in dataclasses.fields(selectors.CaseFacts))


def case_facts_refresh(*, case: CasePage) -> CasePage:
    """Count the case's facts again and store them (on `case` too).

    Called whenever an update of the case may have changed what is counted
    (see `cases.selectors.case_facts`); writes only when a fact changed.
    """
    facts = selectors.case_facts(case=case)
    if facts != selectors.CaseFacts.stored_on(case):
        fields = dataclasses.asdict(facts)
        CasePage.objects.filter(pk=case.pk).update(**fields)
        for name, value in fields.items():
            setattr(case, name, value)
    return case


def case_facts_refresh_at(*, case_path: str) -> CasePage | None:
    """Refresh the facts of the case at `case_path` (the parent of an update),
    if there is a case there: it may have gone with its updates."""
    case = (
        CasePage.objects.filter(path=case_path)
        .only("path", "depth", "first_published_at", *_FACT_FIELDS)
        .first()
    )
    return case_facts_refresh(case=case) if case is not None else None


def case_facts_recount(
    *,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Count every case's facts again and store those that differ; returns
    how many cases were corrected. `progress(done, total)` follows the cases."""
    counted = selectors.case_facts_recounted()
    total = len(counted)
    corrected = 0
    pks = sorted(counted)
    for start in range(0, total, batch_size):
        batch = pks[start : start + batch_size]
        stale = []
        for case in CasePage.objects.filter(pk__in=batch).only(*_FACT_FIELDS):
            facts = counted[case.pk]
            if facts != selectors.CaseFacts.stored_on(case):
                for name, value in dataclasses.asdict(facts).items():
                    setattr(case, name, value)
                stale.append(case)
        CasePage.objects.bulk_update(stale, _FACT_FIELDS)
        corrected += len(stale)
        if progress is not None:
            progress(start + len(batch), total)
    return corrected


def _slug(slug: str) -> dict:
    return {"slug": slug} if slug else {}
