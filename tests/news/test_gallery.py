"""The picture gallery of a story (issue #25): thumbnails in WebP and JPEG that
link to the full size, and an editor who is told what is missing in Norwegian."""

import re

import pytest
from django.conf import settings
from PIL import Image as PILImage
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsPage
from tests.factories.news import ImageFactory, NewsPageFactory
from tests.news.test_editor import add_url, article_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def photos(db):
    return [
        ImageFactory(file__width=2400, file__height=1350, file__format="JPEG")
        for _ in range(3)
    ]


def gallery(*items: tuple) -> tuple[str, dict]:
    """A gallery block for a body: (image, alt text, caption) per picture."""
    return (
        "gallery",
        {
            "images": [
                {"image": image, "alt_text": alt, "caption": caption}
                for image, alt, caption in items
            ]
        },
    )


def media_file(url: str) -> PILImage.Image:
    return PILImage.open(settings.MEDIA_ROOT / url.removeprefix("/media/"))


def test_a_gallery_shows_each_picture_as_a_lazy_thumbnail_linking_to_its_full_size(
    staff_client, news_index, photos
):
    article = NewsPageFactory(
        parent=news_index,
        body=[
            gallery(
                (photos[0], "Brua over elva", "Den nye brua"),
                (photos[1], "Gangstien langs elva", ""),
                (photos[2], "Benker ved vannet", "Hvileplass"),
            )
        ],
    )

    html = staff_client.get(article.url).content.decode()

    items = re.findall(r'<li class="gallery__item">.*?</li>', html, re.S)
    assert len(items) == 3
    for item, alt in zip(
        items,
        ["Brua over elva", "Gangstien langs elva", "Benker ved vannet"],
        strict=True,
    ):
        source = re.search(r"<source [^>]*>", item).group(0)
        img = re.search(r"<img [^>]*>", item).group(0)
        assert 'type="image/webp"' in source
        assert re.search(r"fill-320x240\.webp 320w, \S+fill-640x480\.webp 640w", source)
        assert re.search(r'src="[^"]+fill-320x240\.jpg"', img)
        assert f'alt="{alt}"' in img
        assert 'loading="lazy"' in img
        link = re.search(r'<a class="gallery__link" href="([^"]+)"', item).group(1)
        with media_file(link) as full:
            assert (full.format, full.width) == ("JPEG", 1600)
        webp = re.search(r'data-webp="([^"]+)"', item).group(1)
        with media_file(webp) as full:
            assert (full.format, full.width) == ("WEBP", 1600)
    assert "<figcaption>Den nye brua</figcaption>" in items[0]
    assert "<figcaption" not in items[1]
    assert "<figcaption>Hvileplass</figcaption>" in items[2]


def test_the_gallerys_buttons_are_labelled_in_norwegian(
    staff_client, news_index, photos
):
    article = NewsPageFactory(
        parent=news_index,
        body=[gallery((photos[0], "Brua", ""), (photos[1], "Stien", ""))],
    )

    html = staff_client.get(article.url).content.decode()

    root = re.search(r"<div class=\"gallery\" data-gallery[^>]*>", html).group(0)
    assert 'data-label="Bildegalleri"' in root
    assert 'data-previous-label="Forrige bilde"' in root
    assert 'data-next-label="Neste bilde"' in root
    assert 'data-close-label="Lukk"' in root
    assert 'data-position-label="Bilde {current} av {total}"' in root


def test_a_picture_deleted_from_the_library_leaves_the_rest_of_the_gallery(
    staff_client, news_index, photos
):
    article = NewsPageFactory(
        parent=news_index,
        body=[gallery((photos[0], "Brua", ""), (photos[1], "Stien", ""))],
    )
    photos[0].delete()

    response = staff_client.get(article.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="gallery__item"') == 1
    assert 'alt="Stien"' in html


def gallery_form(*items: dict) -> dict:
    """A gallery block's form data, as the editor's browser sends it."""
    return {
        "images": {
            "count": str(len(items)),
            **{
                str(n): {"value": item, "deleted": "", "order": str(n), "id": ""}
                for n, item in enumerate(items)
            },
        }
    }


def picture(image, alt_text: str, caption: str = "") -> dict:
    return {"image": str(image.pk), "alt_text": alt_text, "caption": caption}


def publish(client, index, *items: dict):
    data = article_form(client, index, body=[])
    data.update(
        nested_form_data({"body": streamfield([("gallery", gallery_form(*items))])})
    )
    return client.post(add_url(index), data)


def gallery_errors(response) -> dict:
    body_errors = response.context["form"].errors["body"].as_data()[0]
    return body_errors.as_json_data()["blockErrors"][0]["blockErrors"]["images"]


def test_an_editor_publishes_a_gallery(editor_client, news_index, photos):
    response = publish(
        editor_client,
        news_index,
        picture(photos[0], "Brua over elva", "Den nye brua"),
        picture(photos[1], "Gangstien"),
    )

    assert response.status_code == 302
    article = NewsPage.objects.get(slug="ny-kantine")
    html = editor_client.get(article.url).content.decode()
    assert html.count('class="gallery__item"') == 2
    assert 'alt="Brua over elva"' in html
    edit = editor_client.get(f"/admin/pages/{article.pk}/edit/")
    assert edit.status_code == 200


@pytest.mark.parametrize("alt_text", ["", "   "])
def test_a_gallery_picture_without_alt_text_is_refused(
    editor_client, news_index, photos, alt_text
):
    response = publish(
        editor_client,
        news_index,
        picture(photos[0], "Brua over elva"),
        picture(photos[1], alt_text),
    )

    assert response.status_code == 200
    errors = gallery_errors(response)["blockErrors"]
    assert list(errors) == [1]
    assert errors[1]["blockErrors"]["alt_text"]["messages"] == [
        "Dette feltet er påkrevet."
    ]
    assert not NewsPage.objects.exists()


def test_a_gallery_of_one_picture_is_refused(editor_client, news_index, photos):
    response = publish(editor_client, news_index, picture(photos[0], "Brua"))

    assert response.status_code == 200
    assert gallery_errors(response)["messages"] == [
        "Et bildegalleri må ha minst 2 bilder."
    ]
    assert not NewsPage.objects.exists()


def test_a_gallery_of_thirteen_pictures_is_refused(editor_client, news_index, photos):
    response = publish(
        editor_client,
        news_index,
        *[picture(photos[n % 3], f"Bilde {n}") for n in range(13)],
    )

    assert response.status_code == 200
    assert gallery_errors(response)["messages"] == [
        "Et bildegalleri kan ha høyst 12 bilder."
    ]
    assert not NewsPage.objects.exists()
