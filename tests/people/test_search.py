"""People in search: named above the pages, with only what they let others see."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.models import Competence, StaffProfile
from tests.factories.core import UserFactory


def add(username, first, last, **fields):
    user = UserFactory(username=username, first_name=first, last_name=last)
    StaffProfile.objects.update_or_create(user=user, defaults=fields)
    return user


def test_a_name_finds_the_person_above_the_pages(my_client, me):
    add("sluttet", "Kari", "Sluttet", job_title="Pensjonist").__class__.objects.filter(
        username="sluttet"
    ).update(is_active=False)

    html = my_client.get("/sok/", {"q": "kari nordmann"}).content.decode()

    assert 'href="/personer/kari.nordmann/"' in html
    assert "Rådgiver" in html
    assert "/personer/sluttet/" not in html


def test_people_are_found_by_competence_unless_they_hide_it(my_client, me):
    shown = add("vis", "Vera", "Viser", mobile="+47 444 55 666", hidden_fields="")
    hidden = add("skjul", "Sofie", "Skjuler", mobile="+47 999 00 111")
    gdpr = Competence.objects.create(name="Personvern", slug="personvern")
    shown.profile.competences.add(gdpr)
    hidden.profile.competences.add(gdpr)
    StaffProfile.objects.filter(user=hidden).update(hidden_fields="mobile,competences")

    html = my_client.get("/sok/", {"q": "personvern"}).content.decode()

    assert "/personer/vis/" in html and "444 55 666" in html
    assert "/personer/skjul/" not in html and "999 00 111" not in html


def test_no_people_when_the_search_is_narrowed_to_pages(my_client, me):
    html = my_client.get("/sok/", {"q": "kari", "type": "news"}).content.decode()
    assert 'href="/personer/kari.nordmann/"' not in html


def test_many_people_are_shown_five_with_a_link_to_the_directory(my_client):
    for n in range(12):
        add(f"hansen{n}", "Per", f"Hansen{n:02}")

    html = my_client.get("/sok/", {"q": "hansen"}).content.decode()

    assert html.count('class="directory__name"') == 5
    assert "Se alle 12 personene i personkatalogen" in html
    assert 'href="/personer/?q=hansen"' in html


def test_people_in_search_cost_the_same_for_5_and_50(my_client):
    def queries() -> int:
        my_client.get("/sok/", {"q": "andersen"})
        with CaptureQueriesContext(connection) as context:
            my_client.get("/sok/", {"q": "andersen"})
        return len(context)

    for n in range(5):
        add(f"a{n}", "Per", f"Andersen{n}", job_title="Rådgiver")
    few = queries()
    for n in range(5, 50):
        add(f"a{n}", "Per", f"Andersen{n}", job_title="Rådgiver")

    assert queries() == few
