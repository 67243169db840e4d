"""'Mine saker': the person's cases, what needs attention, and a quick way to
publish an update."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cases import selectors
from cases.communication import AssessmentStatus
from cases.models import CaseStatus, CaseUpdatePage
from intranet.core.roles import COMMUNICATION, STAFF
from intranet.subscriptions.selectors import unread_count_key
from tests.composer.helpers import composer_form
from tests.factories.cases import (
    CasePageFactory,
    CasePlannedMeasureFactory,
    CaseUpdatePageFactory,
    days_ago,
)
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db


def test_my_cases_lists_only_the_persons_cases_with_their_last_update(
    client, owner, other_staff, case_index
):
    mine = CasePageFactory(parent=case_index, title="Min sak", owners=[owner])
    CaseUpdatePageFactory(parent=mine, publication_date=days_ago(3))
    latest = CaseUpdatePageFactory(parent=mine, publication_date=days_ago(1))
    CaseUpdatePageFactory(parent=mine, live=False)  # drafts don't count
    CasePageFactory(parent=case_index, title="Andres sak", owners=[other_staff])
    client.force_login(owner)

    response = client.get(reverse("cases:my_cases"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Min sak" in content
    assert "Andres sak" not in content
    # The date as shown: in the site's time zone (Oslo), not UTC.
    assert timezone.localdate(latest.publication_date).isoformat() in content
    add_url = reverse("composer:update_new", args=[mine.pk])
    assert f'href="{add_url}"' in content


def test_my_cases_includes_drafts(client, owner, case_index):
    CasePageFactory(
        parent=case_index, title="Utkast til sak", owners=[owner], live=False
    )
    client.force_login(owner)

    content = client.get(reverse("cases:my_cases")).content.decode()

    assert "Utkast til sak" in content
    assert "Utkast</span>" in content


@pytest.mark.parametrize(
    ("days", "status", "stale"),
    [
        (59, CaseStatus.ONGOING, False),
        (61, CaseStatus.ONGOING, True),
        (61, CaseStatus.PAUSED, True),
        (200, CaseStatus.COMPLETED, False),
    ],
)
def test_a_case_is_stale_after_60_days_without_an_update(
    owner, case_index, days, status, stale
):
    case = CasePageFactory(
        parent=case_index,
        owners=[owner],
        status=status,
        first_published_at=days_ago(300),
    )
    CaseUpdatePageFactory(parent=case, publication_date=days_ago(days))

    [overview] = selectors.overviews(selectors.cases_owned_by(user=owner))

    assert overview.is_stale is stale


def test_a_case_without_updates_is_stale_60_days_after_it_was_published(
    owner, case_index
):
    CasePageFactory(parent=case_index, owners=[owner], first_published_at=days_ago(61))

    [overview] = selectors.overviews(selectors.cases_owned_by(user=owner))

    assert overview.last_update_at is None
    assert overview.is_stale


def test_the_stale_threshold_is_configurable(settings, owner, case_index):
    settings.CASES_STALE_AFTER_DAYS = 14
    case = CasePageFactory(parent=case_index, owners=[owner])
    CaseUpdatePageFactory(parent=case, publication_date=days_ago(20))
    [overview] = selectors.overviews(selectors.cases_owned_by(user=owner))

    assert overview.is_stale


def test_stale_cases_are_flagged_in_the_page(client, owner, case_index):
    case = CasePageFactory(parent=case_index, owners=[owner])
    CaseUpdatePageFactory(parent=case, publication_date=days_ago(90))
    client.force_login(owner)

    content = client.get(reverse("cases:my_cases")).content.decode()

    assert "Ingen oppdatering på 60 dager" in content


@pytest.mark.parametrize(
    ("fields", "measure", "expected"),
    [
        ({"communication_need": ""}, False, AssessmentStatus.MISSING),
        ({"communication_need": "low"}, False, AssessmentStatus.INCOMPLETE),
        (
            {
                "communication_need": "high",
                "communication_audiences": ["citizens"],
                "communication_channels": ["website"],
                "communication_key_messages": "Nytt tilbud.",
            },
            False,
            AssessmentStatus.NO_MEASURES,
        ),
        (
            {
                "communication_need": "high",
                "communication_audiences": ["citizens"],
                "communication_channels": ["website"],
                "communication_key_messages": "Nytt tilbud.",
            },
            True,
            AssessmentStatus.COMPLETE,
        ),
        ({"communication_need": "none"}, False, AssessmentStatus.COMPLETE),
    ],
)
def test_missing_and_weak_assessments_are_flagged(
    client, owner, case_index, fields, measure, expected
):
    case = CasePageFactory(parent=case_index, owners=[owner], live=False, **fields)
    if measure:
        CasePlannedMeasureFactory(case=case)
    client.force_login(owner)

    [overview] = selectors.overviews(selectors.cases_owned_by(user=owner))
    content = client.get(reverse("cases:my_cases")).content.decode()

    assert overview.assessment == expected
    assert str(expected.label) in content


def test_my_cases_runs_a_constant_number_of_queries(
    client, owner, case_index, django_assert_max_num_queries
):
    client.force_login(owner)

    def add_cases(count: int) -> None:
        for number in range(count):
            case = CasePageFactory(parent=case_index, owners=[owner])
            CaseUpdatePageFactory(parent=case, publication_date=days_ago(number))

    def queries(expected_cases: int) -> int:
        # The budget includes the header's unread badge (counted, not kept),
        # promotion statuses and the person's drafts.
        cache.delete(unread_count_key(owner.pk))
        with django_assert_max_num_queries(17) as context:
            response = client.get(reverse("cases:my_cases"))
        assert response.content.decode().count("Ny oppdatering<") == expected_cases
        return len(context.captured_queries)

    add_cases(5)
    client.get(reverse("cases:my_cases"))  # first visit: default subscriptions
    with_five = queries(5)
    add_cases(45)

    assert queries(20) == with_five  # a page of 20, of 50


def test_dashboard_panel_lists_my_cases(client, owner, case):
    client.force_login(owner)

    response = client.get(reverse("wagtailadmin_home"))

    content = response.content.decode()
    assert "Mine saker" in content
    assert case.title in content
    add_url = reverse("composer:update_new", args=[case.pk])
    assert f'href="{add_url}"' in content


def test_communication_team_sees_cases_with_high_need_and_no_measures(
    client, communication_member, owner, case_index
):
    lacking = CasePageFactory(
        parent=case_index,
        title="Ny barnehage",
        owners=[owner],
        communication_need="high",
    )
    planned = CasePageFactory(
        parent=case_index,
        title="Nytt bibliotek",
        owners=[owner],
        communication_need="high",
    )
    CasePlannedMeasureFactory(case=planned)

    client.force_login(communication_member)
    as_team = client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(owner)
    as_owner = client.get(reverse("wagtailadmin_home")).content.decode()

    heading = "Saker med høyt kommunikasjonsbehov uten planlagte tiltak"
    assert heading in as_team
    assert lacking.title in as_team.split(heading)[1]
    assert planned.title not in as_team.split(heading)[1]
    assert heading not in as_owner


def test_an_owner_publishes_an_update_in_two_screens_from_the_dashboard(
    client, owner, case
):
    """Dashboard -> "Ny oppdatering" (the composer) -> Publiser -> the update."""
    client.force_login(owner)

    # Screen 1: the dashboard, with a link per case.
    dashboard = client.get(reverse("wagtailadmin_home"))
    add_url = reverse("composer:update_new", args=[case.pk])
    assert f'href="{add_url}"' in dashboard.content.decode()

    # Screen 2: the composer, reached by that link; publishing lands on the
    # published update with a confirmation.
    data = composer_form(
        client,
        add_url,
        title="Vi er i gang",
        intro="Første uke er gjennomført.",
        action="publish",
    )
    done = client.post(add_url, data, follow=True)

    assert done.status_code == 200
    update = CaseUpdatePage.objects.get(slug="vi-er-i-gang")
    assert update.live
    assert update.get_parent().pk == case.pk
    assert done.redirect_chain[-1][0] == update.url
    assert "Vi er i gang" in done.content.decode()
    assert client.get(case.url).content.decode().count("Vi er i gang") == 1


def test_people_without_cases_get_a_way_to_start_one(client, case_index):
    newcomer = UserFactory(username="nyansatt")
    client.force_login(newcomer)

    content = client.get(reverse("cases:my_cases")).content.decode()

    assert "Du eier ingen saker ennå." in content
    new_case = reverse("composer:case_new", args=[case_index.pk])
    assert f'href="{new_case}"' in content


def test_dashboard_panels_show_ten_cases_and_lead_to_all_of_them(client, case_index):
    person = UserFactory(username="travel", groups=[STAFF, COMMUNICATION])
    for number in range(12):
        CasePageFactory(
            parent=case_index,
            title=f"Sak {number:02}",
            owners=[person],
            communication_need="high",
        )
    client.force_login(person)

    content = client.get(reverse("wagtailadmin_home")).content.decode()

    assert content.count("10 av 12 vist") == 2
    assert f'href="{reverse("cases:my_cases")}"' in content
    assert f'href="{reverse("cases_needing_measures")}"' in content
    assert content.count('class="title"') == 20


def test_the_whole_list_of_cases_needing_measures_is_for_the_team(
    client, case_index, owner, communication_member
):
    for number in range(30):
        CasePageFactory(
            parent=case_index,
            title=f"Trenger tiltak {number:02}",
            owners=[owner],
            communication_need="high",
        )
    url = reverse("cases_needing_measures")

    client.force_login(owner)
    assert client.get(url).status_code == 403

    client.force_login(communication_member)
    first = client.get(url).content.decode()
    second = client.get(url, {"side": 2}).content.decode()
    assert first.count("Trenger tiltak") == 25
    assert second.count("Trenger tiltak") == 5
    assert "30 saker" in first


def test_my_cases_is_paginated(client, owner, case_index):
    for number in range(23):
        CasePageFactory(parent=case_index, title=f"Min sak {number:02}", owners=[owner])
    client.force_login(owner)

    first = client.get(reverse("cases:my_cases")).content.decode()
    second = client.get(reverse("cases:my_cases"), {"side": 2}).content.decode()

    assert first.count("Ny oppdatering<") == 20
    assert second.count("Ny oppdatering<") == 3
    assert "?side=2" in first


def test_the_teams_panel_is_kept_and_follows_every_published_change(
    client, case_index, communication_member
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = CasePageFactory(
        parent=case_index, title="Ny brannstasjon", communication_need="high"
    )
    client.force_login(communication_member)
    home = reverse("wagtailadmin_home")
    assert "Ny brannstasjon" in client.get(home).content.decode()

    with CaptureQueriesContext(connection) as again:
        assert "Ny brannstasjon" in client.get(home).content.decode()
    assert not [
        q
        for q in again.captured_queries
        if '"cases_casepage"."communication_need" =' in q["sql"]
    ]

    CasePageFactory(
        parent=case_index, title="Nytt bibliotek", communication_need="high"
    )
    assert "Nytt bibliotek" in client.get(home).content.decode()

    case.communication_need = "low"
    case.save_revision().publish()
    assert "Ny brannstasjon" not in client.get(home).content.decode()
