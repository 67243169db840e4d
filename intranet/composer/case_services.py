"""Writes for the composer's new case: through `cases.services.case_create`,
so the case is made exactly as the admin and the demo data make it."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from cases.models import CaseIndexPage, CasePage
from cases.services import case_create
from intranet.composer.services import _claim


@transaction.atomic
def composer_case_create(
    *,
    index: CaseIndexPage,
    creator: AbstractBaseUser,
    fields: dict,
    planned_measures: list[dict],
    publish: bool,
    token: uuid.UUID,
) -> CasePage:
    """A new case under `index`, published or kept as a draft.

    `fields` are `case_create`'s (title, summary, owners, unit, status, dates,
    topics, the communication assessment). A second sending of the same form
    raises `AlreadySubmitted`; a case the page rules refuse raises
    `ValidationError` and leaves nothing behind.
    """
    submission = _claim(token=token, user=creator)
    case = case_create(
        index=index,
        planned_measures=planned_measures,
        publish=publish,
        **fields,
    )
    submission.page = case
    submission.save(update_fields=["page"])
    return case
