"""The culture pulse: anonymous, once per person, results from five answers."""

import datetime
import uuid

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from intranet.core.roles import STAFF
from intranet.insights.models import PulseAnswer, PulseParticipation
from intranet.insights.services import participation_digest, pulse_answer
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
    answer = PulseAnswer.objects.get()
    assert (answer.score, answer.comment) == (4, "Bedre enn før.")


def test_a_second_answer_is_refused_with_a_clear_message(staff_client):
    survey = PulseSurveyFactory()
    staff_client.post(answer_url(survey), {"score": "2"})
    response = staff_client.post(answer_url(survey), {"score": "5"})
    assert response.status_code == 409
    assert "Du har allerede svart på denne undersøkelsen" in response.text
    assert list(PulseAnswer.objects.values_list("score", flat=True)) == [2]
    assert PulseParticipation.objects.count() == 1


def test_answers_after_the_survey_closed_are_refused(staff_client):
    survey = PulseSurveyFactory(closed=True)
    response = staff_client.post(answer_url(survey), {"score": "5"})
    assert response.status_code == 400
    assert "Denne undersøkelsen stengte" in response.text
    assert "Svaret ditt ble ikke lagret" in response.text
    assert not PulseAnswer.objects.exists()
    assert not PulseParticipation.objects.exists()


def test_answers_before_the_survey_opens_are_refused(staff_client):
    survey = PulseSurveyFactory(
        opens_at=timezone.now() + datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(days=8),
    )
    response = staff_client.post(answer_url(survey), {"score": "5"})
    assert response.status_code == 400
    assert "har ikke åpnet ennå" in response.text
    assert not PulseAnswer.objects.exists()


@pytest.mark.parametrize("path", ["/puls/999999/", "/puls/999999/skjul/"])
def test_a_tampered_survey_id_gets_a_norwegian_404(staff_client, path):
    PulseSurveyFactory()
    response = staff_client.post(path, {"score": "5"})
    assert response.status_code == 404
    assert "Fant ikke undersøkelsen" in response.text
    assert staff_client.get("/puls/abc/").status_code == 404
    assert not PulseAnswer.objects.exists()


@pytest.mark.parametrize("score", ["", "0", "6", "fem", "3.5"])
def test_a_missing_or_invalid_score_is_a_form_error(staff_client, score):
    survey = PulseSurveyFactory()
    response = staff_client.post(answer_url(survey), {"score": score})
    assert response.status_code == 400
    assert "Velg et tall fra 1 til 5." in response.text
    assert not PulseAnswer.objects.exists()


def test_nothing_in_the_models_leads_from_an_answer_to_a_person():
    for model in (PulseAnswer, PulseParticipation):
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            assert related is None or related._meta.label == "insights.PulseSurvey"
            # No time stored that could be matched against another table.
            assert field.get_internal_type() not in {"DateTimeField", "DateField"}
        assert model._meta.pk.get_internal_type() == "UUIDField"
    answer_fields = {field.name for field in PulseAnswer._meta.get_fields()}
    assert answer_fields == {"id", "survey", "score", "comment"}


def test_the_database_rows_hold_no_trace_of_the_person(settings):
    survey = PulseSurveyFactory()
    people = [UserFactory(groups=[STAFF]) for _n in range(3)]
    for score, person in enumerate(people, start=3):
        pulse_answer(survey=survey, user=person, score=score, comment="Helt greit")
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM insights_pulseanswer")
        answers = cursor.fetchall()
        answer_columns = [column[0] for column in cursor.description]
        cursor.execute("SELECT * FROM insights_pulseparticipation")
        participations = cursor.fetchall()
        participation_columns = [column[0] for column in cursor.description]
    assert answer_columns == ["id", "score", "comment", "survey_id"]
    assert participation_columns == ["id", "digest", "survey_id"]
    identifiers = set()
    for person in people:
        identifiers |= {str(person.pk), person.username, person.email}
    # The key, the comment and the digest (the score is the answer itself).
    values = [row[0] for row in answers] + [row[2] for row in answers]
    values += [row[0] for row in participations] + [row[1] for row in participations]
    for value in values:
        assert str(value) not in identifiers
        for identifier in identifiers - {str(p.pk) for p in people}:
            assert identifier not in str(value)
    # Keys are random, so they do not follow the order answers came in.
    keys = [uuid.UUID(str(row[0])) for row in answers]
    assert all(key.version == 4 for key in keys)
    # A participation is recognised only with the secret key.
    digests = {row[1] for row in participations}
    assert participation_digest(survey_id=survey.pk, user_id=people[0].pk) in digests
    settings.SECRET_KEY = "another-secret-key-for-this-test"
    assert (
        participation_digest(survey_id=survey.pk, user_id=people[0].pk) not in digests
    )


# The banner ---------------------------------------------------------------


def test_the_banner_invites_staff_until_they_answer(staff_client):
    survey = PulseSurveyFactory()
    assert answer_url(survey) in staff_client.get("/").text
    staff_client.post(answer_url(survey), {"score": "3"})
    assert answer_url(survey) not in staff_client.get("/").text


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
    for _n in range(5):
        PulseSurveyFactory()
        PulseSurveyFactory(closed=True)
    with django_assert_max_num_queries(len(one.captured_queries)):
        staff_client.get("/")


# Results ------------------------------------------------------------------


def results_url() -> str:
    return reverse("insights_admin:pulse-results")


def answer_many(survey, scores: list[int]) -> None:
    for score in scores:
        pulse_answer(survey=survey, user=UserFactory(), score=score)


def test_results_are_hidden_below_five_answers(team_client):
    survey = PulseSurveyFactory(closed=False)
    answer_many(survey, [5, 4, 2, 1])
    response = team_client.get(results_url())
    assert "For få svar til å vise resultatet" in response.text
    assert "50 %" not in response.text
    answer_many(survey, [3])
    response = team_client.get(results_url())
    assert "For få svar til å vise resultatet" not in response.text
    assert "40 %" in response.text  # 2 of 5 answered 4–5


def test_the_trend_is_drawn_against_the_2012_baseline(team_client):
    old = PulseSurveyFactory(
        opens_at=timezone.now() - datetime.timedelta(days=200),
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    new = PulseSurveyFactory()
    answer_many(old, [4, 1, 2, 2, 3, 5])  # 33 %
    answer_many(new, [4, 5, 2, 5, 3])  # 60 %
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
    text = team_client.get(results_url()).text
    positions = [text.index(f"<li>{c}</li>") for c in ["Alt", "Bra", "Dårlig", "Mer"]]
    assert positions == sorted(positions)


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
