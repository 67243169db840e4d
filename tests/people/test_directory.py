import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.core.models import Competence, StaffProfile, Unit
from intranet.people.services import profile_photo_create
from tests.factories.core import UserFactory
from tests.people.conftest import png

DIRECTORY = "/personer/"


def person(username, first, last, *, unit=None, title="", competences=(), **fields):
    user = UserFactory(username=username, first_name=first, last_name=last)
    profile, _ = StaffProfile.objects.update_or_create(
        user=user, defaults={"unit": unit, "job_title": title, **fields}
    )
    profile.competences.set(
        Competence.objects.get_or_create(name=name, slug=name.lower())[0]
        for name in competences
    )
    return user


def names(html: str) -> list[str]:
    return [
        part.split(">", 1)[1].split("<", 1)[0]
        for part in html.split('class="directory__name"')[1:]
    ]


@pytest.fixture
def school(sector):
    return Unit.objects.create(name="Berg skole", slug="berg-skole", parent=sector)


@pytest.fixture
def people(unit, school):
    return {
        "anne": person(
            "anne", "Anne", "Berg", unit=unit, title="Styrer", competences=["Excel"]
        ),
        "per": person("per", "Per", "Øvre", unit=school, title="Rektor"),
        "aase": person(
            "aase",
            "Åse",
            "Ås",
            unit=school,
            title="Lærer",
            competences=["Personvern"],
            hidden_fields="mobile,competences",
        ),
    }


def test_the_directory_lists_active_people_with_title_unit_and_phone(my_client, people):
    UserFactory(
        username="sluttet", first_name="Sluttet", last_name="Ansatt", is_active=False
    )

    html = my_client.get(DIRECTORY).content.decode()

    assert "Anne Berg" in html and "Styrer" in html and "Barnehagene" in html
    assert "Per Øvre" in html and "Berg skole" in html
    assert 'href="/personer/anne/"' in html
    assert "63801234" in html  # Kari's work phone
    assert "Sluttet" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "rektor"}, ["Per Øvre"]),
        ({"q": "anne"}, ["Anne Berg"]),
        ({"q": "excel"}, ["Anne Berg"]),
        ({"q": "personvern"}, []),  # Åse hides her competence
        ({"enhet": "berg-skole"}, ["Per Øvre", "Åse Ås"]),
        ({"sektor": "oppvekst"}, ["Anne Berg", "Kari Nordmann", "Per Øvre", "Åse Ås"]),
        ({"kompetanse": "excel"}, ["Anne Berg"]),
        ({"bokstav": "Ø"}, ["Per Øvre"]),
        ({"bokstav": "å"}, ["Åse Ås"]),
    ],
)
def test_search_and_filters(my_client, people, params, expected):
    html = my_client.get(DIRECTORY, params).content.decode()
    assert sorted(names(html)) == sorted(expected)


def test_letters_are_in_norwegian_order(my_client):
    html = my_client.get(DIRECTORY).content.decode()
    letters = html.split('class="letters"')[1].split("</nav>")[0]
    assert letters.index(">Z<") < letters.index(">Æ<") < letters.index(">Ø<")
    assert letters.index(">Ø<") < letters.index(">Å<")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"enhet": "finnes-ikke"}, "Det finnes ingen enhet «finnes-ikke»"),
        ({"enhet": "999999"}, "Det finnes ingen enhet «999999»"),
        ({"sektor": "berg-skole"}, "Det finnes ingen sektor «berg-skole»"),
        ({"kompetanse": "strikking"}, "Det finnes ikke noe emne «strikking»"),
        # Only Åse knows it, and she hides it: it is not named as a choice.
        ({"kompetanse": "personvern"}, "Det finnes ikke noe emne «personvern»"),
        ({"bokstav": "%"}, "er ikke en bokstav i alfabetet"),
        ({"side": "tre"}, "er ikke et sidetall"),
    ],
)
def test_unknown_filters_are_named_and_the_rest_still_applies(
    my_client, people, params, message
):
    response = my_client.get(DIRECTORY, {"q": "rektor", **params})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html.replace("“", "«").replace("”", "»")
    assert names(html) == ["Per Øvre"]


def test_hidden_optional_fields_never_appear_in_the_directory(my_client, people, me):
    aase = StaffProfile.objects.get(user=people["aase"])
    aase.mobile = "+47 999 88 777"
    aase.photo = profile_photo_create(user=people["aase"], file=png())
    aase.hidden_fields = "mobile,competences,photo"
    aase.save()
    StaffProfile.objects.filter(user=people["anne"]).update(
        mobile="+47 444 55 666", hidden_fields=""
    )

    html = my_client.get(DIRECTORY).content.decode()

    assert "999 88 777" not in html and "Personvern" not in html
    assert aase.photo.file.name.split("/")[-1].rsplit(".", 1)[0] not in html
    assert "444 55 666" in html


def _queries(client, url) -> int:
    client.get(url)  # warm: renditions and caches made once
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("url", [DIRECTORY, DIRECTORY + "?q=a&sektor=oppvekst"])
def test_the_directory_costs_the_same_for_5_and_50_people(my_client, sector, url):
    def add(start: int, stop: int) -> None:
        units = [
            Unit.objects.create(name=f"Enhet {n}", slug=f"e-{n}", parent=sector)
            for n in range(start, stop, 10)
        ]
        for n in range(start, stop):
            user = person(
                f"p{n}",
                "Ansatt",
                f"Andersen{n:03}",
                unit=units[(n - start) // 10],
                title="Rådgiver",
                competences=[f"Emne {n % 7}", "Felles"],
            )
            if n % 3 == 0:
                profile = user.profile
                profile.photo = profile_photo_create(user=user, file=png())
                profile.save()

    add(0, 5)
    few = _queries(my_client, url)
    add(5, 50)
    many = _queries(my_client, url)

    assert "Andersen049" not in my_client.get(url).content.decode()  # page 2
    assert many == few
