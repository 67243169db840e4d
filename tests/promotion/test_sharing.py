"""Sharing with measured reach: the team's suggested texts per channel, the
"Del" page for colleagues, the counted link and the figures."""

import datetime
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from intranet.promotion import services
from intranet.promotion.models import (
    SHARE_RULES,
    PromotionStatus,
    ShareChannel,
    ShareClick,
    ShareText,
)
from tests.factories.core import UserFactory, publish
from tests.factories.news import ImageFactory
from tests.factories.promotion import PromotionFactory
from tests.postgres import postgres_only
from tests.promotion.test_admin import edit_data, snippet_url

pytestmark = pytest.mark.django_db

NOT_SHAREABLE = [
    PromotionStatus.CANDIDATE,
    PromotionStatus.SHORTLISTED,
    PromotionStatus.REJECTED,
    PromotionStatus.WITHDRAWN,
]


def shareable(**kwargs):
    return PromotionFactory(**{"status": PromotionStatus.APPROVED, **kwargs})


def del_url(promotion) -> str:
    return reverse("promotion:share", args=[promotion.pk])


def link_url(promotion, channel: str = "facebook") -> str:
    return f"/ekstern/lenke/{promotion.pk}/{channel}/"


def texts_url(promotion) -> str:
    return reverse("promotion_admin:share-texts", args=[promotion.pk])


def clicks(promotion, channel: str = "facebook") -> int:
    row = ShareClick.objects.filter(promotion=promotion, channel=channel).first()
    return row.clicks if row else 0


def restrict_to_the_team(promotion) -> None:
    restriction = PageViewRestriction.objects.create(
        page=promotion.page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Kommunikasjon"))


# Suggested texts and their limits ---------------------------------------------


def test_the_team_saves_a_suggested_text_per_channel(team_client, team_member):
    promotion = shareable()

    response = team_client.post(
        texts_url(promotion),
        {"facebook": "Se hva skolen fikk til!", "linkedin": "", "press": "Ingress."},
    )

    assert response.status_code == 302
    saved = dict(ShareText.objects.values_list("channel", "text"))
    assert saved == {"facebook": "Se hva skolen fikk til!", "press": "Ingress."}
    assert ShareText.objects.get(channel="facebook").updated_by == team_member
    page = team_client.get(texts_url(promotion)).content.decode()
    assert "Se hva skolen fikk til!" in page
    assert "Tekstforslagene er lagret." in page


def test_a_text_over_its_channels_limit_is_refused_in_norwegian(team_client):
    promotion = shareable()
    limit = SHARE_RULES[ShareChannel.FACEBOOK].limit

    response = team_client.post(
        texts_url(promotion), {"facebook": "x" * (limit + 12), "press": "Ingress."}
    )

    assert response.status_code == 400
    assert (
        f"Høyst {limit} tegn for «Facebook»: denne teksten har {limit + 12}."
        in response.content.decode()
    )
    # Nothing is saved, not even the channel within its limit.
    assert not ShareText.objects.exists()


def test_every_channel_has_its_own_limit(team_client):
    promotion = shareable()
    for channel, rule in SHARE_RULES.items():
        at_limit = team_client.post(texts_url(promotion), {channel: "å" * rule.limit})
        over = team_client.post(texts_url(promotion), {channel: "å" * (rule.limit + 1)})

        assert at_limit.status_code == 302, channel
        assert over.status_code == 400, channel
        assert f"Høyst {rule.limit} tegn" in over.content.decode()
    assert SHARE_RULES[ShareChannel.LINKEDIN].limit == 3000


def test_a_line_break_counts_as_one_character_as_the_reader_sees_it(team_client):
    """Browsers send a line break in a text area as two characters (CR LF)."""
    promotion = shareable()
    limit = SHARE_RULES[ShareChannel.FACEBOOK].limit
    text = "\r\n".join(["x" * 99] * 5)  # 495 letters and 4 line breaks

    response = team_client.post(texts_url(promotion), {"facebook": text})

    assert response.status_code == 302
    saved = ShareText.objects.get(channel="facebook").text
    assert len(saved) == limit - 1
    assert "\r" not in saved


def test_the_limit_is_said_beside_each_field_without_javascript(team_client):
    promotion = shareable()

    page = team_client.get(texts_url(promotion)).content.decode()

    for rule in SHARE_RULES.values():
        assert f"Høyst {rule.limit} tegn." in page
        assert f'data-share-limit="{rule.limit}"' in page
    assert 'data-share-left="{count} tegn igjen"' in page


def test_the_service_enforces_the_limit_and_the_status_too(team_member):
    promotion = shareable()
    with pytest.raises(ValidationError) as error:
        services.share_texts_save(
            promotion=promotion, texts={"linkedin": "x" * 3001}, user=team_member
        )
    assert "linkedin" in error.value.message_dict

    candidate = PromotionFactory()
    with pytest.raises(ValidationError):
        services.share_texts_save(
            promotion=candidate, texts={"facebook": "Hei"}, user=team_member
        )
    assert not ShareText.objects.exists()


@pytest.mark.parametrize("status", NOT_SHAREABLE)
def test_texts_are_written_only_for_an_approved_or_published_promotion(
    team_client, status
):
    promotion = PromotionFactory(status=status)

    page = team_client.get(texts_url(promotion))
    sent = team_client.post(texts_url(promotion), {"facebook": "Hei"})

    assert page.status_code == 200
    assert "Skriv tekstforslag når formidlingen er godkjent." in page.content.decode()
    assert "<textarea" not in page.content.decode()
    assert sent.status_code == 400
    assert not ShareText.objects.exists()


def test_outsiders_cannot_reach_the_texts_form(client, editor):
    promotion = shareable()
    client.force_login(editor)

    assert client.get(texts_url(promotion)).status_code == 403
    assert client.post(texts_url(promotion), {"facebook": "Hei"}).status_code == 403
    assert not ShareText.objects.exists()


def test_the_teams_detail_page_links_to_the_texts_and_the_del_page(team_client):
    promotion = shareable()
    candidate = PromotionFactory()

    page = team_client.get(reverse("promotion_admin:detail", args=[promotion.pk]))
    other = team_client.get(reverse("promotion_admin:detail", args=[candidate.pk]))

    assert texts_url(promotion) in page.content.decode()
    assert del_url(promotion) in page.content.decode()
    assert del_url(candidate) not in other.content.decode()


# The external version's language ----------------------------------------------


def test_the_language_is_chosen_where_the_external_version_is_edited(team_client):
    promotion = shareable(language="nn")
    edit = reverse(promotion.snippet_viewset.get_url_name("edit"), args=[promotion.pk])

    page = team_client.get(edit).content.decode()

    assert 'name="language"' in page
    assert '<option value="nn" selected>Nynorsk</option>' in page


def test_the_team_switches_the_external_version_to_nynorsk(team_client):
    promotion = shareable()
    edit = snippet_url("edit", promotion.pk)

    refused = team_client.post(edit, edit_data(promotion, language="de"))
    saved = team_client.post(edit, edit_data(promotion, language="nn"))

    assert refused.status_code == 200
    assert saved.status_code == 302
    promotion.refresh_from_db()
    assert promotion.language == "nn"
    assert (
        team_client.get("/ekstern/api/promotions/").json()["items"][0]["language"]
        == "nn"
    )


def test_the_del_page_marks_a_nynorsk_text_as_nynorsk(staff_client):
    promotion = shareable(language="nn", external_title="Skulen som lærer")
    ShareText.objects.create(
        promotion=promotion, channel="facebook", text="Sjå kva skulen fekk til!"
    )

    page = staff_client.get(del_url(promotion)).content.decode()

    assert '<span lang="nn">Skulen som lærer</span>' in page
    assert 'lang="nn"' in page.split('id="share-facebook-text"')[1].split(">")[0]


# The "Del" page ---------------------------------------------------------------


def test_the_del_page_needs_a_login(client):
    promotion = shareable()

    response = client.get(del_url(promotion))

    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"]


@pytest.mark.parametrize(
    "status", [PromotionStatus.APPROVED, PromotionStatus.PUBLISHED]
)
def test_a_colleague_shares_an_approved_or_published_story(staff_client, status):
    image = ImageFactory()
    promotion = PromotionFactory(
        status=status,
        external_title="Skolen som lærer av elevene",
        image=image,
        image_alt="Elever ved et bord",
        external_urls="https://www.kommune.example/aktuelt/skolen",
    )
    ShareText.objects.create(
        promotion=promotion, channel="linkedin", text="Stolte av skolen vår."
    )

    response = staff_client.get(del_url(promotion))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Skolen som lærer av elevene" in page
    assert 'alt="Elever ved et bord"' in page
    # The text is selectable without JavaScript; the copy button comes with it.
    assert "readonly" in page.split('id="share-linkedin-text"')[1].split(">")[0]
    assert "Stolte av skolen vår." in page
    assert 'data-copy="share-linkedin-text"' in page
    # Every channel has its counted link, the ones without a text too.
    for channel in ShareChannel.values:
        assert f'value="http://testserver/ekstern/lenke/{promotion.pk}/{channel}/"' in (
            page
        )
    assert "Kommunikasjon har ikke foreslått en tekst for denne kanalen." in page


@pytest.mark.parametrize("status", NOT_SHAREABLE)
def test_no_del_page_before_approval_or_after_withdrawal(staff_client, status):
    promotion = PromotionFactory(status=status)

    assert staff_client.get(del_url(promotion)).status_code == 404


def test_a_story_behind_a_view_restriction_is_shareable_by_nobody(client, team_member):
    """Its external version never leaves the intranet, so a shared link would
    lead nowhere: no Del page and no counted link, even for the group that
    may read the story."""
    promotion = shareable()
    restrict_to_the_team(promotion)
    outsider = UserFactory(username="utenfor")

    for user in (outsider, team_member):
        client.force_login(user)
        assert client.get(del_url(promotion)).status_code == 404
    client.logout()
    assert client.get(link_url(promotion)).status_code == 404
    assert not ShareClick.objects.exists()


def test_an_unpublished_story_is_not_shareable(staff_client):
    promotion = shareable()
    promotion.page.unpublish()

    assert staff_client.get(del_url(promotion)).status_code == 404


def test_the_del_page_is_linked_from_the_showcase_for_colleagues(staff_client):
    promotion = shareable(page__title="Robotstøvsuger")
    publish(promotion.page)
    waiting = PromotionFactory(page__title="Venter på godkjenning")
    publish(waiting.page)

    page = staff_client.get("/vi-viser-det/").content.decode()

    assert "Robotstøvsuger" in page
    assert "Venter på godkjenning" in page
    assert f'href="{del_url(promotion)}"' in page
    assert del_url(waiting) not in page
    assert "Del historien" in page


# The counted link ---------------------------------------------------------------


def test_the_link_counts_a_click_and_goes_on_to_the_public_address(client):
    promotion = shareable()

    response = client.get(link_url(promotion, "linkedin"))

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (target.scheme, target.netloc) == ("http", "testserver")
    assert target.path == f"/ekstern/api/promotions/{promotion.pk}/"
    assert parse_qs(target.query) == {
        "utm_source": ["linkedin"],
        "utm_medium": ["social"],
        "utm_campaign": [f"formidling-{promotion.pk}"],
    }
    assert clicks(promotion, "linkedin") == 1
    # The target is public: someone outside reads the story there.
    assert client.get(response["Location"]).status_code == 200


def test_a_story_published_on_the_website_is_shared_as_that_page(client):
    promotion = shareable()
    promotion.external_urls = (
        "https://www.kommune.no/aktuelt/ny-skole?kilde=intranett\n"
        "https://avisa.no/sak/123"
    )
    promotion.save(update_fields=["external_urls"])

    response = client.get(link_url(promotion, "facebook"))

    target = urlsplit(response["Location"])
    assert (target.scheme, target.netloc, target.path) == (
        "https",
        "www.kommune.no",
        "/aktuelt/ny-skole",
    )
    assert parse_qs(target.query) == {
        "kilde": ["intranett"],
        "utm_source": ["facebook"],
        "utm_medium": ["social"],
        "utm_campaign": [f"formidling-{promotion.pk}"],
    }
    assert clicks(promotion, "facebook") == 1


def test_the_press_link_says_press(client):
    promotion = shareable()

    response = client.get(link_url(promotion, "press"))

    assert parse_qs(urlsplit(response["Location"]).query)["utm_medium"] == ["press"]


def test_each_click_counts_on_one_row_per_channel_and_day(client):
    promotion = shareable()
    for _ in range(3):
        client.get(link_url(promotion, "facebook"))
    client.get(link_url(promotion, "website"))
    other = shareable()
    client.get(link_url(other, "facebook"))

    today = timezone.localdate()
    assert list(
        ShareClick.objects.order_by("promotion", "channel").values_list(
            "promotion", "channel", "day", "clicks"
        )
    ) == [
        (promotion.pk, "facebook", today, 3),
        (promotion.pk, "website", today, 1),
        (other.pk, "facebook", today, 1),
    ]


def test_a_new_day_starts_a_new_row(client):
    import time_machine

    promotion = shareable()
    with time_machine.travel(
        datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    ):
        client.get(link_url(promotion))
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)):
        client.get(link_url(promotion))
        client.get(link_url(promotion))

    # Oslo time: 23:30 UTC on 1 March is already 2 March there.
    assert dict(ShareClick.objects.values_list("day", "clicks")) == {
        datetime.date(2026, 3, 2): 3
    }
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, 0, tzinfo=datetime.UTC)):
        client.get(link_url(promotion))
    assert dict(ShareClick.objects.values_list("day", "clicks")) == {
        datetime.date(2026, 3, 2): 3,
        datetime.date(2026, 3, 3): 1,
    }


def test_a_count_is_added_in_the_database_not_overwritten(client):
    """The increment is `clicks = clicks + 1`: a click counted meanwhile by
    another process is kept."""
    promotion = shareable()
    client.get(link_url(promotion))
    ShareClick.objects.filter(promotion=promotion).update(clicks=41)

    client.get(link_url(promotion))

    assert clicks(promotion) == 42


def test_nothing_about_the_person_is_kept_and_no_cookie_is_set(client, staff_user):
    promotion = shareable()
    fields = {field.name for field in ShareClick._meta.get_fields()}

    anonymous = client.get(
        link_url(promotion), REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Firefox/140"
    )
    client.force_login(staff_user)
    session_before = dict(client.session)
    logged_in = client.get(link_url(promotion))

    assert fields == {"id", "promotion", "channel", "day", "clicks"}
    assert clicks(promotion) == 2
    for response in (anonymous, logged_in):
        assert response.cookies == {}
        assert "Set-Cookie" not in response.headers
        assert "no-store" in response["Cache-Control"]
    assert dict(client.session) == session_before


@pytest.mark.parametrize(
    "query",
    [
        "?next=https://evil.example/",
        "?url=https://evil.example/&to=//evil.example",
        "?utm_source=evil&redirect=javascript:alert(1)",
    ],
)
def test_the_link_never_goes_anywhere_else_whatever_the_query(client, query):
    promotion = shareable()

    response = client.get(link_url(promotion) + query)

    target = urlsplit(response["Location"])
    assert target.netloc == "testserver"
    assert target.path == f"/ekstern/api/promotions/{promotion.pk}/"
    assert "evil" not in response["Location"]
    assert parse_qs(target.query)["utm_source"] == ["facebook"]


@pytest.mark.parametrize("status", NOT_SHAREABLE)
def test_a_link_of_a_withdrawn_or_unapproved_story_stops(client, status):
    promotion = PromotionFactory(status=status)

    response = client.get(link_url(promotion))

    assert response.status_code == 404
    assert "Denne lenken virker ikke lenger" in response.content.decode()
    assert "Location" not in response.headers
    assert not ShareClick.objects.exists()


def test_a_link_stops_the_moment_the_promotion_is_withdrawn(client, team_member):
    promotion = shareable()
    assert client.get(link_url(promotion)).status_code == 302

    services.promotion_transition(
        promotion=promotion,
        to_status=PromotionStatus.WITHDRAWN,
        user=team_member,
    )

    assert client.get(link_url(promotion)).status_code == 404
    assert clicks(promotion) == 1


@pytest.mark.parametrize(
    "path",
    [
        "/ekstern/lenke/{pk}/twitter/",
        "/ekstern/lenke/{pk}/FACEBOOK/",
        "/ekstern/lenke/abc/facebook/",
        "/ekstern/lenke/-1/facebook/",
        "/ekstern/lenke/1.5/facebook/",
        "/ekstern/lenke/%D9%A1/facebook/",  # an Arabic-Indic digit one
        "/ekstern/lenke/99999999999999999999999999/facebook/",
        "/ekstern/lenke/9223372036854775807/facebook/",
        "/ekstern/lenke/0/facebook/",
    ],
)
def test_bad_links_are_a_404_never_an_error_or_the_login(client, path):
    promotion = shareable()

    response = client.get(path.format(pk=promotion.pk))

    assert response.status_code == 404
    assert not ShareClick.objects.exists()


def test_a_huge_id_on_the_del_page_is_not_an_error(staff_client):
    response = staff_client.get("/vi-viser-det/del/99999999999999999999999999/")

    assert response.status_code in (400, 404)


def test_the_link_takes_no_writes(client):
    promotion = shareable()

    assert client.post(link_url(promotion)).status_code == 405
    assert not ShareClick.objects.exists()


def test_previews_and_head_requests_are_not_clicks(client):
    """Facebook and LinkedIn fetch a link to show a preview of it when it is
    posted; that is no one following it."""
    promotion = shareable()

    preview = client.get(
        link_url(promotion),
        HTTP_USER_AGENT="facebookexternalhit/1.1 (+http://www.facebook.com/externalhit)",
    )
    linkedin = client.get(
        link_url(promotion), HTTP_USER_AGENT="LinkedInBot/1.0 (compatible; Mozilla/5.0)"
    )
    head = client.head(link_url(promotion))

    assert preview.status_code == linkedin.status_code == head.status_code == 302
    assert not ShareClick.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_first_clicks_of_a_day_are_all_counted():

    postgres_only("Concurrent writers are tested on PostgreSQL only")
    promotion = shareable()
    start = threading.Barrier(8)

    def click() -> None:
        try:
            start.wait()
            for _ in range(10):
                services.share_click_record(promotion=promotion, channel="facebook")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert ShareClick.objects.count() == 1
    assert clicks(promotion) == 80


# The figures ------------------------------------------------------------------


def test_the_figures_show_the_clicks_per_channel_and_story(team_client, client):
    promotion = shareable(external_title="Mest delt")
    for _ in range(4):
        client.get(link_url(promotion, "facebook"))
    client.get(link_url(promotion, "linkedin"))

    page = team_client.get(reverse("promotion_admin:figures")).content.decode()

    assert "Klikk på delte lenker" in page
    assert "5 klikk fra" in page
    row = page.split("Mest delt")[1].split("</tr>")[0]
    # Website, Facebook, LinkedIn, press release, in all.
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == [
        "0",
        "4",
        "1",
        "0",
        "5",
    ]
    channel_table = page.split('id="chart-share-channel"')[1].split("</table>")[0]
    assert '<th scope="row">Facebook</th><td>4</td>' in channel_table


def test_the_figures_count_only_the_chosen_period(team_client):
    promotion = shareable(external_title="Fjorårets historie")
    services.share_click_record(
        promotion=promotion, channel="press", day=datetime.date(2025, 1, 15)
    )
    services.share_click_record(
        promotion=promotion, channel="press", day=datetime.date(2025, 3, 2)
    )
    figures = reverse("promotion_admin:figures")

    january = team_client.get(figures, {"fra": "2025-01-01", "til": "2025-01-31"})
    spring = team_client.get(figures, {"fra": "2025-01-01", "til": "2025-03-31"})

    assert "1 klikk fra 1. januar 2025 til 31. januar 2025." in january.content.decode()
    assert "2 klikk fra" in spring.content.decode()
    assert "mars 2025" in spring.content.decode()


def test_a_bad_period_is_said_and_the_default_shown(team_client):
    figures = reverse("promotion_admin:figures")

    backwards = team_client.get(figures, {"fra": "2026-05-01", "til": "2026-01-01"})
    too_long = team_client.get(figures, {"fra": "2000-01-01", "til": "2026-01-01"})
    nonsense = team_client.get(figures, {"fra": "i fjor", "til": "99999-99-99"})

    assert backwards.status_code == too_long.status_code == nonsense.status_code == 200
    assert "Perioden starter etter at den slutter." in backwards.content.decode()
    assert "Velg en periode på høyst fem år." in too_long.content.decode()
    assert "klikk fra" in nonsense.content.decode()


def test_the_figures_show_at_most_the_ten_most_clicked_stories(team_client):
    promotions = [shareable(external_title=f"Historie nr. {n}") for n in range(12)]
    for number, promotion in enumerate(promotions):
        for _ in range(number + 1):
            services.share_click_record(promotion=promotion, channel="website")

    page = team_client.get(reverse("promotion_admin:figures")).content.decode()

    top = page.split('id="share-top-heading"')[1]
    assert "De 10 historiene med flest klikk" in top
    assert "Historie nr. 11" in top
    assert "Historie nr. 2<" in top
    assert "Historie nr. 1<" not in top
    assert "Historie nr. 0<" not in top
