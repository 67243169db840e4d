import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from intranet.core.roles import EDITORS, STAFF
from tests.factories.core import UserFactory
from tests.factories.news import ImageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def rendition_formats(html: str) -> dict[str, str]:
    """Map each rendition URL in `html` to the format Pillow finds in the file."""
    from django.conf import settings

    formats = {}
    for url in set(re.findall(r"/media/(images/[^\s\"]+)", html)):
        with PILImage.open(settings.MEDIA_ROOT / url) as image:
            formats[url] = image.format
    return formats


@pytest.fixture
def photo(db):
    return ImageFactory(file__width=1600, file__height=900, file__format="JPEG")


def test_hero_image_is_responsive_webp_with_a_jpeg_fallback(
    staff_client, news_index, photo
):
    article = NewsPageFactory(
        parent=news_index, hero_image=photo, hero_image_alt="Elever med læringsbrett"
    )

    html = staff_client.get(article.url).content.decode()

    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    source = re.search(r"<source [^>]*>", picture).group(0)
    img = re.search(r"<img [^>]*>", picture).group(0)
    assert 'type="image/webp"' in source
    assert re.search(r"\.webp 480w, \S+\.webp 800w, \S+\.webp 1200w", source)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert re.search(r"\.jpg 480w, \S+\.jpg 800w, \S+\.jpg 1200w", img)
    assert 'alt="Elever med læringsbrett"' in img
    assert "sizes=" in source and "sizes=" in img
    formats = rendition_formats(picture)
    assert sorted(set(formats.values())) == ["JPEG", "WEBP"]
    assert all(
        fmt == ("WEBP" if url.endswith(".webp") else "JPEG")
        for url, fmt in formats.items()
    )


def test_image_block_is_responsive_webp_with_a_jpeg_fallback(
    staff_client, news_index, photo
):
    article = NewsPageFactory(
        parent=news_index,
        body=[
            (
                "image",
                {
                    "image": photo,
                    "alt_text": "Kart over skoleveien",
                    "caption": "Ny rute",
                },
            )
        ],
    )

    html = staff_client.get(article.url).content.decode()

    figure = re.search(r'<figure class="story-figure">.*?</figure>', html, re.S).group(
        0
    )
    assert '<source sizes="(min-width: 48rem) 46rem, 100vw"' in figure
    assert 'type="image/webp"' in figure
    assert 'alt="Kart over skoleveien"' in figure
    assert "<figcaption>Ny rute" in figure
    assert sorted(set(rendition_formats(figure).values())) == ["JPEG", "WEBP"]


def test_news_cards_use_small_renditions(staff_client, news_index, photo):
    NewsPageFactory(parent=news_index, hero_image=photo, hero_image_alt="Et bilde")

    html = staff_client.get(news_index.url).content.decode()

    assert re.search(r"fill-400x225\.webp 400w, \S+fill-800x450\.webp 800w", html)
    assert 'loading="lazy"' in html


# Uploads through Wagtail's image library, as an editor sees them.


def png(width: int, height: int, *, pixel_data: bool = True) -> bytes:
    """A greyscale PNG. Without pixel data it is only a header (a "bomb")."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    compressor = zlib.compressobj()
    data = b""
    if pixel_data:
        row = b"\x00" * (width + 1)
        data = b"".join(compressor.compress(row) for _ in range(height))
    data += compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def jpeg(width: int = 40, height: int = 30) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


NOT_AN_IMAGE = (
    "Last opp et gyldig bilde. Filen du lastet opp var ødelagt eller ikke et bilde."
)

BAD_UPLOADS = {
    "damaged JPEG": (
        "skadet.jpg",
        jpeg()[:60] + b"\x00" * 200,
        NOT_AN_IMAGE,
    ),
    "PDF": (
        "rapport.pdf",
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        NOT_AN_IMAGE,
    ),
    "text with an image name": (
        "notater.png",
        b"Dette er bare tekst.",
        NOT_AN_IMAGE,
    ),
    "PNG named JPEG": (
        "bilde.jpg",
        png(10, 10),
        "Ikke et gyldig .jpeg bilde.",
    ),
    "48 megapixels": (
        "stort.png",
        png(8000, 6000),
        "Bildet er for stort: 8000 × 6000 piksler (48,0 megapiksler). "
        "Vi tar imot inntil 40,0 megapiksler.",
    ),
    "decompression bomb": (
        "bombe.png",
        png(30000, 30000, pixel_data=False),
        "Bildet har for mange piksler til å åpnes trygt. "
        "Vi tar imot inntil 40,0 megapiksler.",
    ),
    "over 10 MB": (
        "tungt.png",
        png(10, 10) + b"\x00" * (10 * 1024 * 1024 + 1),
        "Denne fila er for stor (10,0\xa0MB). Maksimal filstørrelse er 10,0\xa0MB.",
    ),
}


@pytest.fixture
def editor_upload_client(client):
    client.force_login(UserFactory(groups=[STAFF, EDITORS]))
    return client


@pytest.mark.parametrize("case", BAD_UPLOADS)
def test_bad_upload_gets_a_clear_norwegian_message(editor_upload_client, case):
    name, content, message = BAD_UPLOADS[case]

    response = editor_upload_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert message in response.json()["error_message"]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize("case", ["damaged JPEG", "decompression bomb"])
def test_single_upload_form_shows_the_message_too(editor_upload_client, case):
    name, content, message = BAD_UPLOADS[case]

    response = editor_upload_client.post(
        reverse("wagtailimages:add"),
        {"title": "Bilde", "file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_image_model().objects.exists()


def test_a_good_upload_still_works(editor_upload_client):
    response = editor_upload_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": SimpleUploadedFile("kantine.jpg", jpeg(800, 450))},
    )

    assert response.json()["success"] is True
    image = get_image_model().objects.get()
    assert (image.width, image.height) == (800, 450)


def test_editing_an_image_without_a_new_file_keeps_the_file(editor_upload_client):
    image = ImageFactory(title="Gammel tittel")
    original = image.file.name

    response = editor_upload_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": "Kantinen i rådhuset", "collection": image.collection_id},
    )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Kantinen i rådhuset"
    assert image.file.name == original
