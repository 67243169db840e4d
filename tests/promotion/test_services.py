import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from intranet.promotion import services
from intranet.promotion.models import (
    ALLOWED_TRANSITIONS,
    Promotion,
    PromotionStatus,
)
from intranet.subscriptions.delivery import notifications_deliver_immediate
from tests.factories.core import publish
from tests.factories.news import ImageFactory, NewsPageFactory
from tests.factories.promotion import PromotionFactory

pytestmark = pytest.mark.django_db

ALL_PAIRS = [
    (source, target)
    for source in PromotionStatus.values
    for target in PromotionStatus.values
]
ALLOWED = [(s, t) for s, t in ALL_PAIRS if t in ALLOWED_TRANSITIONS[s]]
FORBIDDEN = [(s, t) for s, t in ALL_PAIRS if t not in ALLOWED_TRANSITIONS[s]]


def ready_promotion(status: str) -> Promotion:
    return PromotionFactory(
        status=status, external_urls="https://www.kommune.no/nyhet/1"
    )


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_allowed_transition_changes_status_and_is_logged(source, target, team_member):
    promotion = ready_promotion(source)
    services.promotion_transition(
        promotion=promotion, to_status=target, user=team_member, comment="Fordi."
    )
    promotion.refresh_from_db()
    assert promotion.status == target
    event = promotion.events.get()
    assert (event.from_status, event.to_status, event.user) == (
        source,
        target,
        team_member,
    )
    assert event.comment == "Fordi."


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_forbidden_transition_is_refused_in_norwegian(source, target, team_member):
    promotion = ready_promotion(source)
    with pytest.raises(ValidationError) as raised:
        services.promotion_transition(
            promotion=promotion, to_status=target, user=team_member, comment="x"
        )
    promotion.refresh_from_db()
    assert promotion.status == source
    assert not promotion.events.exists()
    assert "kan ikke gå fra" in raised.value.messages[0]


def test_the_workflow_covers_the_issue_path():
    path = ["candidate", "shortlisted", "approved", "published"]
    for source, target in zip(path, path[1:], strict=False):
        assert target in ALLOWED_TRANSITIONS[source]
    # Published outside, it can only be taken back.
    assert ALLOWED_TRANSITIONS["published"] == frozenset({"withdrawn"})


def test_taking_back_a_published_promotion_needs_a_reason(team_member):
    promotion = ready_promotion("published")
    with pytest.raises(ValidationError) as raised:
        services.promotion_transition(
            promotion=promotion, to_status="withdrawn", user=team_member, comment=" "
        )
    assert "begrunnelse" in raised.value.messages[0]
    promotion.refresh_from_db()
    assert promotion.status == "published"
    assert not promotion.events.exists()


def test_approval_needs_rights_confirmation_when_there_is_an_image(team_member):
    promotion = PromotionFactory(
        status="shortlisted", image=ImageFactory(), image_alt="Et bilde"
    )
    with pytest.raises(ValidationError) as raised:
        services.promotion_transition(
            promotion=promotion, to_status="approved", user=team_member
        )
    assert any("rettigheter" in message for message in raised.value.messages)
    promotion.rights_confirmed = True
    promotion.save()
    services.promotion_transition(
        promotion=promotion, to_status="approved", user=team_member
    )
    assert promotion.status == "approved"


def test_approval_needs_rights_confirmation_when_a_person_is_named(team_member):
    promotion = PromotionFactory(status="shortlisted", names_person=True)
    with pytest.raises(ValidationError):
        services.promotion_transition(
            promotion=promotion, to_status="approved", user=team_member
        )
    assert Promotion.objects.get().status == "shortlisted"


def test_approval_without_image_or_person_needs_no_confirmation(team_member):
    promotion = PromotionFactory(status="shortlisted")
    services.promotion_transition(
        promotion=promotion, to_status="approved", user=team_member
    )
    assert Promotion.objects.get().status == "approved"


def test_approval_is_refused_without_external_text(team_member):
    promotion = PromotionFactory(
        status="shortlisted", external_title="", external_lead="", external_body=""
    )
    with pytest.raises(ValidationError) as raised:
        services.promotion_transition(
            promotion=promotion, to_status="approved", user=team_member
        )
    assert "Skriv en ekstern tittel før godkjenning." in raised.value.messages
    assert "Skriv en ekstern tekst før godkjenning." in raised.value.messages


def test_rejection_needs_a_reason_and_keeps_it(team_member):
    promotion = PromotionFactory()
    with pytest.raises(ValidationError):
        services.promotion_transition(
            promotion=promotion, to_status="rejected", user=team_member, comment=" "
        )
    services.promotion_transition(
        promotion=promotion,
        to_status="rejected",
        user=team_member,
        comment="Ligner for mye på en sak fra i fjor.",
    )
    promotion.refresh_from_db()
    assert promotion.rejection_reason == "Ligner for mye på en sak fra i fjor."


def test_publishing_externally_needs_an_address_and_records_the_time(team_member):
    promotion = PromotionFactory(status="approved")
    with pytest.raises(ValidationError):
        services.promotion_transition(
            promotion=promotion, to_status="published", user=team_member
        )
    promotion.external_urls = "https://www.kommune.no/a\n\nhttps://www.kommune.no/b"
    promotion.save()
    services.promotion_transition(
        promotion=promotion, to_status="published", user=team_member
    )
    assert promotion.published_externally_at is not None
    assert promotion.external_url_list == [
        "https://www.kommune.no/a",
        "https://www.kommune.no/b",
    ]


def test_a_stale_edit_is_refused_and_the_first_one_kept():
    promotion = PromotionFactory()
    first = Promotion.objects.get(pk=promotion.pk)
    second = Promotion.objects.get(pk=promotion.pk)
    services.promotion_update(
        promotion=first, version=first.version, external_title="Fra Anne"
    )
    with pytest.raises(services.StaleEdit):
        services.promotion_update(
            promotion=second, version=second.version, external_title="Fra Ola"
        )
    assert Promotion.objects.get().external_title == "Fra Anne"


def test_publishing_a_story_with_a_theme_makes_a_candidate():
    page = NewsPageFactory()
    publish(
        page,
        positioning_themes=["competence", "innovation"],
        nomination_text="Vi var først.",
    )
    promotion = Promotion.objects.get(page=page)
    assert promotion.status == "candidate"
    assert promotion.external_title == page.title
    assert promotion.theme_list == ["competence", "innovation"]
    assert promotion.events.get().to_status == "candidate"


def test_publishing_a_story_without_a_theme_makes_nothing():
    publish(NewsPageFactory())
    assert not Promotion.objects.exists()


def test_publishing_again_does_not_duplicate_but_updates_themes():
    page = NewsPageFactory()
    publish(page, positioning_themes=["innovation"], nomination_text="Nytt.")
    publish(page, positioning_themes=["competence"], nomination_text="Kunnskap.")
    assert Promotion.objects.get().theme_list == ["competence"]


def test_unpublishing_withdraws_and_tells_the_team(team_member):
    page = NewsPageFactory()
    publish(page, positioning_themes=["innovation"], nomination_text="Nytt.")
    page.unpublish()
    promotion = Promotion.objects.get()
    assert promotion.status == "withdrawn"
    assert notifications_deliver_immediate() == (1, 0)
    assert mail.outbox[0].to == [team_member.email]
    assert page.title in mail.outbox[0].body
    publish(page)
    assert Promotion.objects.get().status == "candidate"


def test_unpublishing_leaves_an_externally_published_promotion_alone():
    promotion = PromotionFactory(status="published")
    promotion.page.unpublish()
    promotion.refresh_from_db()
    assert promotion.status == "published"


def test_only_stories_can_be_added_by_hand(home_page):
    with pytest.raises(ValidationError):
        services.promotion_create(page=home_page)
