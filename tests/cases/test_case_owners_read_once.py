"""An update's page asks for its case's owners once (for its comments and its
reach), and a change of owners during a request is read again."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from cases.models import CaseOwner
from intranet.core.request_memo import RequestMemoMiddleware
from tests.factories.cases import CaseUpdatePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(case):
    return CaseUpdatePageFactory(parent=case, title="Vi har startet")


def test_the_update_page_reads_the_owners_once(client, update, owner):
    client.force_login(owner)  # an owner sees the reach and closes comments
    client.get(update.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(update.url)

    assert response.status_code == 200
    owners_read = [
        q for q in queries if q["sql"].startswith('SELECT "cases_caseowner"."user_id"')
    ]
    assert len(owners_read) == 1


def test_owners_changed_during_a_request_are_read_again(
    case, update, owner, other_staff
):
    def view(request):
        before = update.story_owner_ids()
        CaseOwner.objects.create(case=case, user=other_staff)
        added = update.story_owner_ids()
        CaseOwner.objects.filter(case=case, user=owner).delete()
        return before, added, update.story_owner_ids()

    before, added, removed = RequestMemoMiddleware(view)(RequestFactory().get("/"))

    assert owner.pk in before and other_staff.pk not in before
    assert other_staff.pk in added
    assert owner.pk not in removed and other_staff.pk in removed
