"""Writing news in Wagtail's editor: who may, and what the editor refuses."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from intranet.core.roles import COMMUNICATION, STAFF
from news.models import NewsIndexPage, NewsPage
from tests.factories.core import TopicFactory, UserFactory
from tests.factories.news import ImageFactory

pytestmark = pytest.mark.django_db


def contentstate(*blocks: dict, entities: dict | None = None) -> str:
    """Draftail's JSON for a paragraph, as the editor's browser sends it."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": f"k{n}",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                    **block,
                }
                for n, block in enumerate(blocks)
            ],
            "entityMap": entities or {},
        }
    )


def add_url(index: Page) -> str:
    return reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk))


def article_form(client, index: Page, *, body: list, **fields) -> dict:
    """The editor's own form for a new article, filled in and sent to publish."""
    html = client.get(add_url(index)).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form").dict()
    data.update(
        {"title": "Ny kantine", "slug": "ny-kantine", "intro": "Kantinen åpner."},
        **fields,
    )
    data.update(nested_form_data({"body": streamfield(body)}))
    data["action-publish"] = "action-publish"
    return data


def paragraph(text: str) -> tuple[str, str]:
    return ("paragraph", contentstate({"text": text}))


def test_an_editor_publishes_news_in_the_news_index(editor_client, news_index):
    image = ImageFactory()
    data = article_form(
        editor_client,
        news_index,
        body=[
            paragraph("Frokost fra klokka halv åtte."),
            (
                "image",
                {
                    "image": image.pk,
                    "alt_text": "Kantinen",
                    "caption": "",
                    "credit": "",
                },
            ),
        ],
    )

    response = editor_client.post(add_url(news_index), data)

    assert response.status_code == 302
    article = NewsPage.objects.get(slug="ny-kantine")
    assert article.live
    assert article.owner.username == "redaktor"
    content = editor_client.get(article.url).content.decode()
    assert "Frokost fra klokka halv åtte." in content
    assert 'alt="Kantinen"' in content


def test_communication_team_may_publish_news(client, news_index):
    client.force_login(UserFactory(groups=[STAFF, COMMUNICATION]))

    response = client.post(
        add_url(news_index), article_form(client, news_index, body=[paragraph("Hei")])
    )

    assert response.status_code == 302
    assert NewsPage.objects.get(slug="ny-kantine").live


def test_staff_may_read_news_but_not_write_it(client, news_index):
    client.force_login(UserFactory(groups=[STAFF]))

    response = client.get(add_url(news_index))

    assert response.status_code in (302, 403)
    assert client.get(news_index.url).status_code == 200


def test_image_block_without_alt_text_is_refused(editor_client, news_index):
    image = ImageFactory()
    data = article_form(
        editor_client,
        news_index,
        body=[
            (
                "image",
                {"image": image.pk, "alt_text": "  ", "caption": "", "credit": ""},
            )
        ],
    )

    response = editor_client.post(add_url(news_index), data)

    assert response.status_code == 200
    errors = response.context["form"].errors["body"].as_data()[0].as_json_data()
    assert errors["blockErrors"][0]["blockErrors"]["alt_text"]["messages"] == [
        "Dette feltet er påkrevet."
    ]
    assert not NewsPage.objects.exists()


def test_hero_image_without_alt_text_is_refused(editor_client, news_index):
    data = article_form(
        editor_client,
        news_index,
        body=[paragraph("Hei")],
        hero_image=str(ImageFactory().pk),
        hero_image_alt="",
    )

    response = editor_client.post(add_url(news_index), data)

    assert response.status_code == 200
    assert response.context["form"].errors["hero_image_alt"] == [
        "Alternativ tekst må fylles ut når det er et bilde."
    ]
    assert not NewsPage.objects.exists()


def test_important_article_without_a_last_day_is_refused(editor_client, news_index):
    data = article_form(
        editor_client, news_index, body=[paragraph("Hei")], important="on"
    )

    response = editor_client.post(add_url(news_index), data)

    assert response.status_code == 200
    assert response.context["form"].errors["important_until"] == [
        "Velg den siste dagen en viktig nyhet skal stå festet."
    ]


def test_script_in_body_text_never_reaches_the_page(editor_client, news_index):
    link = {
        "type": "LINK",
        "mutability": "MUTABLE",
        "data": {"url": "javascript:alert(2)"},
    }
    data = article_form(
        editor_client,
        news_index,
        intro="Ingress <script>alert(3)</script>",
        body=[
            paragraph("Før <script>alert(1)</script> etter"),
            (
                "paragraph",
                contentstate(
                    {
                        "text": "Trykk her",
                        "entityRanges": [{"offset": 0, "length": 9, "key": 0}],
                    },
                    entities={"0": link},
                ),
            ),
        ],
    )

    assert editor_client.post(add_url(news_index), data).status_code == 302
    content = editor_client.get(NewsPage.objects.get().url).content.decode()

    assert "<script>alert(" not in content
    assert "javascript:alert" not in content
    assert "Før &lt;script&gt;alert(1)&lt;/script&gt; etter" in content
    assert "Trykk her" in content


def test_a_new_news_index_made_in_the_admin_is_open_to_editors(
    client, home_page, editor
):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse(
        "wagtailadmin_pages:add", args=("news", "newsindexpage", home_page.pk)
    )
    data = querydict_from_html(
        client.get(url).content.decode(), form_id="page-edit-form"
    )
    data = data.dict() | {"title": "Nyheter", "slug": "nyheter", "action-publish": "1"}

    assert client.post(url, data).status_code == 302

    index = NewsIndexPage.objects.get()
    client.force_login(editor)
    assert client.get(add_url(index)).status_code == 200


def test_an_editor_writes_the_story_fields_on_the_first_tab_and_pins_on_the_second(
    editor_client, news_index
):
    TopicFactory(name="Kantine")
    page = BeautifulSoup(editor_client.get(add_url(news_index)).content, "html.parser")

    def names(element) -> set[str]:
        return {tag["name"] for tag in element.select("[name]")}

    content, promote = page.select("section[role=tabpanel]")
    assert {"unit", "topics", "tags", "positioning_themes", "nomination_text"} <= (
        names(content)
    )
    assert {"important", "important_until"} <= names(promote)
    # The address, title tag, meta description and menus are the communication
    # team's; an editor's article gets its address from the title.
    assert not names(page) & {"slug", "seo_title", "search_description"}
    assert not names(page) & {"show_in_menus"}
