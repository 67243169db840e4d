import datetime

import pytest

from intranet.planning import selectors
from intranet.planning.models import ActivityStatus
from tests.factories.core import UnitFactory
from tests.factories.planning import ActivityFactory

pytestmark = pytest.mark.django_db


def test_planned_vs_done_by_month_counts_per_month_and_filter(owner):
    school = UnitFactory(slug="skole")
    today = datetime.date(2027, 6, 15)
    ActivityFactory(
        start_date=datetime.date(2027, 3, 1), status=ActivityStatus.DONE, unit=school
    )
    ActivityFactory(start_date=datetime.date(2027, 3, 9))  # overdue
    ActivityFactory(
        start_date=datetime.date(2027, 3, 20), status=ActivityStatus.CANCELLED
    )
    ActivityFactory(
        start_date=datetime.date(2027, 8, 1), unit=school, channels=["press"]
    )
    ActivityFactory(start_date=datetime.date(2026, 3, 1))  # another year

    figures = selectors.planned_vs_done_by_month(year=2027, today=today)

    assert len(figures) == 12
    march = figures[2]
    assert (march.planned, march.done, march.overdue, march.open) == (2, 1, 1, 0)
    assert (figures[7].planned, figures[7].done) == (1, 0)
    assert sum(month.planned for month in figures) == 3

    school_only = selectors.planned_vs_done_by_month(
        year=2027, today=today, unit=school
    )
    assert [month.planned for month in school_only if month.planned] == [1, 1]
    press = selectors.planned_vs_done_by_month(year=2027, today=today, channel="press")
    assert [month.month for month in press if month.planned] == [8]


def test_an_activity_over_new_year_shows_in_january(owner):
    ActivityFactory(
        title="Vinterdrift",
        start_date=datetime.date(2026, 12, 20),
        end_date=datetime.date(2027, 1, 10),
    )

    months = selectors.year_plan(year=2027, user=owner)

    assert [a.title for a in months[0].activities] == ["Vinterdrift"]
