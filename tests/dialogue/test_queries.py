"""The comment area and the listings' counts cost the same at any size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import CasePage
from intranet.dialogue.models import Comment
from tests.factories.cases import CaseUpdatePageFactory
from tests.factories.core import UserFactory
from tests.factories.dialogue import CommentFactory, ReactionFactory
from tests.factories.news import NewsPageFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> tuple[int, str]:
    # Warm caches (content types, renditions, and the person's read of the
    # story today, which a test's transaction never commits: known after the
    # second look, as after the first one's commit in a real request).
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response.content.decode()


def add_comments(page, count: int, people: list, *, mention: str = "") -> None:
    tops = Comment.objects.bulk_create(
        Comment(
            page_id=page.pk,
            author=people[n % len(people)],
            text=f"Innspill {n} {mention}",
        )
        for n in range(count // 2)
    )
    Comment.objects.bulk_create(
        Comment(
            page_id=page.pk,
            parent=tops[n % len(tops)],
            author=people[(n + 1) % len(people)],
            text=f"Svar {n} {mention}",
        )
        for n in range(count - len(tops))
    )


@pytest.fixture
def people(db):
    return [UserFactory(username=f"kollega{n}") for n in range(12)]


@pytest.mark.parametrize("story", ["article", "update"])
def test_a_story_with_200_comments_costs_what_one_with_none_does(
    request, colleague_client, people, story
):
    page = request.getfixturevalue(story)
    # Both with every comment shown («Vis alle»).
    empty, _html = queries_for(colleague_client, page.url + "?kommentarer=alle")

    add_comments(page, 200, people)
    for person in people:
        ReactionFactory(page=page, user=person, kind="like")
    full, html = queries_for(colleague_client, page.url + "?kommentarer=alle")

    assert html.count('class="comment comment--shown"') == 200
    assert "200 kommentarer" in html
    assert full == empty


def test_a_busy_story_shows_its_newest_threads_and_a_link_to_the_rest(
    colleague_client, article, people
):
    """100 threads of 2 comments: the newest 5 threads (10 comments) show,
    the oldest first among them, with a link to the 190 before them."""
    add_comments(article, 200, people)

    html = colleague_client.get(article.url).content.decode()

    assert html.count('class="comment comment--shown"') == 10
    assert "200 kommentarer" in html
    assert '<a href="?kommentarer=alle#comments">Vis 190 eldre kommentarer</a>' in html
    assert "Innspill 95 " in html and "Innspill 99 " in html
    assert "Innspill 94 " not in html
    assert html.index("Innspill 95 ") < html.index("Innspill 99 ")


def test_a_busy_story_reads_only_the_comments_it_shows_whole(
    colleague_client, article, people
):
    """The older threads are counted from their ids and states, not read."""
    from django.db.models.signals import post_init

    from intranet.dialogue.models import Comment

    add_comments(article, 200, people)
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance.pk)

    post_init.connect(count, sender=Comment)
    try:
        html = colleague_client.get(article.url).content.decode()
    finally:
        post_init.disconnect(count, sender=Comment)

    assert html.count('class="comment comment--shown"') == 10
    assert len(built) == 10


def test_mentions_cost_one_query_whatever_their_number(
    colleague_client, article, people
):
    add_comments(article, 2, people, mention="@kollega1")
    few, _html = queries_for(colleague_client, article.url)
    add_comments(article, 198, people, mention="@kollega2 @kollega3")
    many, html = queries_for(colleague_client, article.url + "?kommentarer=alle")

    assert html.count('class="mention"') == 2 + 2 * 198
    assert many == few


def test_the_news_listing_shows_counts_at_a_constant_cost(
    colleague_client, news_index, article, people
):
    def make(count):
        for _n in range(count):
            story = NewsPageFactory(parent=news_index)
            add_comments(story, 3, people)
            ReactionFactory(page=story, user=people[0])

    make(2)
    few, html = queries_for(colleague_client, news_index.url)
    assert (
        html.count(
            '3 kommentarer</span> · <span class="story-counts__item">1 reaksjon<'
        )
        == 2
    )
    make(9)
    many, html = queries_for(colleague_client, news_index.url)

    assert (
        html.count(
            '3 kommentarer</span> · <span class="story-counts__item">1 reaksjon<'
        )
        == 11
    )
    assert many == few


def test_the_case_page_shows_counts_per_update_at_a_constant_cost(
    colleague_client, case, people, monkeypatch
):
    monkeypatch.setattr(CasePage, "updates_per_page", 50)

    def make(count):
        for _n in range(count):
            update = CaseUpdatePageFactory(parent=case)
            add_comments(update, 2, people)

    make(2)
    few, html = queries_for(colleague_client, case.url)
    assert html.count("2 kommentarer</span>") == 2
    make(10)
    many, html = queries_for(colleague_client, case.url)

    assert html.count("2 kommentarer</span>") == 12
    assert many == few


def test_hidden_and_deleted_comments_are_not_counted_on_listings(
    colleague_client, news_index, article, people
):
    CommentFactory(page=article, author=people[0])
    CommentFactory(page=article, author=people[1], deleted_at="2026-01-01T10:00Z")
    CommentFactory(page=article, author=people[2], hidden_at="2026-01-01T10:00Z")

    html = colleague_client.get(news_index.url).content.decode()

    assert "1 kommentar</span>" in html


def test_a_reply_in_an_old_thread_is_shown_where_it_was_written(
    colleague_client, article, people
):
    """Replying under an old thread (reached by "Vis alle") keeps every
    thread in view, with and without JavaScript."""
    add_comments(article, 200, people)
    oldest = Comment.objects.filter(page=article, parent=None).order_by("pk").first()
    url = f"/dialog/{article.pk}/kommenter/?kommentarer=alle"

    payload = colleague_client.post(
        url,
        {"text": "Svar langt nede", "parent": oldest.pk},
        HTTP_ACCEPT="application/json",
    ).json()
    response = colleague_client.post(url, {"text": "Et svar til", "parent": oldest.pk})
    page = colleague_client.get(response["Location"]).content.decode()

    assert "Svar langt nede" in payload["html"]
    assert payload["html"].count('class="comment comment--shown"') == 201
    assert response["Location"].startswith(article.url + "?kommentarer=alle#comment-")
    assert "Et svar til" in page
