import datetime
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from intranet.subscriptions.selectors import unread_count_key
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UnitFactory, publish
from tests.factories.news import NewsPageFactory
from tests.factories.promotion import PromotionFactory

pytestmark = pytest.mark.django_db

SHOWCASE = "/vi-viser-det/"


def story(title: str, themes: list[str], **kwargs):
    page = NewsPageFactory(title=title, **kwargs)
    return publish(
        page, positioning_themes=themes, nomination_text=f"Fordi {title} viser det."
    )


def test_showcase_needs_a_login(client):
    response = client.get(SHOWCASE)
    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"]


def test_showcase_lists_positioning_stories_with_the_why(staff_client):
    story("Robotstøvsuger", ["innovation"])
    publish(NewsPageFactory(title="Vanlig nyhet"))
    content = staff_client.get(SHOWCASE).content.decode()
    assert "Robotstøvsuger" in content
    assert "Fordi Robotstøvsuger viser det." in content
    assert "Vanlig nyhet" not in content


def test_showcase_shows_each_storys_picture_as_a_thumbnail(staff_client):
    from tests.factories.news import ImageFactory

    story(
        "Robotstøvsuger",
        ["innovation"],
        hero_image=ImageFactory(file__width=1600, file__height=900),
        hero_image_alt="Robot på kjøkkengulvet",
    )
    story("Uten bilde", ["competence"])

    content = staff_client.get(SHOWCASE).content.decode()

    assert "Uten bilde" in content
    assert content.count("<picture>") == 1
    assert re.search(r"fill-160x120\.webp 160w, \S+fill-320x240\.webp 320w", content)
    assert 'alt="Robot på kjøkkengulvet"' in content
    assert 'loading="lazy"' in content


def test_showcase_filters_by_theme_unit_and_period(staff_client):
    school = UnitFactory(name="Skole", slug="skole")
    story("Nytt", ["innovation"], unit=school)
    story("Kunnskap", ["competence"])
    old = story("Gammel", ["competence"])
    old_time = timezone.now() - datetime.timedelta(days=400)
    old.first_published_at = old.last_published_at = old_time
    old.date = old_time.date()
    publish(old, first_published_at=old_time)

    themed = staff_client.get(SHOWCASE, {"theme": "competence"}).content.decode()
    assert "Kunnskap" in themed
    assert "Nytt" not in themed
    by_unit = staff_client.get(SHOWCASE, {"unit": "skole"}).content.decode()
    assert "Nytt" in by_unit
    assert "Kunnskap" not in by_unit
    since = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    recent = staff_client.get(SHOWCASE, {"from": since}).content.decode()
    assert "Kunnskap" in recent
    assert "Gammel" not in recent


def test_showcase_bad_input_is_a_notice_not_an_error(staff_client):
    response = staff_client.get(SHOWCASE, {"theme": "tull", "from": "i går"})
    assert response.status_code == 200
    assert "tull" in response.content.decode()


def test_my_cases_shows_the_promotion_status_and_reason(
    client, staff_user, home_page, django_assert_max_num_queries
):
    case_index = CaseIndexPageFactory(parent=home_page)
    case = CasePageFactory(parent=case_index, owners=[staff_user])
    update = CaseUpdatePageFactory(parent=case, title="Vår oppdatering")
    PromotionFactory(
        page=update, status="rejected", rejection_reason="For likt i fjor."
    )
    client.force_login(staff_user)
    url = reverse("cases:my_cases")
    content = client.get(url).content.decode()
    assert "Vår oppdatering" in content
    assert "Avvist" in content
    assert "For likt i fjor." in content
    # Both measured requests count the unread notifications.
    cache.delete(unread_count_key(staff_user.pk))
    with django_assert_max_num_queries(40) as captured:
        client.get(url)
    for number in range(3):
        PromotionFactory(
            page=CaseUpdatePageFactory(parent=case, title=f"Flere {number}")
        )
    cache.delete(unread_count_key(staff_user.pk))
    with django_assert_max_num_queries(len(captured.captured_queries)):
        client.get(url)
