"""A case owner writes an update in the composer, on one page."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cases.models import CaseUpdatePage
from intranet.composer.models import Submission
from tests.cases.admin_forms import edit_form_data, publish
from tests.composer.helpers import composer_form
from tests.factories.core import TopicFactory
from tests.news.test_images import BAD_UPLOADS, jpeg

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(case):
    return reverse("composer:update_new", args=[case.pk])


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


def _the_update(case) -> CaseUpdatePage:
    return CaseUpdatePage.objects.child_of(case).get()


def test_the_case_page_offers_the_composer_to_its_owners(owner_client, case, url):
    response = owner_client.get(case.url)

    assert f'href="{url}"' in response.content.decode()


def test_the_composer_starts_with_the_cases_topics_and_now(owner_client, case, url):
    topic = TopicFactory(name="Helse")
    case.topics.add(topic)
    case.save()

    html = owner_client.get(url).content.decode()

    box = BeautifulSoup(html, "html.parser").find(
        "input", attrs={"name": "topics", "value": str(topic.pk)}
    )
    assert "Ny oppdatering" in html
    assert box.has_attr("checked")
    assert timezone.localtime().strftime("%Y-%m-%dT") in html
    assert "Viser dette nyskaping eller kompetanse?" in html


def test_publishing_a_text_only_update_lands_on_it(owner_client, owner, case, url):
    data = composer_form(
        owner_client,
        url,
        title="Første uke med digitale tilsyn",
        intro="Tolv brukere har fått digitale tilsyn denne uka.",
        text="Det har gått **bra**.\n\n- Færre bomturer\n- Mer tid til samtaler",
        action="publish",
    )

    response = owner_client.post(url, data, follow=True)

    update = _the_update(case)
    assert update.live and not update.has_unpublished_changes
    assert update.url == "/saker/digital-hjemmetjeneste/forste-uke-med-digitale-tilsyn/"
    assert response.redirect_chain[-1][0] == update.url
    html = response.content.decode()
    assert "Publisert." in html
    assert "<b>bra</b>" in html and "<li" in html and "Færre bomturer" in html
    assert "Digital hjemmetjeneste" in html  # the way back to the case
    revision = Revision.page_revisions.get(object_id=str(update.pk))
    assert revision.user == owner
    assert update.owner == owner


def test_what_the_composer_wrote_opens_and_saves_in_the_wagtail_editor(
    owner_client, case, url
):
    owner_client.post(
        url,
        composer_form(
            owner_client,
            url,
            title="Tilsyn",
            intro="Ingress.",
            text="## Hva skjer\n\nAvsnitt med *kursiv* og [lenke](https://kommune.no).",
            action="publish",
        ),
    )
    update = _the_update(case)
    editor = owner_client.get(reverse("wagtailadmin_pages:edit", args=[update.pk]))
    heading, paragraph = update.body
    # What the editor's StreamField sends back, drawn from the stored blocks
    # as Draftail draws them.
    body = nested_form_data(
        {
            "body": streamfield(
                [
                    ("heading", heading.value),
                    ("paragraph", rich_text(paragraph.value.source)),
                ]
            )
        }
    )

    response = owner_client.post(
        reverse("wagtailadmin_pages:edit", args=[update.pk]),
        publish({**edit_form_data(update, intro="Endret i editoren."), **body}),
    )

    assert editor.status_code == 200 and "Hva skjer" in editor.content.decode()
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.intro == "Endret i editoren."
    assert [block.block_type for block in update.body] == ["heading", "paragraph"]
    assert 'href="https://kommune.no"' in update.body[1].value.source


def test_publishing_with_a_photo_from_the_phone(owner_client, owner, case, url):
    data = composer_form(
        owner_client,
        url,
        title="Nye nettbrett",
        intro="Alle i sone nord har fått nettbrett.",
        picture_alt="To sykepleiere tester nettbrettet.",
        action="publish",
    )
    data["picture"] = SimpleUploadedFile("IMG_0042.jpg", jpeg(), "image/jpeg")

    response = owner_client.post(url, data)

    update = _the_update(case)
    assert response.status_code == 302
    assert update.hero_image.uploaded_by_user == owner
    assert update.hero_image_alt == "To sykepleiere tester nettbrettet."
    assert "To sykepleiere tester nettbrettet." in owner_client.get(update.url).text


def test_a_picture_without_alt_text_is_refused_but_kept(owner_client, case, url):
    data = composer_form(
        owner_client, url, title="Nye nettbrett", intro="Ingress.", action="publish"
    )
    data["picture"] = SimpleUploadedFile("IMG_0042.jpg", jpeg(), "image/jpeg")

    response = owner_client.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Beskriv bildet med noen ord" in html
    assert not CaseUpdatePage.objects.exists()
    image = get_image_model().objects.get()
    # The uploaded picture is chosen in the form shown again: nothing to redo.
    assert f'value="{image.pk}"' in html
    resent = {
        **composer_form(owner_client, url),
        "title": "Nye nettbrett",
        "intro": "Ingress.",
        "picture_choice": str(image.pk),
        "picture_alt": "Et nettbrett på et kjøkkenbord.",
        "action": "publish",
    }
    assert owner_client.post(url, resent).status_code == 302
    assert _the_update(case).hero_image == image


@pytest.mark.parametrize("upload", ["PDF", "decompression bomb", "48 megapixels"])
def test_a_bad_picture_gets_a_clear_message_and_the_text_stays(
    owner_client, case, url, upload
):
    name, content, message = BAD_UPLOADS[upload]
    data = composer_form(
        owner_client,
        url,
        title="Tittelen min",
        intro="Ingressen min.",
        text="Teksten min.",
        picture_alt="Alt",
        action="publish",
    )
    data["picture"] = SimpleUploadedFile(name, content)

    response = owner_client.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Teksten min." in html and "Tittelen min" in html
    assert not CaseUpdatePage.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Skriv en tittel."),
        ({"intro": ""}, "Skriv en ingress på en setning eller to."),
        (
            {"publication_date": "2031-01-01T10:00"},
            "Publiseringsdatoen kan ikke være frem i tid.",
        ),
        (
            {"publication_date": "2019-01-01T10:00"},
            "Publiseringsdatoen kan ikke være mer enn ett år tilbake.",
        ),
        ({"publication_date": "i morgen"}, "Skriv datoen som dd.mm.åååå"),
        (
            {"shows_example": "yes", "positioning_themes": "innovation"},
            "Si i en setning hvorfor dette viser det valgte temaet.",
        ),
        (
            {"shows_example": "yes", "nomination_text": "Fordi."},
            "Velg nyskaping, kompetanse eller begge.",
        ),
    ],
)
def test_bad_input_is_said_at_the_field_and_nothing_is_lost(
    owner_client, case, url, changes, message
):
    typed = {
        "title": "Tittelen min",
        "intro": "Ingressen min.",
        "text": "En lang tekst jeg ikke vil skrive igjen.",
        "action": "publish",
    }
    data = composer_form(owner_client, url, **{**typed, **changes})

    response = owner_client.post(url, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "En lang tekst jeg ikke vil skrive igjen." in html
    assert not CaseUpdatePage.objects.exists()


def test_a_positioning_example_reaches_the_page_with_its_why(owner_client, case, url):
    owner_client.post(
        url,
        composer_form(
            owner_client,
            url,
            title="Robot i vaskeriet",
            intro="Ingress.",
            shows_example="yes",
            positioning_themes="innovation",
            nomination_text="Første kommune som prøver dette.",
            action="publish",
        ),
    )

    update = _the_update(case)
    assert update.positioning_themes == ["innovation"]
    assert update.nomination_text == "Første kommune som prøver dette."


def test_answering_no_drops_a_theme_ticked_before(owner_client, case, url):
    owner_client.post(
        url,
        composer_form(
            owner_client,
            url,
            title="Vanlig nyhet",
            intro="Ingress.",
            shows_example="no",
            positioning_themes="innovation",
            action="publish",
        ),
    )

    assert _the_update(case).positioning_themes == []


def test_a_double_click_on_publish_publishes_once(owner_client, case, url):
    data = composer_form(
        owner_client, url, title="Én gang", intro="Ingress.", action="publish"
    )

    first = owner_client.post(url, data)
    second = owner_client.post(url, data)

    update = _the_update(case)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == update.url
    assert Submission.objects.get().page_id == update.pk


def test_a_draft_is_not_published_and_opens_again(owner_client, case, url):
    data = composer_form(
        owner_client, url, title="Halvferdig", intro="Ingress.", action="draft"
    )

    response = owner_client.post(url, data, follow=True)

    update = _the_update(case)
    assert not update.live
    assert response.redirect_chain[-1][0] == reverse("composer:edit", args=[update.pk])
    assert "Kladden er lagret." in response.content.decode()
    assert 'value="Halvferdig"' in response.content.decode()


def test_preview_shows_the_update_and_saves_nothing(owner_client, case, url):
    data = composer_form(
        owner_client,
        url,
        title="Forhåndsvist",
        intro="Ingress.",
        text="**Viktig** beskjed",
        action="preview",
    )

    response = owner_client.post(url, data)

    html = response.content.decode()
    assert "Forhåndsvisning – ikke publisert ennå" in html
    assert "<b>Viktig</b>" in html
    assert not CaseUpdatePage.objects.exists()


def test_a_text_typed_when_the_session_ran_out_is_kept_through_login(
    client, owner, case, url
):
    client.force_login(owner)
    data = composer_form(
        client,
        url,
        title="Skrevet i korridoren",
        intro="Ingress skrevet før utlogging.",
        text="Et langt avsnitt.",
        action="publish",
    )
    client.logout()

    response = client.post(url, data)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not CaseUpdatePage.objects.exists()
    client.force_login(owner)
    html = client.get(url).content.decode()
    assert "Du ble logget ut mens du skrev." in html
    assert 'value="Skrevet i korridoren"' in html
    assert "Et langt avsnitt." in html
    # Kept once: the next visit starts afresh.
    assert "Et langt avsnitt." not in client.get(url).content.decode()


def test_the_composer_needs_two_typed_inputs_and_one_click(owner_client, url):
    """The journey the README counts: one page, title and ingress typed, the
    date and topics filled in, one press of *Publiser*."""
    form = BeautifulSoup(owner_client.get(url).content, "html.parser").find(
        id="composer-form"
    )
    required_empty = [
        field["name"]
        for field in form.find_all(["input", "textarea"], required=True)
        if not field.get("value") and not field.get_text().strip()
    ]
    publish_buttons = form.find_all("button", attrs={"value": "publish"})

    assert required_empty == ["title", "intro"]
    assert len(publish_buttons) == 1


def test_publication_date_is_kept_as_given(owner_client, case, url):
    when = timezone.localtime() - datetime.timedelta(days=3)
    owner_client.post(
        url,
        composer_form(
            owner_client,
            url,
            title="Litt gammel nyhet",
            intro="Ingress.",
            publication_date=when.strftime("%Y-%m-%dT%H:%M"),
            action="publish",
        ),
    )

    assert timezone.localdate(_the_update(case).publication_date) == when.date()
