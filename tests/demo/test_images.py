"""Generated demo pictures: real JPEGs, drawn once per title."""

import random

import pytest
from PIL import Image as PILImage
from wagtail.images.models import Image

from intranet.demo.images import demo_image

pytestmark = pytest.mark.usefixtures("demo")


def test_demo_image_is_a_real_jpeg_and_is_reused_by_title():
    first = demo_image(title="Ny barnehage på Frogner", rng=random.Random(1))
    again = demo_image(title="Ny barnehage på Frogner", rng=random.Random(2))

    assert again.pk == first.pk
    with first.open_file() as handle, PILImage.open(handle) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (1200, 675)
    assert (first.width, first.height) == (1200, 675)


def test_every_seeded_picture_has_its_file():
    images = Image.objects.all()
    assert images.count() >= 40
    for image in images:
        with image.open_file() as handle, PILImage.open(handle) as picture:
            assert picture.size == (1200, 675)


def test_a_picture_shows_its_topic_and_the_seeded_ones_are_varied():
    school = demo_image(
        title="Ny skole", rng=random.Random(1), topics=("Skole", "Digitalisering")
    )
    road = demo_image(title="Ny gang- og sykkelvei", rng=random.Random(1))
    forest = demo_image(title="Et bilde", rng=random.Random(1), topics=("Klima",))

    def corner(image) -> tuple:
        with image.open_file() as handle, PILImage.open(handle) as picture:
            return tuple(value // 16 for value in picture.getpixel((2, 2)))

    # Each subject has its own colours (the school's blue, the road's grey,
    # the forest's green), and the seeded stories use many subjects.
    assert len({corner(school), corner(road), corner(forest)}) == 3
    seeded = Image.objects.filter(file__startswith="original_images/demo-")
    assert len({corner(image) for image in seeded}) >= 8


def test_a_seeded_story_has_a_gallery_whose_pictures_say_what_they_show():
    from news.models import NewsPage

    story = NewsPage.objects.get(title="Kulturskolen fyller 40 år")
    [gallery] = [block for block in story.body if block.block_type == "gallery"]
    items = gallery.value["images"]

    assert [item["caption"] for item in items] == [
        "Jubileumskonsert i kulturhuset",
        "Elevene øver til teaterforestillingen",
        "Åpen dag: utstilling i biblioteket",
    ]
    # Each picture is drawn after its caption, and its alt text says what it shows.
    assert items[0]["alt_text"] == "Tegning: en musikknote"
    assert items[2]["alt_text"] == "Tegning: bøker i en hylle"
    assert story.hero_image_alt.startswith("Tegning: ")
