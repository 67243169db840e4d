"""Writing, changing and moderating comments; who is told about them."""

import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry, PageLogEntry, PageViewRestriction

from intranet.core import page_access
from intranet.dialogue import services
from intranet.dialogue.models import Comment, CommentsClosed, Reaction
from intranet.dialogue.services import DialogueRefused
from intranet.subscriptions.models import Notification, NotificationKind
from tests.factories.core import UserFactory
from tests.factories.dialogue import CommentFactory

pytestmark = pytest.mark.django_db


def post(page, user, text="Så bra at dere deler dette!", parent=None):
    return services.comment_create(
        page=page, author=user, text=text, parent_id=parent.pk if parent else None
    )


def told(user):
    return list(
        Notification.objects.filter(user=user).values_list("kind", "key", "title")
    )


def test_the_article_author_is_told_about_a_new_comment_but_not_the_writer(
    article, author, colleague
):
    comment = post(article, colleague)

    assert told(author) == [
        (
            NotificationKind.COMMENT,
            f"comment:{comment.pk}",
            "Kari Nordmann kommenterte «Ny turvei langs elva»",
        )
    ]
    assert told(colleague) == []
    note = Notification.objects.get(user=author)
    # The link shows every comment, so an old thread's comment is there too.
    assert note.url.endswith(f"/turvei/?kommentarer=alle#comment-{comment.pk}")


def test_case_owners_are_told_about_comments_on_their_updates(
    update, case_owner, other, colleague
):
    post(update, colleague)

    assert [kind for kind, _key, _title in told(case_owner)] == ["comment"]
    # The update's author (not a case owner here) owns the story too.
    assert [kind for kind, _key, _title in told(other)] == ["comment"]


def test_a_reply_tells_the_thread_and_the_owner(article, author, colleague, other):
    first = post(article, colleague)
    second_in_thread = post(article, author, "Takk!", parent=first)

    reply = post(article, other, "Enig med dere begge.", parent=first)

    assert (NotificationKind.REPLY, f"comment:{reply.pk}") in [
        (kind, key) for kind, key, _title in told(colleague)
    ]
    # The author replied in the thread and owns the story: told once, as a reply.
    mine = [
        (kind, key) for kind, key, _t in told(author) if key == f"comment:{reply.pk}"
    ]
    assert mine == [(NotificationKind.REPLY, f"comment:{reply.pk}")]
    assert second_in_thread.parent_id == first.pk


def test_a_reply_to_a_reply_is_refused_with_a_clear_message(article, colleague, other):
    first = post(article, colleague)
    reply = post(article, other, "Svar", parent=first)

    with pytest.raises(DialogueRefused, match="ikke på et svar"):
        post(article, colleague, "Svar på svar", parent=reply)
    assert Comment.objects.count() == 2


def test_mentioned_colleagues_are_told_once_and_the_owner_once(
    article, author, colleague, other
):
    UserFactory(username="borte", is_active=False)
    comment = post(
        article,
        colleague,
        "@ola.hansen og @Ola.Hansen, se her! @hilde.strand @borte @finnes.ikke",
    )

    assert told(other) == [
        (
            NotificationKind.MENTION,
            f"comment:{comment.pk}",
            "Kari Nordmann nevnte deg i en kommentar til «Ny turvei langs elva»",
        )
    ]
    # Both mentioned and the owner: one notification, the mention.
    assert [kind for kind, _key, _title in told(author)] == [NotificationKind.MENTION]
    assert Notification.objects.count() == 2


def test_mentioning_oneself_tells_nobody(article, colleague):
    post(article, colleague, "Notat til meg selv, @kari.nordmann")

    assert told(colleague) == []


def test_a_mention_added_by_an_edit_tells_only_the_new_person(
    article, author, colleague, other
):
    comment = post(article, colleague, "Hei @hilde.strand")
    services.comment_edit(
        comment=comment, user=colleague, text="Hei @hilde.strand og @ola.hansen"
    )

    assert [kind for kind, _k, _t in told(other)] == [NotificationKind.MENTION]
    assert len(told(author)) == 1
    comment.refresh_from_db()
    assert comment.edited_at is not None


@pytest.mark.parametrize("text", ["", "   \n  ", "\x00"])
def test_empty_comments_are_refused(article, colleague, text):
    with pytest.raises(DialogueRefused, match="Skriv noe"):
        post(article, colleague, text)
    assert not Comment.objects.exists()


def test_the_length_limit_is_2000_characters(article, colleague):
    post(article, colleague, "a" * 2000)

    with pytest.raises(DialogueRefused, match="2001 tegn lang.*høyst 2000"):
        post(article, colleague, "b" * 2001)
    assert Comment.objects.count() == 1


def test_windows_line_ends_count_once(article, colleague):
    comment = post(article, colleague, "ab\r\n" * 500)

    assert comment.text == ("ab\n" * 500).strip()


def test_a_double_submit_makes_one_comment(article, colleague, author):
    first = post(article, colleague, "Gratulerer!")
    again = post(article, colleague, "Gratulerer!")

    assert again.pk == first.pk
    assert Comment.objects.count() == 1
    assert len(told(author)) == 1


def test_the_same_words_later_are_a_new_comment(article, colleague):
    first = post(article, colleague, "Gratulerer!")
    Comment.objects.filter(pk=first.pk).update(
        created_at=first.created_at - datetime.timedelta(minutes=2)
    )

    post(article, colleague, "Gratulerer!")

    assert Comment.objects.count() == 2


def test_ten_comments_in_ten_minutes_then_a_clear_message(article, colleague, other):
    for number in range(10):
        post(article, colleague, f"Kommentar {number}")

    with pytest.raises(DialogueRefused, match="10 kommentarer de siste 10 minuttene"):
        post(article, colleague, "En til")
    # Others are not held back by one person's limit.
    post(article, other, "Min første")
    assert Comment.objects.filter(author=colleague).count() == 10


def test_the_rate_limit_counts_only_the_recent_period(article, colleague, settings):
    settings.DIALOGUE_RATE_LIMIT = 2
    old = [post(article, colleague, f"Gammel {n}") for n in range(2)]
    Comment.objects.filter(pk__in=[c.pk for c in old]).update(
        created_at=old[0].created_at - datetime.timedelta(minutes=11)
    )

    post(article, colleague, "Ny")

    assert Comment.objects.count() == 3


def test_closed_comments_refuse_new_ones_but_keep_reactions(article, author, colleague):
    services.comments_set_closed(page=article, user=author, closed=True)

    with pytest.raises(DialogueRefused, match="slått av"):
        post(article, colleague)
    assert services.reaction_toggle(page=article, user=colleague, kind="like")
    assert PageLogEntry.objects.filter(
        page=article, action="dialogue.comments.close"
    ).exists()


def test_only_owners_and_moderators_turn_comments_off(
    update, case_owner, colleague, communication
):
    with pytest.raises(DialogueRefused) as refused:
        services.comments_set_closed(page=update, user=colleague, closed=True)
    assert refused.value.forbidden

    services.comments_set_closed(page=update, user=case_owner, closed=True)
    assert CommentsClosed.objects.filter(page=update).exists()
    services.comments_set_closed(page=update, user=communication, closed=False)
    assert not CommentsClosed.objects.filter(page=update).exists()


def test_unpublished_stories_are_closed(article, colleague):
    article.unpublish()

    with pytest.raises(DialogueRefused, match="stengt") as refused:
        post(article, colleague)
    assert refused.value.forbidden
    with pytest.raises(DialogueRefused):
        services.reaction_toggle(page=article, user=colleague, kind="like")


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
)
def test_stories_with_any_view_restriction_are_closed(
    article, colleague, restriction_type
):
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=restriction_type
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.add(*Group.objects.all())

    with pytest.raises(DialogueRefused, match="stengt"):
        post(article, colleague)


def test_a_section_restricted_above_the_story_closes_it(news_index, article, colleague):
    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.LOGIN
    )

    with pytest.raises(DialogueRefused, match="stengt"):
        post(article, colleague)


def test_a_restriction_added_after_a_comment_closes_the_story_at_once(
    news_index, article, colleague
):
    """Whether a story is open is read from what is kept about restrictions:
    a restriction set after that was read closes it at once, and taking it
    away opens it again."""
    post(article, colleague)  # open: what keeps people out is read and kept
    restriction = PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.LOGIN
    )
    with pytest.raises(DialogueRefused, match="stengt"):
        post(article, colleague, text="Enda en kommentar.")

    restriction.delete()
    post(article, colleague, text="Åpent igjen.")


def test_with_many_restrictions_a_restricted_story_is_still_closed(
    news_index, article, colleague, monkeypatch
):
    """Past the number of restrictions kept as paths, the story's own are
    looked up: a restricted one is closed, an open one stays open."""
    monkeypatch.setattr(page_access, "MAX_PREFIX_TESTS", 0)
    post(article, colleague)
    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.LOGIN
    )
    with pytest.raises(DialogueRefused, match="stengt"):
        post(article, colleague, text="Enda en kommentar.")


def test_only_stories_have_comments(case, colleague):
    with pytest.raises(DialogueRefused, match="Bare innlegg, som nyheter"):
        post(case, colleague)


def test_inactive_people_cannot_comment(article):
    gone = UserFactory(is_active=False)

    with pytest.raises(DialogueRefused) as refused:
        post(article, gone)
    assert refused.value.forbidden


def test_own_comment_can_be_changed_within_the_window_only(
    article, colleague, settings
):
    comment = post(article, colleague, "Førsteutkast")
    services.comment_edit(comment=comment, user=colleague, text="Rettet")
    assert Comment.objects.get().text == "Rettet"

    settings.DIALOGUE_EDIT_MINUTES = 5
    Comment.objects.filter(pk=comment.pk).update(
        created_at=comment.created_at - datetime.timedelta(minutes=6)
    )
    comment.refresh_from_db()
    with pytest.raises(DialogueRefused, match="første 5 minuttene"):
        services.comment_edit(comment=comment, user=colleague, text="For sent")
    assert Comment.objects.get().text == "Rettet"


def test_others_cannot_change_or_delete_a_comment(article, colleague, author):
    comment = post(article, colleague)

    for action in (
        lambda: services.comment_edit(comment=comment, user=author, text="Nei"),
        lambda: services.comment_delete(comment=comment, user=author),
    ):
        with pytest.raises(DialogueRefused) as refused:
            action()
        assert refused.value.forbidden
    comment.refresh_from_db()
    assert comment.deleted_at is None and comment.text != "Nei"


def test_deleting_takes_back_unread_notifications(article, colleague, author):
    comment = post(article, colleague)

    services.comment_delete(comment=comment, user=colleague)

    assert told(author) == []
    assert Comment.objects.get().deleted_at is not None


@pytest.mark.parametrize("moderator", ["author", "communication", "superuser"])
def test_moderators_hide_with_a_reason_and_it_is_logged(
    request, article, colleague, moderator
):
    user = (
        UserFactory(username="root", is_superuser=True)
        if moderator == "superuser"
        else request.getfixturevalue(moderator)
    )
    comment = post(article, colleague)

    services.comment_hide(comment=comment, user=user, reason="Personopplysninger")

    comment.refresh_from_db()
    assert comment.hidden_by == user and comment.hidden_reason == "Personopplysninger"
    entry = ModelLogEntry.objects.get(action="dialogue.comment.hide")
    assert entry.user_id == user.pk and entry.data == {"reason": "Personopplysninger"}
    assert entry.object_id == str(comment.pk)

    services.comment_unhide(comment=comment, user=user)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert ModelLogEntry.objects.filter(action="dialogue.comment.unhide").exists()


def test_staff_cannot_hide_and_a_reason_is_required(article, colleague, other, author):
    comment = post(article, colleague)

    with pytest.raises(DialogueRefused) as refused:
        services.comment_hide(comment=comment, user=other, reason="Liker den ikke")
    assert refused.value.forbidden
    with pytest.raises(DialogueRefused, match="Skriv hvorfor"):
        services.comment_hide(comment=comment, user=author, reason="  ")
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_a_report_queues_the_comment_once_per_person(article, colleague, other, author):
    comment = post(article, colleague)

    assert services.comment_report(comment=comment, user=other) is True
    assert services.comment_report(comment=comment, user=other) is False
    assert services.comment_report(comment=comment, user=author) is True
    comment.refresh_from_db()
    assert comment.reported_at is not None
    assert comment.reports.count() == 2

    with pytest.raises(DialogueRefused, match="din egen"):
        services.comment_report(comment=comment, user=colleague)

    services.comment_report_dismiss(comment=comment, user=author)
    comment.refresh_from_db()
    assert comment.reported_at is None


def test_reactions_toggle_and_count_once_per_person_and_kind(article, colleague):
    assert services.reaction_toggle(page=article, user=colleague, kind="like") is True
    assert services.reaction_toggle(page=article, user=colleague, kind="useful")
    assert services.reaction_toggle(page=article, user=colleague, kind="like") is False

    assert list(Reaction.objects.values_list("kind", flat=True)) == ["useful"]


def test_unknown_reactions_are_refused(article, colleague):
    with pytest.raises(DialogueRefused, match="finnes ikke"):
        services.reaction_toggle(page=article, user=colleague, kind="hjerte")
    assert not Reaction.objects.exists()


def test_replies_to_deleted_or_foreign_comments_are_refused(
    article, news_index, colleague, other
):
    from tests.factories.news import NewsPageFactory

    elsewhere = CommentFactory(page=NewsPageFactory(parent=news_index))
    with pytest.raises(DialogueRefused, match="finnes ikke lenger"):
        post(article, other, "Hei", parent=elsewhere)
    gone = post(article, colleague)
    services.comment_delete(comment=gone, user=colleague)
    with pytest.raises(DialogueRefused, match="finnes ikke lenger"):
        post(article, other, "Hei", parent=gone)


def test_edits_count_towards_the_rate_limit(article, colleague, settings):
    settings.DIALOGUE_RATE_LIMIT = 3
    comment = post(article, colleague, "Versjon 0")
    for number in (1, 2):
        services.comment_edit(comment=comment, user=colleague, text=f"Versjon {number}")

    with pytest.raises(DialogueRefused, match="skrevet eller endret 3 kommentarer"):
        services.comment_edit(comment=comment, user=colleague, text="Versjon 3")
    with pytest.raises(DialogueRefused, match="skrevet eller endret 3 kommentarer"):
        post(article, colleague, "En ny")
    comment.refresh_from_db()
    assert comment.text == "Versjon 2"


def colleagues(count: int, prefix: str) -> list[str]:
    return [UserFactory(username=f"{prefix}{n}").username for n in range(count)]


def test_a_comment_mentions_at_most_ten_colleagues(article, colleague):
    names = colleagues(11, "kollega")

    with pytest.raises(DialogueRefused, match="høyst 10 kolleger"):
        post(article, colleague, " ".join(f"@{name}" for name in names))

    assert Comment.objects.count() == 0
    assert Notification.objects.count() == 0


def test_edits_cannot_tell_more_than_ten_people_about_one_comment(
    article, author, colleague
):
    """The 121 e-mails: each edit swapped in new @mentions, each was told."""
    first, second = colleagues(10, "forste"), colleagues(10, "andre")
    comment = post(article, colleague, " ".join(f"@{name}" for name in first))

    with pytest.raises(DialogueRefused, match="høyst 10 kolleger"):
        services.comment_edit(
            comment=comment,
            user=colleague,
            text=" ".join(f"@{name}" for name in second),
        )

    mentions = Notification.objects.filter(kind=NotificationKind.MENTION)
    assert set(mentions.values_list("user__username", flat=True)) == set(first)


def test_a_person_is_told_about_a_comment_once_across_all_its_edits(
    article, colleague, other
):
    comment = post(article, colleague, "Hei @ola.hansen")
    Notification.objects.filter(user=other).delete()  # read and cleared
    services.comment_edit(comment=comment, user=colleague, text="Hei")
    services.comment_edit(comment=comment, user=colleague, text="Hei igjen @ola.hansen")

    assert told(other) == []
