"""People in search: named above the pages, with only what they let others see."""

import re

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


def named(client, word: str) -> set[str]:
    """The people's pages the search for `word` links to above the pages."""
    html = client.get("/sok/", {"q": word}).content.decode()
    return set(re.findall(r'href="/personer/([\w.]+)/"', html))


def test_whom_a_word_finds_is_asked_once_until_people_change(my_client, me):
    add("tor", "Tor", "Brobygger", job_title="Brobygger")
    named(my_client, "brobygger")

    with CaptureQueriesContext(connection) as queries:
        assert named(my_client, "brobygger") == {"tor"}

    # The words are tested against everyone with LIKE: not this time.
    assert not [query for query in queries if " LIKE " in query["sql"]]


def test_each_change_to_whom_a_word_finds_shows_at_the_next_search(my_client, me):
    """Whom a word finds is kept, and every change to what it tests shows at
    the next search: a title, a name, leaving, a competence added, renamed or
    hidden, a new colleague, a profile deleted."""
    tor = add("tor", "Tor", "Hansen", job_title="Ingeniør")
    assert named(my_client, "veiplan") == set()

    tor.profile.job_title = "Veiplanlegger"
    tor.profile.save()
    assert named(my_client, "veiplan") == {"tor"}

    tor.last_name = "Veiplassen"
    tor.save()
    tor.is_active = False
    tor.save()
    assert named(my_client, "veiplan") == set()
    tor.is_active = True
    tor.save()
    assert named(my_client, "veiplan") == {"tor"}

    skill = Competence.objects.create(name="Gatelys", slug="gatelys")
    tor.profile.competences.add(skill)
    assert named(my_client, "gatelys") == {"tor"}
    assert named(my_client, "vegbelysning") == set()
    skill.name = "Vegbelysning"
    skill.save()
    assert named(my_client, "vegbelysning") == {"tor"}
    tor.profile.hidden_fields = "competences"
    tor.profile.save(update_fields=["hidden_fields"])
    assert named(my_client, "vegbelysning") == set()
    tor.profile.hidden_fields = ""
    tor.profile.save(update_fields=["hidden_fields"])
    tor.profile.competences.clear()
    assert named(my_client, "vegbelysning") == set()

    add("ny", "Nina", "Veiplanlegger")
    assert named(my_client, "veiplan") == {"tor", "ny"}
    tor.profile.delete()  # his title with it
    assert named(my_client, "veiplan") == {"ny"}


def test_a_sign_in_that_moves_a_unit_keeps_whom_words_find(my_client, me, unit):
    """A profile saved without a field words are tested against (the unit a
    sign-in brings) keeps the kept answers."""
    from intranet.core.selectors import scope_version

    before = scope_version("directory")
    me.profile.unit = None
    me.profile.save(update_fields=["unit"])
    my_client.get("/sok/", {"q": "rådgiver"})

    assert scope_version("directory") == before
