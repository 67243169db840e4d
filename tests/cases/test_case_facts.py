"""The last update, the number of updates and the last activity stored on a
case always equal a fresh count, whatever happens to its updates."""

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import PageViewRestriction

from cases import selectors, services
from cases.models import CasePage
from cases.selectors import CaseFacts
from tests.factories.cases import CasePageFactory, CaseUpdatePageFactory, days_ago
from tests.factories.core import UnitFactory

pytestmark = pytest.mark.django_db


def stored_facts() -> dict[int, CaseFacts]:
    return {case.pk: CaseFacts.stored_on(case) for case in CasePage.objects.all()}


def assert_facts_equal_a_recount() -> None:
    assert stored_facts() == selectors.case_facts_recounted()


def facts(case: CasePage) -> CaseFacts:
    return CaseFacts.stored_on(CasePage.objects.get(pk=case.pk))


def publish_update(case: CasePage, owner, *, days: int, title: str = "Nytt"):
    return services.case_update_create(
        case=case,
        title=title,
        intro="Dette har skjedd.",
        author=owner,
        publication_date=days_ago(days),
    )


@pytest.fixture
def published_case(case_index, owner):
    return services.case_create(
        index=case_index,
        title="Ny skolevei",
        owners=[owner],
        summary="Tryggere vei til skolen.",
        communication_need="none",
        unit=UnitFactory(),
    )


def test_publishing_an_update_counts_it(published_case, owner):
    before = facts(published_case)
    publish_update(published_case, owner, days=5)
    newest = publish_update(published_case, owner, days=2)
    publish_update(published_case, owner, days=9)

    after = facts(published_case)
    assert before.update_count == 0
    assert before.last_activity_at == published_case.first_published_at
    assert after.update_count == 3
    assert after.last_update_at == newest.publication_date
    assert after.last_activity_at == newest.publication_date
    assert_facts_equal_a_recount()


def test_a_draft_update_does_not_count_until_published(published_case, owner):
    draft = services.case_update_create(
        case=published_case,
        title="Utkast",
        intro="Ikke ferdig.",
        author=owner,
        publication_date=days_ago(1),
        publish=False,
    )
    assert facts(published_case).update_count == 0

    draft.save_revision(user=owner).publish(user=owner)

    assert facts(published_case).update_count == 1
    assert_facts_equal_a_recount()


def test_republishing_with_a_new_date_moves_the_last_update(published_case, owner):
    update = publish_update(published_case, owner, days=30)
    first_date = update.publication_date
    update.publication_date = days_ago(3)
    revision = update.save_revision(user=owner)
    # A saved draft changes nothing anyone sees.
    assert facts(published_case).last_update_at == first_date

    revision.publish(user=owner)

    assert facts(published_case).last_update_at == update.publication_date
    assert_facts_equal_a_recount()


def test_unpublishing_an_update_uncounts_it(published_case, owner):
    older = publish_update(published_case, owner, days=10)
    newer = publish_update(published_case, owner, days=1)

    newer.unpublish(user=owner)

    assert facts(published_case).update_count == 1
    assert facts(published_case).last_update_at == older.publication_date
    assert_facts_equal_a_recount()


def test_deleting_an_update_uncounts_it(published_case, owner):
    publish_update(published_case, owner, days=10)
    doomed = publish_update(published_case, owner, days=1)

    doomed.delete()

    assert facts(published_case).update_count == 1
    assert_facts_equal_a_recount()


def test_deleting_a_case_with_its_updates_leaves_the_others_right(
    published_case, case_index, owner
):
    other = CasePageFactory(parent=case_index, owners=[owner])
    CaseUpdatePageFactory(parent=other, publication_date=days_ago(4))
    publish_update(published_case, owner, days=1)

    published_case.delete()

    assert facts(other).update_count == 1
    assert_facts_equal_a_recount()


def test_moving_an_update_to_another_case_moves_its_count(
    published_case, case_index, owner
):
    other = CasePageFactory(parent=case_index, owners=[owner])
    moved = publish_update(published_case, owner, days=1)
    publish_update(published_case, owner, days=8)

    moved.move(other, pos="last-child")

    assert facts(published_case).update_count == 1
    assert facts(other).update_count == 1
    assert facts(other).last_update_at == moved.publication_date
    assert_facts_equal_a_recount()


def test_an_update_with_its_own_view_restriction_is_not_counted(published_case, owner):
    public = publish_update(published_case, owner, days=10)
    secret = publish_update(published_case, owner, days=1)

    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Ledergruppen")])

    assert facts(published_case).update_count == 1
    assert facts(published_case).last_update_at == public.publication_date
    assert_facts_equal_a_recount()

    restriction.delete()

    assert facts(published_case).update_count == 2
    assert facts(published_case).last_update_at == secret.publication_date
    assert_facts_equal_a_recount()


def test_publishing_an_old_revision_of_the_case_keeps_its_facts(published_case, owner):
    """A case's revision holds the facts of its day; publishing it later must
    not bring them back."""
    published_case.summary = "Endret før oppdateringene kom."
    revision = published_case.save_revision(user=owner)
    publish_update(published_case, owner, days=1)
    publish_update(published_case, owner, days=2)

    revision.publish(user=owner)

    assert facts(published_case).update_count == 2
    assert_facts_equal_a_recount()


def test_copying_a_case_with_its_updates_counts_them_on_the_copy(
    published_case, case_index, owner
):
    publish_update(published_case, owner, days=3)

    copy = published_case.copy(
        recursive=True,
        to=case_index,
        update_attrs={"slug": "kopi", "title": "Kopi"},
        keep_live=True,
        user=owner,
    )

    assert facts(copy).update_count == 1
    assert_facts_equal_a_recount()


def test_the_recount_command_corrects_every_case_and_shows_progress(case_index, owner):
    for number in range(3):
        case = CasePageFactory(parent=case_index, owners=[owner])
        for days in range(number + 1):
            CaseUpdatePageFactory(parent=case, publication_date=days_ago(days + 1))
    correct = stored_facts()
    # Facts gone wrong behind the services' back (a bulk import, say).
    CasePage.objects.update(update_count=99, last_update_at=None)
    output = io.StringIO()

    call_command("case_facts_recount", stdout=output)

    assert stored_facts() == correct
    assert_facts_equal_a_recount()
    text = output.getvalue()
    assert "3/3" in text
    assert "3 cases corrected" in text


def test_the_recount_command_changes_nothing_when_all_is_right(case_index, owner):
    case = CasePageFactory(parent=case_index, owners=[owner])
    CaseUpdatePageFactory(parent=case)
    output = io.StringIO()

    call_command("case_facts_recount", stdout=output)

    assert "0 cases corrected" in output.getvalue()


def test_the_data_migration_fills_the_facts_of_existing_cases(case_index, owner):
    case = CasePageFactory(parent=case_index, owners=[owner])
    CaseUpdatePageFactory(parent=case, publication_date=days_ago(2))
    CaseUpdatePageFactory(parent=case, publication_date=days_ago(7))
    correct = stored_facts()
    CasePage.objects.update(update_count=0, last_update_at=None, last_activity_at=None)
    migration = importlib.import_module("cases.migrations.0003_fill_case_facts")

    migration.fill(apps, None)

    assert stored_facts() == correct
    assert facts(case).update_count == 2


def test_loading_a_dump_restores_cases_with_their_facts(
    published_case, owner, tmp_path
):
    """loaddata (a restore, a test's serialized rollback) saves rows raw: each
    table's half of a page on its own. It must restore the facts as dumped."""
    publish_update(published_case, owner, days=3)
    dumped = facts(published_case)
    fixture = tmp_path / "cases.json"
    call_command("dumpdata", "wagtailcore.page", "cases", output=str(fixture))
    call_command("loaddata", str(fixture), verbosity=0)
    # JSON keeps milliseconds: compare the dates to that precision.
    restored = facts(published_case)
    assert restored.update_count == dumped.update_count == 1
    assert abs(restored.last_update_at - dumped.last_update_at).total_seconds() < 0.001
    assert_facts_equal_a_recount()
