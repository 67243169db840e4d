"""Followed searches saved before their PostgreSQL text was stored folded are
stored as a search followed today once the migration has run, so the two
hear of the same pages."""

import pytest
from django.conf import settings

from intranet.subscriptions import services
from intranet.subscriptions.models import Subscription
from search import text
from search.query import SearchQuery
from tests.migrating import migrated_to

BEFORE = [("subscriptions", "0007_review_kind")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_followed_texts_are_stored_folded_as_new_ones_are():
    with migrated_to(BEFORE) as apps:
        reader = apps.get_model(settings.AUTH_USER_MODEL).objects.create(
            username="leser", email="leser@example.org"
        )
        typed = text.parse("Sørumsand skolevei")
        followed = apps.get_model("subscriptions", "Subscription").objects.create(
            user=reader,
            name="Skolevei",
            query={"q": "Sørumsand skolevei"},
            kind_count=0,
            text_fts=text.to_fts5(typed),
            text_tsquery=text.to_tsquery(typed),  # as stored before: not folded
        )
        assert "ø" in followed.text_tsquery

    stored = Subscription.objects.get(pk=followed.pk)
    today = Subscription()
    services._store_text(today, SearchQuery(text="Sørumsand skolevei"))
    assert stored.text_tsquery == today.text_tsquery
    assert "ø" not in stored.text_tsquery
