"""Pictures where people would rather look than read (issue #25): an update's
picture is a thumbnail on the case's timeline and a responsive picture on the
update itself, in WebP with a JPEG fallback and with its size set."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.cases import CasePageFactory, CaseUpdatePageFactory
from tests.factories.news import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(case_index):
    return CasePageFactory(parent=case_index, title="Ny skolevei")


def pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def test_the_timeline_shows_each_updates_picture_as_a_thumbnail(staff_client, case):
    photo = ImageFactory(file__width=1600, file__height=900)
    CaseUpdatePageFactory(
        parent=case,
        title="Gravingen er i gang",
        hero_image=photo,
        hero_image_alt="Gravemaskin i Skoleveien",
    )
    CaseUpdatePageFactory(parent=case, title="Uten bilde")

    html = staff_client.get(case.url).content.decode()

    [thumbnail] = pictures(html)
    img = re.search(r"<img [^>]*>", thumbnail).group(0)
    assert re.search(r"fill-160x120\.webp 160w, \S+fill-320x240\.webp 320w", thumbnail)
    assert 'alt="Gravemaskin i Skoleveien"' in img
    assert 'loading="lazy"' in img
    assert 'width="160"' in img and 'height="120"' in img
    assert "Uten bilde" in html


@pytest.mark.parametrize("size", [(3000, 40), (40, 2000)])
def test_an_extreme_picture_is_a_small_thumbnail_with_its_size_set(
    staff_client, case, size
):
    width, height = size
    CaseUpdatePageFactory(
        parent=case,
        hero_image=ImageFactory(file__width=width, file__height=height),
        hero_image_alt="Panorama",
    )

    html = staff_client.get(case.url).content.decode()

    [thumbnail] = pictures(html)
    img = re.search(r"<img [^>]*>", thumbnail).group(0)
    shown = re.search(
        r'width="(\d+)" height="(\d+)"|height="(\d+)".*width="(\d+)"', img
    )
    assert shown, img
    assert all(int(number) <= 320 for number in shown.groups() if number)


def test_the_update_page_shows_its_picture_responsive(staff_client, case):
    photo = ImageFactory(file__width=1600, file__height=900)
    update = CaseUpdatePageFactory(
        parent=case, hero_image=photo, hero_image_alt="Ny gangbru"
    )

    html = staff_client.get(update.url).content.decode()

    [picture] = pictures(html)
    assert re.search(r"\.webp 480w, \S+\.webp 800w, \S+\.webp 1200w", picture)
    assert re.search(r"\.jpg 480w, \S+\.jpg 800w, \S+\.jpg 1200w", picture)
    assert 'alt="Ny gangbru"' in picture


def test_the_timeline_reads_the_pictures_in_bulk(staff_client, case):
    """As many queries for eight pictures as for two (their renditions made,
    as after the first reader)."""

    def with_pictures(count: int) -> None:
        for number in range(count):
            image = ImageFactory()
            image.get_renditions(
                *(
                    f"format-{kind}|fill-{size}"
                    for size in ("160x120", "320x240")
                    for kind in ("webp", "jpeg")
                )
            )
            CaseUpdatePageFactory(
                parent=case,
                hero_image=image,
                hero_image_alt="Bilde",
                title=f"Oppdatering {number}",
            )

    def queries() -> tuple[int, str]:
        # The first reading after a change: the page is not in the cache.
        with CaptureQueriesContext(connection) as done:
            html = staff_client.get(case.url).content.decode()
        return len(done.captured_queries), html

    with_pictures(1)
    queries()  # what is read once per process
    with_pictures(1)
    two, _ = queries()
    with_pictures(6)
    eight, html = queries()

    assert len(pictures(html)) == 8
    assert eight == two
