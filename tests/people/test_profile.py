import pytest
from django.utils import timezone

from intranet.core.models import Competence, StaffProfile
from intranet.sso.models import OidcIdentity
from tests.factories.core import UserFactory
from tests.people.conftest import png

EDIT = "/personer/meg/endre/"


def edit_data(**changes) -> dict:
    data = {
        "job_title": "Rådgiver",
        "phone": "63 80 12 34",
        "mobile": "+47 912 34 567",
        "office": "Rådhuset, 3. etasje",
        "workdays": ["mon", "tue", "wed"],
        "languages": "Norsk, polsk",
        "competence_text": "Innkjøp, Personvern",
        "about": "Jeg hjelper gjerne med anbud.",
        "shown_fields": [
            "photo",
            "office",
            "workdays",
            "languages",
            "competences",
            "about",
        ],
    }
    data.update(changes)
    return data


def test_a_person_edits_and_sees_their_profile(my_client, me):
    response = my_client.post(EDIT, edit_data())

    assert response.status_code == 302
    assert response["Location"] == "/personer/kari.nordmann/"
    html = my_client.get("/personer/kari.nordmann/").content.decode()
    assert "Profilen din er lagret." in html
    for shown in (
        "Rådhuset, 3. etasje",
        "mandag, tirsdag, onsdag",
        "Norsk, polsk",
        "Innkjøp",
        "Personvern",
        "Jeg hjelper gjerne med anbud.",
        "63 80 12 34",
        "Barnehagene",
        "kari.nordmann@kommune.invalid",
    ):
        assert shown in html
    profile = StaffProfile.objects.get(user=me)
    assert profile.confirmed_at is not None
    # The mobile is hidden from others: its owner sees it, marked "only you".
    assert "+47 912 34 567" in html and "bare deg" in html


def test_competences_are_one_shared_vocabulary_with_free_additions(
    my_client, colleague_client, colleague
):
    Competence.objects.create(name="Personvern", slug="personvern")

    my_client.post(
        EDIT, edit_data(competence_text="personvern, Kildesortering, Innkjøp")
    )
    colleague_client.post(EDIT, edit_data(competence_text="PERSONVERN; kildesortering"))

    assert sorted(Competence.objects.values_list("name", flat=True)) == [
        "Innkjøp",
        "Kildesortering",
        "Personvern",
    ]
    assert Competence.objects.get(name="Personvern").profiles.count() == 2


def test_hidden_optional_fields_never_appear_to_someone_else(
    my_client, me, colleague_client
):
    my_client.post(
        EDIT, edit_data(photo_upload=png(), shown_fields=[], about="Hemmelig tekst")
    )
    profile = StaffProfile.objects.get(user=me)
    assert profile.photo is not None

    html = colleague_client.get("/personer/kari.nordmann/").content.decode()

    for hidden in (
        "912 34 567",
        "Rådhuset",
        "mandag",
        "Norsk, polsk",
        "Innkjøp",
        "Hemmelig tekst",
        profile.photo.file.name.split("/")[-1].rsplit(".", 1)[0],
        "bare deg",
    ):
        assert hidden not in html
    # What is not optional stays: name, title, unit, work phone, e-mail.
    assert "Kari Nordmann" in html and "Rådgiver" in html and "63 80 12 34" in html
    assert "<svg" in html  # the initials instead of the hidden photo
    html_own = my_client.get("/personer/kari.nordmann/").content.decode()
    assert "Hemmelig tekst" in html_own and "<img" in html_own


def test_a_person_can_only_edit_their_own_profile(my_client, me, colleague):
    my_client.post(EDIT, edit_data(user=colleague.pk, job_title="Sjef"))

    assert StaffProfile.objects.get(user=me).job_title == "Sjef"
    assert not StaffProfile.objects.filter(user=colleague, job_title="Sjef").exists()


def test_the_edit_page_needs_a_login(client, db):
    response = client.get(EDIT)
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_fields_from_single_sign_on_are_read_only(my_client, me):
    html = my_client.get(EDIT).content.decode()
    assert "fra kommunens brukerkatalog" not in html
    assert 'name="first_name"' not in html and 'name="email"' not in html

    OidcIdentity.objects.create(user=me, issuer="https://idp.invalid", subject="42")
    html = my_client.get(EDIT).content.decode()

    marked = '<span class="meta">fra kommunens brukerkatalog</span>'
    assert html.count(marked) == 3  # name, e-mail, unit
    assert 'name="first_name"' not in html and 'name="unit"' not in html


def test_confirming_the_profile_sets_the_date_shown(my_client, me, colleague_client):
    assert "Aldri" in colleague_client.get("/personer/kari.nordmann/").content.decode()

    response = my_client.post("/personer/meg/bekreft/")

    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=me)
    assert timezone.localdate(profile.confirmed_at) == timezone.localdate()
    html = colleague_client.get("/personer/kari.nordmann/").content.decode()
    shown_day = timezone.localtime(profile.confirmed_at).day  # in Oslo, not UTC
    assert f"{shown_day}. " in html and "Aldri" not in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"phone": "ring meg"}, "Skriv telefonnummeret med sifre"),
        ({"mobile": "9123abc"}, "Skriv telefonnummeret med sifre"),
        ({"about": "x" * 5000}, "1000 eller færre tegn"),
        (
            {"competence_text": ", ".join(f"emne {n}" for n in range(20))},
            "høyst 15 emner",
        ),
        ({"competence_text": "a" * 80}, "høyst 60 tegn"),
        ({"competence_text": "!!!, ???"}, "minst én bokstav"),
        ({"workdays": ["caturday"]}, "Velg et gyldig valg"),
    ],
)
def test_bad_input_is_named_in_norwegian_and_nothing_is_lost(
    my_client, me, changes, message
):
    data = edit_data(**changes)
    response = my_client.post(EDIT, data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Ingenting av det du skrev, er borte." in html
    assert "Rådhuset, 3. etasje" in html and "Norsk, polsk" in html
    assert StaffProfile.objects.get(user=me).office == ""  # nothing half-saved


def test_a_long_about_me_is_kept_in_the_form(my_client):
    text = "Lang tekst. " * 420
    html = my_client.post(EDIT, edit_data(about=text)).content.decode()
    assert text.strip() in html


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: __import__(
                "django.core.files.uploadedfile"
            ).core.files.uploadedfile.SimpleUploadedFile(
                "meg.png", b"not a picture", content_type="image/png"
            ),
            "bilde",
        ),
        (lambda: png(size=(8000, 6000)), "megapiksler"),
    ],
    ids=["not an image", "too many pixels"],
)
def test_a_bad_photo_is_refused_with_a_message(my_client, me, upload, message):
    response = my_client.post(EDIT, edit_data(photo_upload=upload()))

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Rådhuset, 3. etasje" in html
    assert StaffProfile.objects.get(user=me).photo is None


def test_an_accepted_photo_is_kept_while_another_field_is_fixed(my_client, me):
    html = my_client.post(
        EDIT, edit_data(photo_upload=png(), phone="ring meg")
    ).content.decode()
    assert "Det nye bildet ditt er tatt vare på" in html
    kept = html.split('name="photo_kept" value="')[1].split('"')[0]

    response = my_client.post(EDIT, edit_data(photo_kept=kept))

    assert response.status_code == 302
    assert StaffProfile.objects.get(user=me).photo_id == int(kept)


def test_nobody_can_take_someone_elses_upload_as_their_photo(my_client, me, colleague):
    from wagtail.images import get_image_model

    from intranet.people.services import profile_photo_create

    theirs = profile_photo_create(user=colleague, file=png())

    html = my_client.post(EDIT, edit_data(photo_kept=theirs.pk)).content.decode()

    assert "Bildet du valgte, er borte; velg det på nytt." in html
    assert StaffProfile.objects.get(user=me).photo is None
    assert get_image_model().objects.count() == 1


def test_inactive_and_unknown_people_have_no_page(my_client):
    UserFactory(username="sluttet", is_active=False)
    assert my_client.get("/personer/sluttet/").status_code == 404
    assert my_client.get("/personer/finnes.ikke/").status_code == 404


def test_the_profile_shows_cases_and_stories_and_the_follow_button(
    my_client, owner, co_owner, make_case, make_update
):
    case = make_case("Ny skole på Berg")
    make_update(case, "Byggestart", author=co_owner)

    html = my_client.get(f"/personer/{owner.username}/").content.decode()

    assert "Ny skole på Berg" in html
    assert "Følg" in html


def test_a_profile_costs_the_same_for_5_and_50_people_and_1_and_20_cases(
    my_client, owner, make_case, make_update
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        my_client.get(f"/personer/{owner.username}/")
        with CaptureQueriesContext(connection) as context:
            assert my_client.get(f"/personer/{owner.username}/").status_code == 200
        return len(context)

    make_update(make_case("Sak 0"), "Oppdatering 0")
    for n in range(3):
        UserFactory(username=f"few{n}")
    StaffProfile.objects.filter(user=owner).update(hidden_fields="")  # all shown
    few = queries()
    for n in range(1, 20):
        make_update(make_case(f"Sak {n}"), f"Oppdatering {n}")
    for n in range(45):
        UserFactory(username=f"many{n}")
    StaffProfile.objects.filter(user=owner).update(about="Om meg", hidden_fields="")

    assert queries() == few


def test_title_and_phone_from_single_sign_on_are_read_only(settings, my_client, me):
    settings.SSO_ISSUER = "https://idp.invalid"
    settings.SSO_CLIENT_ID = "intranett"
    settings.SSO_TITLE_CLAIM = "jobTitle"
    settings.SSO_PHONE_CLAIM = "phone_number"
    OidcIdentity.objects.create(user=me, issuer="https://idp.invalid", subject="42")

    html = my_client.get(EDIT).content.decode()
    response = my_client.post(EDIT, edit_data(job_title="Sjef", phone="11111111"))

    assert (
        'name="job_title"' in html
        and "disabled" in html.split('name="job_title"')[1][:200]
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=me)
    assert (profile.job_title, profile.phone) == ("Rådgiver", "63801234")
    assert profile.office == "Rådhuset, 3. etasje"  # the rest is saved


def test_the_topics_a_person_follows_show_only_when_they_choose(
    my_client, me, colleague_client
):
    from intranet.core.models import Topic
    from intranet.subscriptions.services import subscription_create
    from search.query import SearchQuery

    Topic.objects.create(name="Klima", slug="klima")
    Topic.objects.create(name="Skolebygg", slug="skolebygg")
    subscription_create(
        user=me, query=SearchQuery(topics=("klima", "skolebygg")), name="Mine emner"
    )

    # New profiles keep them private: the person sees them, marked "only you".
    assert (
        "Klima" not in colleague_client.get("/personer/kari.nordmann/").content.decode()
    )
    own = my_client.get("/personer/kari.nordmann/").content.decode()
    assert "Emner jeg følger" in own and "Klima" in own and "bare deg" in own

    shown = edit_data()["shown_fields"] + ["topics"]
    my_client.post(EDIT, edit_data(shown_fields=shown))
    seen = colleague_client.get("/personer/kari.nordmann/").content.decode()
    assert "Emner jeg følger" in seen
    assert seen.index("Klima") < seen.index("Skolebygg")
    assert "/sok/?topic=klima" in seen

    my_client.post(EDIT, edit_data())  # unticked again
    assert (
        "Klima" not in colleague_client.get("/personer/kari.nordmann/").content.decode()
    )
