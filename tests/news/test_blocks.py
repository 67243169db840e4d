"""The story body blocks: each renders with a template and can be previewed."""

import pytest
from django.template.loader import get_template
from django.urls import reverse

from news.models import NewsPage
from tests.factories.news import ImageFactory

pytestmark = pytest.mark.django_db

BLOCKS = NewsPage._meta.get_field("body").stream_block.child_blocks


def preview(client, name: str):
    url = reverse("wagtailadmin_block_preview")
    return client.get(url, {"id": BLOCKS[name].definition_prefix})


def test_story_body_offers_the_blocks_news_needs():
    assert list(BLOCKS) == [
        "heading",
        "paragraph",
        "image",
        "gallery",
        "quote",
        "fact_box",
        "document",
        "embed",
        "call_to_action",
    ]


@pytest.mark.parametrize("name", list(BLOCKS))
def test_every_block_has_its_own_template(name):
    template = get_template(BLOCKS[name].meta.template)

    assert template.origin.name.endswith(f"templates/blocks/{name}_block.html")


def test_every_block_with_something_to_show_can_be_previewed():
    previewable = {name for name, block in BLOCKS.items() if block.is_previewable}

    # A video preview would fetch from the video site; the picker shows the
    # block's help text instead.
    assert previewable == set(BLOCKS) - {"embed"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("heading", "<h2>Slik jobber vi med saken</h2>"),
        ("paragraph", "Hjemmetjenesten tester digitale tilsyn"),
        ("quote", "drivkraft for nyskaping og kompetanse"),
        ("fact_box", '<h2 class="fact-box__title">Fakta</h2>'),
        ("call_to_action", "Les mer om saken"),
    ],
)
def test_block_preview_shows_example_content_in_the_intranet_style(
    editor_client, name, expected
):
    response = preview(editor_client, name)

    assert response.status_code == 200
    content = response.content.decode()
    assert expected in content
    assert "/static/css/site.css" in content


def test_image_block_preview_uses_the_newest_picture(editor_client):
    ImageFactory(title="Gammelt", file__filename="gammelt.jpg")
    ImageFactory(title="Nytt", file__filename="nytt.jpg")

    content = preview(editor_client, "image").content.decode()

    assert "<picture>" in content
    assert "/media/images/nytt." in content
    assert "gammelt" not in content
    assert 'alt="Eksempelbilde"' in content


def test_gallery_preview_shows_the_newest_pictures(editor_client):
    ImageFactory(title="Gammelt", file__filename="gammelt.jpg")
    for name in ("en", "to", "tre"):
        ImageFactory(title=name, file__filename=f"{name}.jpg")

    content = preview(editor_client, "gallery").content.decode()

    assert content.count('class="gallery__item"') == 3
    assert "/media/images/tre." in content
    assert "gammelt" not in content
    assert 'alt="Eksempelbilde 1"' in content


def test_image_gallery_and_document_previews_work_with_an_empty_library(editor_client):
    assert preview(editor_client, "image").status_code == 200
    assert preview(editor_client, "gallery").status_code == 200
    assert preview(editor_client, "document").status_code == 200
