"""The culture pulse: anonymous, once per person, results after closing."""

import datetime
import json
import logging

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from intranet.core.roles import STAFF
from intranet.insights.models import PulseParticipation, PulseSurvey, PulseTally
from intranet.insights.services import pulse_answer
from tests.factories.core import UserFactory
from tests.factories.insights import PulseSurveyFactory

pytestmark = pytest.mark.django_db


def answer_url(survey) -> str:
    return reverse("insights:pulse", args=[survey.pk])


def test_staff_answer_once_and_are_thanked(staff_client):
    survey = PulseSurveyFactory()
    response = staff_client.post(
        answer_url(survey), {"score": "4", "comment": "Bedre enn før."}, follow=True
    )
    assert "Takk! Svaret ditt er lagret." in response.text
    assert "Du har svart på denne undersøkelsen" in response.text
    tally = PulseTally.objects.get(survey=survey)
    assert (tally.answers, tally.score_4, tally.comments) == (1, 1, ["Bedre enn før."])


def test_a_second_answer_is_refused_with_a_clear_message(staff_client):
    survey = PulseSurveyFactory()
    staff_client.post(answer_url(survey), {"score": "2"})
    response = staff_client.post(answer_url(survey), {"score": "5"})
    assert response.status_code == 409
    assert "Du har allerede svart på denne undersøkelsen" in response.text
    tally = PulseTally.objects.get(survey=survey)
    assert (tally.answers, tally.score_2) == (1, 1)
    assert PulseParticipation.objects.count() == 1


def test_answers_after_the_survey_closed_are_refused(staff_client):
    survey = PulseSurveyFactory(closed=True)
    response = staff_client.post(answer_url(survey), {"score": "5"})
    assert response.status_code == 400
    assert "Denne undersøkelsen stengte" in response.text
    assert "Svaret ditt ble ikke lagret" in response.text
    assert not PulseTally.objects.exists()
    assert not PulseParticipation.objects.exists()


def test_answers_before_the_survey_opens_are_refused(staff_client):
    survey = PulseSurveyFactory(
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=8),
    )
    response = staff_client.post(answer_url(survey), {"score": "5"})
    assert response.status_code == 400
    assert "har ikke åpnet ennå" in response.text
    assert not PulseTally.objects.exists()


@pytest.mark.parametrize("path", ["/puls/999999/", "/puls/999999/skjul/"])
def test_a_tampered_survey_id_gets_a_norwegian_404(staff_client, path):
    PulseSurveyFactory()
    response = staff_client.post(path, {"score": "5"})
    assert response.status_code == 404
    assert "Fant ikke undersøkelsen" in response.text
    assert staff_client.get("/puls/abc/").status_code == 404
    assert not PulseTally.objects.exists()


@pytest.mark.parametrize("score", ["", "0", "6", "fem", "3.5"])
def test_a_missing_or_invalid_score_is_a_form_error(staff_client, score):
    survey = PulseSurveyFactory()
    response = staff_client.post(answer_url(survey), {"score": score})
    assert response.status_code == 400
    assert "Velg et tall fra 1 til 5." in response.text
    assert not PulseTally.objects.exists()


PULSE_TABLES_SKIPPED = {"insights_pulsesurvey"}  # the question and its dates


def pulse_tables() -> list[str]:
    """Every table the pulse writes to when someone answers."""
    return sorted(
        table
        for table in connection.introspection.table_names()
        if table.startswith("insights_pulse") and table not in PULSE_TABLES_SKIPPED
    )


def rows_in_storage_order(table: str, survey) -> list[dict]:
    """The survey's rows as a dump or a disk reader sees them: PostgreSQL's
    physical order (ctid, which pg_dump follows), SQLite's rowid."""
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return [row for row in rows if row.get("survey_id") == survey.pk]


def storage(survey) -> dict[str, list[dict]]:
    """Everything stored for a survey, in storage order, without the survey's
    own id and the random keys (which differ between any two surveys)."""
    return {
        table: [
            {k: v for k, v in row.items() if k not in {"id", "survey_id"}}
            for row in rows_in_storage_order(table, survey)
        ]
        for table in pulse_tables()
    }


ANSWERS = [
    (1, "Zzz, for lite info"),
    (5, "Alt er bra"),
    (2, ""),
    (4, "Mer samtale"),
    (3, "Bedre enn før"),
    (5, ""),
]


def test_rows_in_storage_order_cannot_pair_a_person_with_an_answer():
    """Six colleagues answer two surveys in the same order, but each gives a
    different answer in each survey. If anything stored (a column, a key, or
    the order rows lie in on disk or in a dump) tied an answer to a person,
    the two surveys' rows would differ. They are identical, so nobody holding
    the database, a backup or the secret key can tell who answered what."""
    people = [UserFactory(groups=[STAFF]) for _n in ANSWERS]
    first, second = PulseSurveyFactory(), PulseSurveyFactory()
    for person, (score, comment) in zip(people, ANSWERS, strict=True):
        pulse_answer(survey=first, user=person, score=score, comment=comment)
    # The same people in the same order, each with someone else's answer.
    shifted = ANSWERS[3:] + ANSWERS[:3]
    for person, (score, comment) in zip(people, shifted, strict=True):
        pulse_answer(survey=second, user=person, score=score, comment=comment)

    stored = storage(first)
    assert stored == storage(second)

    # Who answered is stored, one plain row per person and nothing else; the
    # answers are stored as one row per survey, so no row is anyone's answer.
    for table, rows in stored.items():
        if any("user_id" in row for row in rows):
            assert rows == [{"user_id": person.pk} for person in people], table
        else:
            assert len(rows) <= 1, table
    # The answers are there, as counts and comments in alphabetical order.
    tally = PulseTally.objects.get(survey=first)
    assert [getattr(tally, f"score_{n}") for n in range(1, 6)] == [1, 1, 1, 1, 2]
    assert tally.comments == sorted(c for _s, c in ANSWERS if c)


def test_no_pulse_table_holds_a_time():
    with connection.cursor() as cursor:
        for table in pulse_tables():
            for column in connection.introspection.get_table_description(cursor, table):
                kind = connection.introspection.get_field_type(column.type_code, column)
                assert kind not in {"DateTimeField", "DateField", "TimeField"}, (
                    table,
                    column.name,
                )


# The request log ----------------------------------------------------------


@pytest.fixture
def json_lines(settings):
    """Request log lines as production writes them."""
    from intranet.core.logs import JsonFormatter

    settings.MIDDLEWARE = [
        "intranet.core.middleware.RequestIdMiddleware",
        *settings.MIDDLEWARE,
    ]
    formatter = JsonFormatter()
    lines: list[dict] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(formatter.format(record)))

    handler = Collect()
    loggers = [logging.getLogger(n) for n in ("intranet.requests", "django.request")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    yield lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)


def test_the_request_log_never_says_who_answered(staff_client, staff_user, json_lines):
    survey = PulseSurveyFactory()
    staff_client.get("/")
    staff_client.post(answer_url(survey), {"score": "2"}, follow=True)
    staff_client.post(answer_url(survey), {"score": "5"})  # refused: 409

    pulse_lines = [
        line for line in json_lines if line.get("path") == answer_url(survey)
    ]
    assert [
        (line["method"], line["status"]) for line in pulse_lines if "status" in line
    ] == [
        ("POST", 302),
        ("GET", 200),
        ("POST", 409),
    ]
    assert all("user_id" not in line for line in pulse_lines)
    # Other requests are still logged with the user, as before.
    front = next(line for line in json_lines if line.get("path") == "/")
    assert front["user_id"] == staff_user.pk


# The banner ---------------------------------------------------------------


def test_the_banner_invites_staff_until_they_answer(staff_client):
    survey = PulseSurveyFactory()
    assert answer_url(survey) in staff_client.get("/").text
    staff_client.post(answer_url(survey), {"score": "3"})
    assert answer_url(survey) not in staff_client.get("/").text


def test_after_answering_the_banner_offers_the_next_open_survey(staff_client):
    closing_first = PulseSurveyFactory(
        closes_at=timezone.now() + datetime.timedelta(days=2)
    )
    closing_later = PulseSurveyFactory(
        closes_at=timezone.now() + datetime.timedelta(days=9)
    )
    assert answer_url(closing_first) in staff_client.get("/").text

    staff_client.post(answer_url(closing_first), {"score": "4"})
    front = staff_client.get("/").text

    assert answer_url(closing_first) not in front
    assert answer_url(closing_later) in front


def test_the_banner_can_be_put_away_and_stays_away(staff_client):
    survey = PulseSurveyFactory()
    response = staff_client.post(
        reverse("insights:pulse-dismiss", args=[survey.pk]), {"next": "/saker/"}
    )
    assert response.status_code == 302
    assert response.url == "/saker/"
    assert answer_url(survey) not in staff_client.get("/").text
    # Putting it away is not answering: the survey can still be answered.
    assert staff_client.post(answer_url(survey), {"score": "5"}).status_code == 302


def test_dismissing_never_redirects_to_another_site(staff_client):
    survey = PulseSurveyFactory()
    response = staff_client.post(
        reverse("insights:pulse-dismiss", args=[survey.pk]),
        {"next": "https://evil.example/"},
    )
    assert response.url == "/"


def test_no_banner_for_a_closed_survey(staff_client):
    survey = PulseSurveyFactory(closed=True)
    assert answer_url(survey) not in staff_client.get("/").text


def test_the_banner_costs_the_same_queries_whatever_the_number_of_surveys(
    staff_client, django_assert_max_num_queries
):
    PulseSurveyFactory()
    staff_client.get("/")
    with django_assert_max_num_queries(60) as one:
        staff_client.get("/")
    with_one = len(one.captured_queries)
    for _n in range(5):
        PulseSurveyFactory()
        PulseSurveyFactory(closed=True)
    staff_client.get("/")  # the surveys' times read again once, and kept
    with django_assert_max_num_queries(with_one):
        staff_client.get("/")


def pulse_reads(client) -> int:
    """How many queries a page asks of the surveys for its banner."""
    with CaptureQueriesContext(connection) as queries:
        client.get("/saker/")
    return sum(
        'FROM "insights_pulse' in query["sql"] for query in queries.captured_queries
    )


def test_the_banner_costs_no_query_once_read(staff_client):
    """The surveys and what a person has answered are kept: the pages ask
    nothing for the banner, whether a survey is open (a few weeks a year) or
    not. A survey made, one whose time comes, and one deleted show at the
    next page."""
    later = PulseSurveyFactory(
        opens_at=timezone.now() + datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=7),
    )
    pulse_reads(staff_client)  # the surveys' times are read and kept
    assert pulse_reads(staff_client) == 0
    assert answer_url(later) not in staff_client.get("/").text

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert answer_url(later) in staff_client.get("/").text
    later.delete()

    survey = PulseSurveyFactory()
    url = answer_url(survey)
    assert url in staff_client.get("/").text
    assert pulse_reads(staff_client) == 0
    survey.delete()
    assert url not in staff_client.get("/").text
    assert pulse_reads(staff_client) == 0


# Results ------------------------------------------------------------------


def results_url() -> str:
    return reverse("insights_admin:pulse-results")


def answer_many(survey, scores: list[int]) -> None:
    for score in scores:
        pulse_answer(survey=survey, user=UserFactory(), score=score)


def close(survey) -> None:
    PulseSurvey.objects.filter(pk=survey.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )


def test_results_and_comments_are_hidden_while_the_survey_is_open(team_client):
    """One more answer must not show up as a changed result: while a survey is
    open the team sees how many have answered, and nothing else."""
    survey = PulseSurveyFactory()
    for score, comment in [(5, "Flott"), (4, ""), (2, "Dårlig"), (1, ""), (3, "")]:
        pulse_answer(survey=survey, user=UserFactory(), score=score, comment=comment)

    text = team_client.get(results_url()).text
    assert "5 så langt" in text
    assert "Resultater etter at den stenger" in text
    assert "40 %" not in text
    assert "Flott" not in text
    assert "Dårlig" not in text

    pulse_answer(survey=survey, user=UserFactory(), score=5, comment="Ny")
    text = team_client.get(results_url()).text
    assert "6 så langt" in text
    assert "50 %" not in text
    assert "<li>Ny</li>" not in text

    close(survey)
    text = team_client.get(results_url()).text
    assert "50 %" in text  # 3 of 6 answered 4–5
    assert "Resultater etter at den stenger" not in text
    for comment in ["Flott", "Dårlig", "Ny"]:
        assert f"<li>{comment}</li>" in text


def test_results_are_hidden_below_five_answers(team_client):
    survey = PulseSurveyFactory()
    answer_many(survey, [5, 4, 2, 1])
    close(survey)
    response = team_client.get(results_url())
    assert "For få svar til å vise resultatet" in response.text
    assert "50 %" not in response.text


def test_the_trend_is_drawn_against_the_2012_baseline(team_client):
    old = PulseSurveyFactory(
        opens_at=timezone.now() - datetime.timedelta(days=200),
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    new = PulseSurveyFactory()
    answer_many(old, [4, 1, 2, 2, 3, 5])  # 33 %
    answer_many(new, [4, 5, 2, 5, 3])  # 60 %
    close(old)
    close(new)
    response = team_client.get(results_url())
    assert "<svg" in response.text
    assert "2012: 28 %" in response.text
    assert "<polyline" in response.text
    assert "33 %" in response.text
    assert "60 %" in response.text


def test_comments_are_shown_in_alphabetical_order_not_arrival(team_client):
    survey = PulseSurveyFactory()
    for comment in ["Øke", "Bra", "Mer", "Alt", "Dårlig"]:
        pulse_answer(survey=survey, user=UserFactory(), score=3, comment=comment)
    close(survey)
    text = team_client.get(results_url()).text
    positions = [text.index(f"<li>{c}</li>") for c in ["Alt", "Bra", "Dårlig", "Mer"]]
    assert positions == sorted(positions)


def test_a_closed_survey_with_answers_cannot_be_reopened(team_client):
    survey = PulseSurveyFactory()
    answer_many(survey, [4, 4, 2, 5, 1])
    close(survey)
    survey.refresh_from_db()

    refused = edit_survey(
        team_client,
        survey,
        survey.question,
        timezone.now() + datetime.timedelta(days=3),
    )

    assert refused.status_code == 200
    assert "En undersøkelse som er stengt, kan ikke åpnes igjen" in refused.text
    survey.refresh_from_db()
    assert not survey.is_open()


def test_only_the_team_sees_the_results_and_the_survey_admin(client, editor):
    survey = PulseSurveyFactory()
    client.force_login(editor)
    assert client.get(results_url()).status_code == 403
    assert client.get("/admin/snippets/insights/pulsesurvey/").status_code == 403
    assert (
        client.get(
            f"/admin/snippets/insights/pulsesurvey/edit/{survey.pk}/"
        ).status_code
        == 403
    )


def test_the_team_opens_a_survey_in_the_admin(team_client, team_member):
    now = timezone.localtime()
    response = team_client.post(
        "/admin/snippets/insights/pulsesurvey/add/",
        {
            "question": "Får du vite det du trenger?",
            "opens_at": now.strftime("%Y-%m-%d %H:%M"),
            "closes_at": (now + datetime.timedelta(days=7)).strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302
    from intranet.insights.models import PulseSurvey

    survey = PulseSurvey.objects.get()
    assert survey.created_by == team_member
    assert survey.is_open()


def edit_survey(team_client, survey, question: str, closes_at):
    return team_client.post(
        f"/admin/snippets/insights/pulsesurvey/edit/{survey.pk}/",
        {
            "question": question,
            "opens_at": timezone.localtime(survey.opens_at).strftime("%Y-%m-%d %H:%M"),
            "closes_at": timezone.localtime(closes_at).strftime("%Y-%m-%d %H:%M"),
        },
    )


def test_the_question_is_locked_once_someone_has_answered(team_client):
    survey = PulseSurveyFactory(question="Får du vite det du trenger?")
    pulse_answer(survey=survey, user=UserFactory(), score=4, comment="")
    later = survey.closes_at + datetime.timedelta(days=7)

    refused = edit_survey(team_client, survey, "Trives du på jobb?", later)

    assert refused.status_code == 200
    assert "Spørsmålet kan ikke endres etter at noen har svart" in (
        refused.content.decode()
    )
    survey.refresh_from_db()
    assert survey.question == "Får du vite det du trenger?"

    # The survey can still be kept open longer.
    assert edit_survey(team_client, survey, survey.question, later).status_code == 302
    survey.refresh_from_db()
    assert survey.closes_at == later.replace(second=0, microsecond=0)


def test_the_question_can_be_reworded_before_anyone_answers(team_client):
    survey = PulseSurveyFactory(question="Får du vite det du trenger?")

    response = edit_survey(team_client, survey, "Får du vite nok?", survey.closes_at)

    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.question == "Får du vite nok?"
