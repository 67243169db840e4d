"""The must-read rules hold outside the editor too (services, the composer):
an audience and a deadline together, and no new deadline in the past."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories.news import NewsPageFactory
from tests.reach.conftest import in_days

pytestmark = pytest.mark.django_db


def messages(page) -> str:
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    return " ".join(
        str(message)
        for errors in raised.value.message_dict.values()
        for message in errors
    )


def test_a_deadline_needs_an_audience(news_index):
    article = NewsPageFactory(parent=news_index)
    article.must_read_until = in_days(3)

    assert "Velg hvem som må lese" in messages(article)


def test_an_audience_needs_a_deadline(news_index, home_care):
    article = NewsPageFactory(parent=news_index)
    article.must_read_units.set([home_care])

    assert "Sett en frist" in messages(article)


def test_a_new_deadline_cannot_be_in_the_past(news_index):
    article = NewsPageFactory(parent=news_index)
    article.must_read_everyone = True
    article.must_read_until = in_days(-1)

    assert "Fristen har gått ut" in messages(article)


def test_today_and_an_unchanged_past_deadline_are_fine(make_must_read):
    article = make_must_read(everyone=True, until=in_days(0))
    article.full_clean()

    type(article).objects.filter(pk=article.pk).update(must_read_until=in_days(-3))
    article.refresh_from_db()
    article.full_clean()
