"""Followed searches saved before synonyms reached them hear of what their
synonyms find once the migration has run."""

import pytest
from django.conf import settings

from intranet.subscriptions.models import Subscription
from search import text
from tests.migrating import migrate

BEFORE = [("subscriptions", "0004_analysed_text")]


# serialized_rollback: the flush at the end must not take the role groups and
# the site (made by migrations) from the tests after it in the same process.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_followed_searches_are_stored_again_with_their_synonyms():
    apps = migrate(BEFORE)
    try:
        User = apps.get_model(settings.AUTH_USER_MODEL)
        Subscription_ = apps.get_model("subscriptions", "Subscription")
        SynonymGroup = apps.get_model("search", "SynonymGroup")
        SynonymGroup.objects.create(terms="SFO\nskolefritidsordning")
        reader = User.objects.create(username="leser", email="leser@example.org")
        typed = text.parse("SFO")
        followed = Subscription_.objects.create(
            user=reader,
            name="SFO",
            query={"q": "SFO"},
            kind_count=0,
            text_fts=text.to_fts5(typed),
            text_tsquery=text.to_tsquery(typed),
        )
        other = Subscription_.objects.create(
            user=reader,
            name="Vei",
            query={"q": "vei"},
            kind_count=0,
            text_fts=text.to_fts5(text.parse("vei")),
            text_tsquery=text.to_tsquery(text.parse("vei")),
        )
    finally:
        migrate()

    expanded = Subscription.objects.get(pk=followed.pk)
    assert text.stem("skolefritidsordning") in expanded.text_tsquery
    assert text.stem("skolefritidsordning") in expanded.text_fts
    unchanged = Subscription.objects.get(pk=other.pk)
    assert unchanged.text_tsquery == text.to_tsquery(text.parse("vei"))
