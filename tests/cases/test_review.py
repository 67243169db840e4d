"""Optional review: a unit may require that its case updates are approved
before they go live (`cases.review`)."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from cases.models import CaseOwner, CaseUpdatePage, ReviewBy, UnitReview
from intranet.subscriptions.models import Notification, NotificationKind
from tests.composer.helpers import composer_form
from tests.factories.core import UserFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader(db):
    return UserFactory(username="leder", first_name="Lea", last_name="Leder")


@pytest.fixture
def reader(db):
    return UserFactory(username="leser", first_name="Lise", last_name="Leser")


@pytest.fixture
def reviewed(case, leader):
    case.unit.leaders.add(leader)
    return UnitReview.objects.create(unit=case.unit, approved_by=ReviewBy.LEADERS)


@pytest.fixture
def url(case):
    return reverse("composer:update_new", args=[case.pk])


def _send(client, url, action="publish"):
    data = composer_form(
        client,
        url,
        title="Digitale tilsyn i drift",
        intro="Tolv brukere har fått digitale tilsyn.",
        text="Det har gått bra.",
        action=action,
    )
    return client.post(url, data, follow=True)


def _the_update(case) -> CaseUpdatePage:
    return CaseUpdatePage.objects.child_of(case).get()


def _act(client, update, action, comment=""):
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(update.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[update.pk, action, task_state.pk],
        ),
        {"comment": comment},
    )


def _notified(user, kind) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind=kind))


def test_without_the_rule_the_author_publishes_directly(client, owner, case, url):
    client.force_login(owner)

    html = client.get(url).content.decode()
    response = _send(client, url)

    assert "Send til godkjenning" not in html
    assert _the_update(case).live
    assert "Publisert." in response.content.decode()
    assert not WorkflowState.objects.exists()


def test_with_the_rule_the_update_waits_and_the_leader_is_told(
    client, owner, leader, case, url, reviewed, reader
):
    follow(reader, case=case.pk)
    client.force_login(owner)

    assert "Send til godkjenning" in client.get(url).content.decode()
    response = _send(client, url)

    update = _the_update(case)
    assert not update.live
    assert "Lea Leder" in response.content.decode()
    assert "Venter på godkjenning fra Lea Leder" in response.content.decode()
    [notice] = _notified(leader, NotificationKind.REVIEW)
    assert notice.url == reverse("wagtailadmin_pages:edit", args=[update.pk])
    assert not _notified(reader, NotificationKind.MATCH)


def test_approval_publishes_and_only_then_tells_followers(
    client,
    owner,
    leader,
    case,
    url,
    reviewed,
    reader,
    django_capture_on_commit_callbacks,
):
    follow(reader, case=case.pk)
    client.force_login(owner)
    _send(client, url)
    update = _the_update(case)
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        response = _act(client, update, "approve")

    assert response.status_code < 400, response.status_code
    assert _the_update(case).live, (response.status_code, response.get("Location"))
    assert _notified(reader, NotificationKind.MATCH)
    assert _notified(owner, NotificationKind.REVIEW)


def test_rejection_returns_it_to_the_author_with_the_comment(
    client,
    owner,
    leader,
    case,
    url,
    reviewed,
    reader,
    django_capture_on_commit_callbacks,
):
    follow(reader, case=case.pk)
    client.force_login(owner)
    _send(client, url)
    update = _the_update(case)
    client.force_login(leader)

    with django_capture_on_commit_callbacks(execute=True):
        _act(client, update, "reject", comment="Ta med tallene fra mars.")

    assert not _the_update(case).live
    assert not _notified(reader, NotificationKind.MATCH)
    [notice] = _notified(owner, NotificationKind.REVIEW)
    assert notice.intro == "Ta med tallene fra mars."
    client.force_login(owner)
    html = client.get(reverse("composer:edit", args=[update.pk])).content.decode()
    assert "Ta med tallene fra mars." in html


def test_a_colleague_who_is_not_a_reviewer_cannot_approve(
    client, owner, other_staff, case, url, reviewed
):
    client.force_login(owner)
    _send(client, url)
    update = _the_update(case)
    client.force_login(other_staff)

    response = _act(client, update, "approve")

    assert response.status_code in (302, 403)
    assert not _the_update(case).live


def test_the_author_cannot_approve_their_own_update(client, owner, case, url, reviewed):
    client.force_login(owner)
    _send(client, url)
    update = _the_update(case)

    _act(client, update, "approve")

    assert not _the_update(case).live


@pytest.mark.parametrize("gone", ["inactive", "none"])
def test_a_leader_who_left_falls_back_to_the_communication_team_and_says_so(
    client, owner, leader, case, url, reviewed, communication_member, gone
):
    if gone == "inactive":
        leader.is_active = False
        leader.save()
    else:
        case.unit.leaders.clear()
    client.force_login(owner)

    response = _send(client, url)

    html = response.content.decode()
    assert "Enhetsleder finnes ikke lenger" in html
    assert "kommunikasjonsteamet godkjenner" in html
    assert _notified(communication_member, NotificationKind.REVIEW)
    assert not _notified(leader, NotificationKind.REVIEW)
    client.force_login(communication_member)
    _act(client, _the_update(case), "approve")
    assert _the_update(case).live


def test_the_communication_team_may_approve_for_any_unit(
    client, owner, case, url, reviewed, communication_member
):
    client.force_login(owner)
    _send(client, url)
    client.force_login(communication_member)

    _act(client, _the_update(case), "approve")

    assert _the_update(case).live


def test_a_leader_publishes_their_own_units_updates_directly(
    client, leader, case, url, reviewed
):
    CaseOwner.objects.create(case=case, user=leader)
    client.force_login(leader)

    _send(client, url)

    assert _the_update(case).live


def test_bad_workflow_actions_never_500(client, owner, leader, case, url, reviewed):
    client.force_login(owner)
    _send(client, url)
    update = _the_update(case)
    client.force_login(leader)

    for args in (
        [update.pk, "approve", 999999],
        [update.pk, "nonsense", 1],
        [999999, "approve", 1],
    ):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=args), {}
        )
        assert response.status_code < 500
    assert not _the_update(case).live


def test_sending_again_replaces_the_waiting_review(client, owner, case, url, reviewed):
    client.force_login(owner)
    _send(client, url)
    update = _the_update(case)
    edit = reverse("composer:edit", args=[update.pk])

    _send(client, edit)

    assert (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
        == 1
    )
    assert not _the_update(case).live


def test_the_owner_cannot_publish_past_the_review_in_wagtails_editor(
    client, owner, case, url, reviewed
):
    client.force_login(owner)
    _send(client, url)
    update = _the_update(case)

    assert not update.permissions_for_user(owner).can_publish()
    edit = reverse("wagtailadmin_pages:edit", args=[update.pk])
    response = client.post(
        edit, {"title": update.title, "slug": update.slug, "action-publish": "1"}
    )

    assert response.status_code in (200, 302, 403)
    assert not _the_update(case).live
