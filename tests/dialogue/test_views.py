"""The comment area under a story, with and without JavaScript."""

import json
import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from intranet.dialogue import services
from intranet.dialogue.models import Comment, Reaction
from tests.factories.core import UserFactory
from tests.factories.dialogue import CommentFactory, ReactionFactory

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_story_shows_comments_replies_and_reactions(
    colleague_client, article, author, other
):
    first = CommentFactory(page=article, author=other, text="Flott tiltak!")
    CommentFactory(page=article, author=author, parent=first, text="Takk, Ola!")
    ReactionFactory(page=article, user=other, kind="useful")

    html = html_of(colleague_client, article)

    assert "Reaksjoner og kommentarer" in html
    assert "2 kommentarer" in html
    assert "Flott tiltak!" in html and "Takk, Ola!" in html
    assert f'id="comment-{first.pk}"' in html
    assert 'aria-pressed="false" data-kind="useful"' in html
    assert 'href="/personer/ola.hansen/"' in html
    assert '<label for="comment-text">Skriv en kommentar</label>' in html
    assert "js/site.js" in html and "defer" in html
    # A valid HTML date and time: whole seconds, UTC.
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">', html)


def test_case_updates_have_the_comment_area(colleague_client, update):
    assert "Skriv en kommentar" in html_of(colleague_client, update)


def test_stored_script_is_shown_as_text(colleague_client, article, other):
    CommentFactory(
        page=article,
        author=other,
        text='<script>alert("xss")</script><a href="javascript:alert(1)">x</a>',
    )

    html = html_of(colleague_client, article)

    assert '<script>alert("xss")' not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in html


def test_posting_without_javascript_redirects_to_the_new_comment(
    colleague_client, article
):
    response = colleague_client.post(
        f"/dialog/{article.pk}/kommenter/", {"text": "Dette gleder vi oss til!"}
    )

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == (
        f"{article.url}?kommentarer=alle#comment-{comment.pk}"
    )
    page = colleague_client.get(response["Location"]).content.decode()
    assert "Kommentaren din er publisert." in page
    assert "Dette gleder vi oss til!" in page


def test_a_refused_comment_goes_back_with_a_message(colleague_client, article):
    response = colleague_client.post(
        f"/dialog/{article.pk}/kommenter/", {"text": "x" * 2001}, follow=True
    )

    assert "Kort den ned til høyst 2000 tegn." in response.content.decode()
    assert not Comment.objects.exists()


def test_posting_with_javascript_returns_the_new_area(colleague_client, article):
    response = colleague_client.post(
        f"/dialog/{article.pk}/kommenter/", {"text": "Hei fra skriptet"}, **JSON
    )

    payload = response.json()
    comment = Comment.objects.get()
    assert payload["ok"] is True
    assert payload["message"] == "Kommentaren din er publisert."
    assert payload["anchor"] == f"comment-{comment.pk}"
    assert "Hei fra skriptet" in payload["html"]


def test_script_errors_are_400_with_a_message(colleague_client, article):
    response = colleague_client.post(
        f"/dialog/{article.pk}/kommenter/", {"text": "  "}, **JSON
    )

    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "message": "Skriv noe før du publiserer kommentaren.",
    }


def test_a_reply_to_a_reply_is_refused(colleague_client, article, other):
    first = CommentFactory(page=article, author=other)
    reply = CommentFactory(page=article, author=other, parent=first)

    response = colleague_client.post(
        f"/dialog/{article.pk}/kommenter/",
        {"text": "Svar", "parent": reply.pk},
        follow=True,
    )

    assert "men ikke på et svar" in response.content.decode()
    assert Comment.objects.count() == 2
    for parent in ("abc", "²", "9" * 30, "9" * 5000):
        bad = colleague_client.post(
            f"/dialog/{article.pk}/kommenter/", {"text": "Svar", "parent": parent}
        )
        assert bad.status_code == 400, parent
    assert Comment.objects.count() == 2


def test_reacting_without_and_with_javascript(colleague_client, article):
    response = colleague_client.post(f"/dialog/{article.pk}/reager/", {"kind": "like"})
    assert response.status_code == 302
    assert response["Location"] == f"{article.url}#reactions"

    response = colleague_client.post(
        f"/dialog/{article.pk}/reager/", {"kind": "congrats"}, **JSON
    )
    payload = response.json()
    assert payload["message"] == "Du reagerte med «Gratulerer»."
    assert {r["kind"]: (r["count"], r["mine"]) for r in payload["reactions"]} == {
        "like": (1, True),
        "useful": (0, False),
        "congrats": (1, True),
    }

    response = colleague_client.post(
        f"/dialog/{article.pk}/reager/", {"kind": "like"}, **JSON
    )
    assert response.json()["message"] == "Du trakk tilbake «Liker»."
    assert Reaction.objects.count() == 1


@pytest.mark.parametrize("headers", [{}, JSON])
def test_unknown_reactions_are_400_with_a_message(colleague_client, article, headers):
    response = colleague_client.post(
        f"/dialog/{article.pk}/reager/", {"kind": "hjerte"}, **headers
    )

    assert response.status_code == 400
    assert "Den reaksjonen finnes ikke." in response.content.decode()
    assert not Reaction.objects.exists()


def test_posting_on_a_deleted_page_is_404(colleague_client, article):
    page_id = article.pk
    article.delete()

    assert (
        colleague_client.post(
            f"/dialog/{page_id}/kommenter/", {"text": "Hei"}
        ).status_code
        == 404
    )
    assert (
        colleague_client.post(
            f"/dialog/{page_id}/reager/", {"kind": "like"}
        ).status_code
        == 404
    )


def test_unpublished_and_restricted_stories_refuse_with_403(colleague_client, article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    response = colleague_client.post(f"/dialog/{article.pk}/kommenter/", {"text": "H"})
    assert response.status_code == 403
    html = html_of(colleague_client, article)
    assert "Kommentarer er stengt på sider med begrenset tilgang." in html
    assert "Skriv en kommentar" not in html

    article.unpublish()
    response = colleague_client.post(f"/dialog/{article.pk}/reager/", {"kind": "like"})
    assert response.status_code == 403
    assert not Comment.objects.exists() and not Reaction.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, article):
    response = client.post(f"/dialog/{article.pk}/kommenter/", {"text": "Hei"})

    assert response.status_code == 302
    assert response["Location"].startswith("/logg-inn/")
    assert not Comment.objects.exists()


def test_the_csrf_token_is_required(colleague, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(colleague)

    response = client.post(f"/dialog/{article.pk}/kommenter/", {"text": "Hei"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_endpoints_only_take_posts(colleague_client, article):
    assert colleague_client.get(f"/dialog/{article.pk}/kommenter/").status_code == 405


def test_own_comments_show_edit_and_delete_others_show_report(
    colleague_client, article, colleague, other
):
    mine = CommentFactory(page=article, author=colleague)
    theirs = CommentFactory(page=article, author=other)

    html = html_of(colleague_client, article)

    assert f'action="/dialog/kommentar/{mine.pk}/endre/"' in html
    assert f'action="/dialog/kommentar/{mine.pk}/slett/"' in html
    assert f'action="/dialog/kommentar/{mine.pk}/rapporter/"' not in html
    assert f'action="/dialog/kommentar/{theirs.pk}/rapporter/"' in html
    assert f'action="/dialog/kommentar/{theirs.pk}/slett/"' not in html
    assert f'action="/dialog/kommentar/{theirs.pk}/skjul/"' not in html


def test_editing_and_deleting_through_the_views(
    colleague_client, article, colleague, other
):
    mine = CommentFactory(page=article, author=colleague, text="Skrivefeil")
    theirs = CommentFactory(page=article, author=other, text="Ikke din")

    colleague_client.post(f"/dialog/kommentar/{mine.pk}/endre/", {"text": "Rettet"})
    refused = colleague_client.post(
        f"/dialog/kommentar/{theirs.pk}/endre/", {"text": "Endret"}
    )
    assert refused.status_code == 403
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.text, theirs.text) == ("Rettet", "Ikke din")
    assert "endret" in html_of(colleague_client, article)

    assert (
        colleague_client.post(f"/dialog/kommentar/{theirs.pk}/slett/").status_code
        == 403
    )
    colleague_client.post(f"/dialog/kommentar/{mine.pk}/slett/")
    html = html_of(colleague_client, article)
    assert f'id="comment-{mine.pk}"' not in html
    assert "comment__placeholder" not in html
    assert "1 kommentar<" in html


def test_a_deleted_comment_with_replies_leaves_a_marker(
    colleague_client, article, colleague, other
):
    mine = CommentFactory(page=article, author=colleague, text="Spørsmål")
    CommentFactory(page=article, author=other, parent=mine, text="Svaret")

    services.comment_delete(comment=mine, user=colleague)
    html = html_of(colleague_client, article)

    assert "Kommentaren er slettet" in html
    assert "Spørsmål" not in html and "Svaret" in html


def test_hidden_comments_show_the_editors_note_moderators_see_the_reason(
    client, article, author, colleague, other
):
    comment = CommentFactory(page=article, author=other, text="Navn på en bruker")
    services.comment_hide(comment=comment, user=author, reason="Personopplysninger")

    client.force_login(colleague)
    html = html_of(client, article)
    assert "Kommentaren er skjult av redaksjonen" in html
    assert "Navn på en bruker" not in html and "Personopplysninger" not in html

    client.force_login(author)
    html = html_of(client, article)
    assert "Skjult av redaksjonen: Personopplysninger" in html
    assert f'action="/dialog/kommentar/{comment.pk}/vis/"' in html


def test_moderators_hide_from_the_page(client, article, communication, colleague):
    comment = CommentFactory(page=article, author=colleague)
    client.force_login(colleague)
    assert (
        client.post(
            f"/dialog/kommentar/{comment.pk}/skjul/", {"reason": "Nei"}
        ).status_code
        == 403
    )

    client.force_login(communication)
    response = client.post(
        f"/dialog/kommentar/{comment.pk}/skjul/", {"reason": "Usaklig"}, follow=True
    )
    assert "Kommentaren er skjult." in response.content.decode()
    comment.refresh_from_db()
    assert comment.hidden_reason == "Usaklig"


def test_reporting_from_the_page(colleague_client, article, other):
    comment = CommentFactory(page=article, author=other)

    response = colleague_client.post(
        f"/dialog/kommentar/{comment.pk}/rapporter/", follow=True
    )

    assert "Redaksjonen ser på kommentaren." in response.content.decode()
    comment.refresh_from_db()
    assert comment.reported_at is not None


def test_the_owner_turns_comments_off_and_on(client, article, author, colleague):
    client.force_login(colleague)
    assert "Slå av kommentarer" not in html_of(client, article)
    assert (
        client.post(f"/dialog/{article.pk}/kommentarer/", {"closed": "1"}).status_code
        == 403
    )

    client.force_login(author)
    client.post(f"/dialog/{article.pk}/kommentarer/", {"closed": "1"})
    client.force_login(colleague)
    html = html_of(client, article)
    assert "Kommentarer er slått av for dette innlegget." in html
    assert "Skriv en kommentar" not in html
    assert 'data-kind="like"' in html  # reactions stay open

    client.force_login(author)
    client.post(f"/dialog/{article.pk}/kommentarer/", {"closed": "0"})
    assert "Skriv en kommentar" in html_of(client, article)


def test_mentions_in_the_page_link_to_people(colleague_client, article, other):
    UserFactory(username="per.johansen")
    CommentFactory(page=article, author=other, text="Spør @per.johansen om dette.")

    html = html_of(colleague_client, article)

    assert '<a class="mention" href="/personer/per.johansen/">@per.johansen</a>' in html


def test_commenters_link_to_their_profile_until_they_leave(
    colleague_client, article, other
):
    CommentFactory(page=article, author=other, text="Flott tiltak!")

    assert '<a class="comment__author" href="/personer/ola.hansen/">Ola Hansen</a>' in (
        html_of(colleague_client, article)
    )

    other.is_active = False
    other.save()
    html = html_of(colleague_client, article)
    assert '<span class="comment__author">Ola Hansen</span>' in html
    assert "/personer/ola.hansen/" not in html


def test_the_json_area_is_valid_json_for_every_action(
    colleague_client, article, colleague
):
    mine = CommentFactory(page=article, author=colleague)
    response = colleague_client.post(f"/dialog/kommentar/{mine.pk}/slett/", **JSON)

    payload = json.loads(response.content)
    assert payload["ok"] and payload["message"] == "Kommentaren er slettet."


def test_too_many_mentions_are_explained_above_the_comments(
    colleague_client, article, colleague
):
    names = [UserFactory(username=f"kollega{n}").username for n in range(11)]

    response = colleague_client.post(
        f"/dialog/{article.pk}/kommenter/",
        {"text": " ".join(f"@{name}" for name in names)},
        follow=True,
    )

    assert response.status_code == 200
    assert "En kommentar kan nevne høyst 10 kolleger" in response.content.decode()
    assert not Comment.objects.exists()
