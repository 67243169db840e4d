import pytest
from django.test import Client
from django.urls import reverse

from intranet.core.roles import STAFF
from intranet.promotion.models import Promotion, PromotionStatus
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.news import ImageFactory, NewsPageFactory
from tests.factories.promotion import PromotionFactory

pytestmark = pytest.mark.django_db


def snippet_url(name: str, *args) -> str:
    return reverse(Promotion.snippet_viewset.get_url_name(name), args=args)


def bulk_url(action: str, *ids: int) -> str:
    base = reverse("wagtail_bulk_action", args=("promotion", "promotion", action))
    return base + "?" + "&".join(f"id={pk}" for pk in ids)


def every_url(promotion) -> list[str]:
    return [
        snippet_url("list"),
        snippet_url("add"),
        snippet_url("edit", promotion.pk),
        snippet_url("history", promotion.pk),
        snippet_url("delete", promotion.pk),
        reverse("promotion_admin:detail", args=[promotion.pk]),
        reverse("promotion_admin:export", args=[promotion.pk, "html"]),
        reverse("promotion_admin:export", args=[promotion.pk, "txt"]),
        reverse("promotion_admin:board"),
        reverse("promotion_admin:figures"),
        reverse("promotion_admin:add"),
        bulk_url("shortlist", promotion.pk),
        bulk_url("reject", promotion.pk),
    ]


@pytest.fixture
def outsider_client(client, editor):
    client.force_login(editor)
    return client


def test_everyone_outside_the_team_gets_403_on_every_view(outsider_client, editor):
    promotion = PromotionFactory(page__owner=editor)
    for url in every_url(promotion):
        assert outsider_client.get(url).status_code == 403, url
        assert outsider_client.post(url, {"comment": "x"}).status_code == 403, url
    promotion.refresh_from_db()
    assert promotion.status == PromotionStatus.CANDIDATE
    assert Promotion.objects.count() == 1


def test_plain_staff_get_403_too(client):
    client.force_login(UserFactory(groups=[STAFF]))
    promotion = PromotionFactory()
    for url in every_url(promotion):
        assert client.get(url).status_code == 403, url


def test_admin_menu_shows_promotion_only_to_the_team(client, editor, team_member):
    client.force_login(editor)
    assert "/admin/formidling/tavle/" not in client.get("/admin/").content.decode()
    client.force_login(team_member)
    assert "/admin/formidling/tavle/" in client.get("/admin/").content.decode()


def test_team_sees_the_queue_with_filters(team_client):
    PromotionFactory(external_title="Tittel-A", themes="innovation")
    PromotionFactory(
        external_title="Tittel-B", status="shortlisted", themes="competence"
    )
    response = team_client.get(snippet_url("list"))
    assert response.status_code == 200
    assert "Tittel-A" in response.content.decode()
    filtered = team_client.get(snippet_url("list"), {"status": "shortlisted"})
    assert "Tittel-A" not in filtered.content.decode()
    assert "Tittel-B" in filtered.content.decode()
    themed = team_client.get(snippet_url("list"), {"theme": "innovation"})
    assert "Tittel-A" in themed.content.decode()
    assert "Tittel-B" not in themed.content.decode()


def test_queue_query_count_is_constant(team_client, django_assert_max_num_queries):
    PromotionFactory.create_batch(3)
    team_client.get(snippet_url("list"))
    with django_assert_max_num_queries(30) as few:
        team_client.get(snippet_url("list"))
    PromotionFactory.create_batch(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        team_client.get(snippet_url("list"))


def test_detail_shows_story_beside_external_version_and_history(team_client):
    promotion = PromotionFactory(
        page__nomination_text="Vi var først i landet.", external_lead="For folket."
    )
    response = team_client.get(reverse("promotion_admin:detail", args=[promotion.pk]))
    content = response.content.decode()
    assert "Vi var først i landet." in content
    assert "For folket." in content
    assert "Statushistorikk" in content


def test_detail_names_the_channels_in_norwegian_not_by_their_codes(team_client):
    promotion = PromotionFactory(channels=["website", "press"])

    response = team_client.get(
        reverse("promotion_admin:detail", args=[promotion.pk]),
        HTTP_ACCEPT_LANGUAGE="nb",
    )

    content = response.content.decode()
    assert "<dd>Nettsted, Pressemelding</dd>" in content
    assert "website, press" not in content


def test_team_changes_status_and_the_history_shows_who(team_client, team_member):
    promotion = PromotionFactory()
    url = reverse("promotion_admin:detail", args=[promotion.pk])
    response = team_client.post(
        url, {"to_status": "shortlisted", "comment": "God sak", "version": 1}
    )
    assert response.status_code == 302
    promotion.refresh_from_db()
    assert promotion.status == "shortlisted"
    assert promotion.events.get().user == team_member
    assert "God sak" in team_client.get(url).content.decode()


def test_illegal_or_stale_status_change_is_a_clear_message(team_client):
    promotion = PromotionFactory(status="shortlisted", names_person=True)
    url = reverse("promotion_admin:detail", args=[promotion.pk])
    response = team_client.post(url, {"to_status": "approved", "version": 1})
    assert response.status_code == 400
    assert "Bekreft bilderettigheter og samtykke" in response.content.decode()
    response = team_client.post(url, {"to_status": "published", "version": 1})
    assert response.status_code == 400
    stale = team_client.post(url, {"to_status": "candidate", "version": 0})
    assert stale.status_code == 400
    assert "noen andre" in stale.content.decode().lower()
    promotion.refresh_from_db()
    assert promotion.status == "shortlisted"


def edit_data(promotion, **changes) -> dict:
    data = {
        "external_title": promotion.external_title,
        "external_lead": promotion.external_lead,
        "external_body": '{"blocks": [], "entityMap": {}}',
        "language": promotion.language,
        "image_alt": "",
        "channels": ["website"],
        "external_urls": "",
        "notes": "",
        "loaded_version": promotion.version,
    }
    data.update(changes)
    return data


def test_second_of_two_simultaneous_edits_is_told_and_not_saved(team_client):
    promotion = PromotionFactory()
    url = snippet_url("edit", promotion.pk)
    first = team_client.post(url, edit_data(promotion, external_title="Anne sin"))
    assert first.status_code == 302
    second = team_client.post(url, edit_data(promotion, external_title="Ola sin"))
    assert second.status_code == 200
    assert "Noen andre lagret" in second.content.decode()
    promotion.refresh_from_db()
    assert promotion.external_title == "Anne sin"


def test_bulk_shortlist_and_reject(team_client):
    first, second = PromotionFactory.create_batch(2)
    response = team_client.post(bulk_url("shortlist", first.pk, second.pk))
    assert response.status_code == 302
    assert set(Promotion.objects.values_list("status", flat=True)) == {"shortlisted"}
    refused = team_client.post(bulk_url("reject", first.pk), {"comment": ""})
    assert refused.status_code == 200
    team_client.post(bulk_url("reject", first.pk), {"comment": "Ikke nå."})
    first.refresh_from_db()
    assert (first.status, first.rejection_reason) == ("rejected", "Ikke nå.")


def test_team_adds_any_story_by_hand(team_client):
    page = NewsPageFactory()
    response = team_client.post(reverse("promotion_admin:add"), {"page": page.pk})
    assert response.status_code == 302
    assert Promotion.objects.get().page_id == page.pk


def test_board_groups_by_status_and_figures_have_a_table(team_client):
    PromotionFactory(external_title="På tavla", status="approved")
    board = team_client.get(reverse("promotion_admin:board")).content.decode()
    assert "På tavla" in board
    assert "Godkjent (1)" in board
    figures = team_client.get(reverse("promotion_admin:figures")).content.decode()
    assert "<table" in figures
    assert "Nyskaping" in figures


def test_export_gives_press_ready_html_and_text(team_client):
    promotion = PromotionFactory(
        external_title="Skolen vant pris",
        external_body="<p>Første avsnitt.</p><p>Andre &amp; siste.</p>",
        notes="INTERNT",
    )
    html = team_client.get(
        reverse("promotion_admin:export", args=[promotion.pk, "html"])
    )
    assert "<h1>Skolen vant pris</h1>" in html.content.decode()
    text = team_client.get(
        reverse("promotion_admin:export", args=[promotion.pk, "txt"])
    ).content.decode()
    assert text.startswith("Skolen vant pris\n")
    assert "Andre & siste." in text
    assert "INTERNT" not in text + html.content.decode()


def test_team_opens_the_editor_with_the_story_beside_it(team_client):
    promotion = PromotionFactory(page__nomination_text="Først i fylket.")
    response = team_client.get(snippet_url("edit", promotion.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Først i fylket." in content
    assert 'name="loaded_version"' in content


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "www.kommune.no/uten-skjema",
    ],
)
def test_external_addresses_must_be_web_addresses(team_client, address):
    promotion = PromotionFactory(external_urls="https://www.kommune.no/a")
    response = team_client.post(
        snippet_url("edit", promotion.pk),
        edit_data(promotion, external_urls=f"https://www.kommune.no/nyhet\n{address}"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bare nettadresser som begynner med http:// eller https://" in html
    promotion.refresh_from_db()
    assert promotion.external_urls == "https://www.kommune.no/a"


def test_web_addresses_are_saved(team_client):
    promotion = PromotionFactory()
    response = team_client.post(
        snippet_url("edit", promotion.pk),
        edit_data(
            promotion,
            external_urls="https://www.kommune.no/nyhet\nhttp://avis.no/sak?id=1",
        ),
    )

    assert response.status_code == 302
    promotion.refresh_from_db()
    assert promotion.external_url_list == [
        "https://www.kommune.no/nyhet",
        "http://avis.no/sak?id=1",
    ]


def test_team_takes_back_a_published_promotion_at_once(team_client, team_member):
    promotion = PromotionFactory(
        status="published",
        external_title="Ute i verden",
        external_urls="https://www.kommune.no/nyhet/1",
        image=ImageFactory(),
        image_alt="Elever i klasserommet",
        rights_confirmed=True,
    )
    url = reverse("promotion_admin:detail", args=[promotion.pk])
    public = Client()
    image_url = f"/ekstern/bilde/{promotion.pk}/"
    assert public.get(image_url).status_code == 200
    assert "no-cache" in public.get(image_url)["Cache-Control"]
    form = team_client.get(url).content.decode()
    assert 'value="withdrawn"' in form

    refused = team_client.post(url, {"to_status": "withdrawn", "version": 1})
    assert refused.status_code == 400
    assert "begrunnelse" in refused.content.decode()
    response = team_client.post(
        url,
        {
            "to_status": "withdrawn",
            "comment": "Samtykket er trukket.",
            "version": 1,
        },
    )

    assert response.status_code == 302
    promotion.refresh_from_db()
    assert promotion.status == "withdrawn"
    event = promotion.events.get()
    assert (event.from_status, event.to_status, event.user, event.comment) == (
        "published",
        "withdrawn",
        team_member,
        "Samtykket er trukket.",
    )
    assert "Samtykket er trukket." in team_client.get(url).content.decode()
    # Gone from everything the public can read, on the very next request.
    assert "Ute i verden" not in public.get("/ekstern/feed/").content.decode()
    assert public.get("/ekstern/api/promotions/").json()["items"] == []
    assert public.get(f"/ekstern/api/promotions/{promotion.pk}/").status_code == 404
    assert public.get(image_url).status_code == 404


def test_the_queue_filters_by_unit_grouped_under_sectors(team_client):
    health = UnitFactory(name="Helse og omsorg")
    nursing = UnitFactory(name="Sykehjemmene", parent=health)
    PromotionFactory(external_title="Fra sykehjemmet", unit=nursing)
    PromotionFactory(external_title="Fra sektoren", unit=health)

    response = team_client.get(snippet_url("list"), {"unit": nursing.pk})
    crafted = team_client.get(snippet_url("list"), {"unit": "abc"})

    content = response.content.decode()
    assert "Fra sykehjemmet" in content
    assert "Fra sektoren" not in content
    assert "\u00a0\u00a0\u00a0Sykehjemmene</option>" in content
    # The chosen unit is named plainly among the active filters.
    assert [
        (str(f.field_label), f.value) for f in response.context["active_filters"]
    ] == [("Enhet", "Sykehjemmene")]
    assert crafted.status_code == 200
    assert "Fra sektoren" in crafted.content.decode()


def test_the_board_shows_a_bounded_column_with_authors_linked_and_a_way_to_all(
    team_client, django_assert_max_num_queries
):
    from intranet.promotion.admin_views import BOARD_SHOWN

    author = UserFactory(username="nina.lie", first_name="Nina", last_name="Lie")
    PromotionFactory(
        external_title="Hjemmetjenesten tester sensorer",
        page=NewsPageFactory(owner=author, nomination_text="Først i fylket."),
    )
    PromotionFactory.create_batch(BOARD_SHOWN + 5, status="published")

    def board() -> str:
        return team_client.get(reverse("promotion_admin:board")).content.decode()

    page = board()
    assert f"Publisert eksternt ({BOARD_SHOWN + 5})" in page
    assert '<a href="/personer/nina.lie/">Nina Lie</a>' in page
    assert f"Se alle {BOARD_SHOWN + 5}" in page
    assert "?status=published" in page
    shown_published = page.split('id="column-published"')[1].split("</section>")[0]
    assert shown_published.count("<li>") == BOARD_SHOWN

    with django_assert_max_num_queries(40) as few:
        board()
    PromotionFactory.create_batch(15, status="rejected")
    with django_assert_max_num_queries(len(few.captured_queries)):
        board()
