"""Feedback on a page: the form, what is stored, who is told, and the lists
of the communication team and of a page's owners."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cases.models import CaseOwner
from intranet.core.roles import COMMUNICATION
from intranet.notices.models import FeedbackStatus, PageFeedback
from intranet.subscriptions.models import Notification, NotificationKind
from tests.factories.core import UnitFactory, UserFactory
from tests.factories.news import NewsPageFactory
from tests.factories.notices import PageFeedbackFactory

pytestmark = pytest.mark.django_db
FORM = "/tilbakemelding/"
OVERVIEW = "/admin/tilbakemeldinger/"
MINE = "/tilbakemelding/mine/"


def send(client, side, text="Lenken til skjemaet virker ikke.", **extra):
    return client.post(FORM, {"side": side, "text": text, **extra})


def restrict_to_team(page) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.get(name=COMMUNICATION)])


def test_every_page_has_a_feedback_link_with_its_address(colleague_client, article):
    for path, status in [("/", 200), (article.url, 200), ("/finnes-ikke/?a=1", 404)]:
        response = colleague_client.get(path)
        assert response.status_code == status
        html = response.content.decode()
        assert "Gi tilbakemelding på siden" in html
        from urllib.parse import quote

        assert f'href="/tilbakemelding/?side={quote(path)}"' in html


def test_the_error_page_links_to_the_form_and_the_form_takes_the_referer(
    colleague_client, article
):
    from django.template.loader import render_to_string

    assert 'href="/tilbakemelding/"' in render_to_string("500.html")

    response = colleague_client.get(
        FORM, headers={"referer": f"http://testserver{article.url}"}
    )

    assert "Ny turvei langs elva" in response.content.decode()


def test_the_form_names_the_page_it_is_about(colleague_client, article):
    html = colleague_client.get(FORM, {"side": article.url}).content.decode()

    assert "Om siden «Ny turvei langs elva»" in html
    assert "Hva er feil eller mangler?" in html
    assert "Du kan kontakte meg på e-post om dette" in html


def test_a_page_the_person_may_not_see_is_treated_as_unknown(
    colleague_client, article, author
):
    restrict_to_team(article)

    html = colleague_client.get(FORM, {"side": article.url}).content.decode()
    send(colleague_client, article.url)

    assert "Ny turvei langs elva" not in html
    assert f"Om adressen {article.url}" in html
    feedback = PageFeedback.objects.get()
    assert feedback.page is None
    assert feedback.path == article.url
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "side",
    [
        "https://evil.example/x",
        "//evil.example/x",
        "javascript:alert(1)",
        "/\\evil.example",
        "sok",
    ],
)
def test_an_address_off_the_site_is_ignored(colleague_client, side):
    html = colleague_client.get(FORM, {"side": side}).content.decode()
    form = html[html.index("<main") : html.index("</main>")]
    response = send(colleague_client, side)

    assert "evil.example" not in form
    assert 'name="side" value=""' in form
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert PageFeedback.objects.get().path == ""


def test_submitting_stores_it_tells_the_owner_once_and_goes_back(
    colleague_client, colleague, article, author
):
    unit = UnitFactory(name="Kultur")
    article.unit = unit
    article.save()

    response = send(colleague_client, article.url, contact_ok="on")
    page = colleague_client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == article.url
    assert "Takk for tilbakemeldingen!" in page.content.decode()
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.user, feedback.unit, feedback.contact_ok) == (
        article.pk,
        colleague,
        unit,
        True,
    )
    assert feedback.status == FeedbackStatus.NEW
    notification = Notification.objects.get()
    assert notification.user == author
    assert notification.kind == NotificationKind.FEEDBACK
    assert notification.title == "Tilbakemelding på «Ny turvei langs elva»"
    assert "Lenken til skjemaet virker ikke." in notification.intro
    assert notification.url == f"/tilbakemelding/mine/#feedback-{feedback.pk}"


def test_a_double_submit_stores_one_and_tells_once(colleague_client, article):
    send(colleague_client, article.url)
    response = send(colleague_client, article.url)

    assert PageFeedback.objects.count() == 1
    assert Notification.objects.count() == 1
    page = colleague_client.get(response["Location"]).content.decode()
    assert "Takk, vi har fått tilbakemeldingen" in page


def test_case_owners_are_told_but_not_an_owner_who_cannot_see_the_page(
    colleague_client, case, case_owner
):
    restrict_to_team(case)
    team_owner = UserFactory(username="team.eier", groups=[COMMUNICATION])
    CaseOwner.objects.create(case=case, user=team_owner)
    colleague_client.force_login(team_owner)  # may see it, and writes about it
    send(colleague_client, case.url)

    feedback = PageFeedback.objects.get()
    assert feedback.page_id == case.pk
    # eva.eier owns the case but is kept out of it; the writer is not told
    # about their own feedback.
    assert not Notification.objects.exists()
    assert list(feedback.recipients.all()) == [team_owner]


def test_a_case_owner_is_told_about_feedback_on_the_case(
    colleague_client, case, case_owner
):
    send(colleague_client, case.url)

    assert list(Notification.objects.values_list("user", flat=True)) == [case_owner.pk]


def test_feedback_without_a_page_reaches_only_the_team(
    colleague_client, communication, client
):
    send(colleague_client, "/finnes-ikke/")

    assert not Notification.objects.exists()
    client.force_login(communication)
    assert "Lenken til skjemaet virker ikke." in client.get(OVERVIEW).content.decode()


def test_a_too_long_text_gets_a_message_keeps_the_text_and_stores_nothing(
    colleague_client, article
):
    text = "a" * 19_990 + " <b>slutt!"
    assert len(text) == 20_000
    response = send(colleague_client, article.url, text=text, contact_ok="on")

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "Teksten er for lang: skriv høyst 2\xa0000 tegn (du skrev 20\xa0000)." in html
    )
    assert "a" * 19_990 + " &lt;b&gt;slutt!</textarea>" in html
    assert (
        'id="id_contact_ok" aria-describedby="id_contact_ok_helptext" checked' in html
    )
    assert not PageFeedback.objects.exists()


def test_an_empty_text_gets_a_message(colleague_client, article):
    response = send(colleague_client, article.url, text="   ")

    assert "Skriv hva som er feil eller mangler." in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_markup_is_stored_as_text_and_shown_escaped(
    colleague_client, article, client, communication, author
):
    send(colleague_client, article.url, text='<script>alert("x")</script>')

    assert PageFeedback.objects.get().text == '<script>alert("x")</script>'
    client.force_login(communication)
    overview = client.get(OVERVIEW).content.decode()
    client.force_login(author)
    mine = client.get(MINE).content.decode()
    for html in (overview, mine):
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        assert '<script>alert("x")' not in html


def test_the_email_is_shown_only_with_consent(
    client, colleague, other, communication, article
):
    PageFeedbackFactory(user=colleague, page=article, path=article.url, contact_ok=True)
    PageFeedbackFactory(user=other, page=article, path=article.url, contact_ok=False)
    client.force_login(communication)

    html = client.get(OVERVIEW).content.decode()

    assert colleague.email in html
    assert other.email not in html
    assert "Ola Hansen" not in html


def test_the_overview_needs_the_team(client, colleague, article):
    feedback = PageFeedbackFactory(user=colleague, text="Hemmelig innspill")
    client.force_login(colleague)

    listing = client.get(OVERVIEW)
    change = client.post(f"{OVERVIEW}{feedback.pk}/status/", {"status": "handled"})

    assert listing.status_code == 403
    assert "Hemmelig innspill" not in listing.content.decode()
    # The "no access" page has the banner's place and the feedback link too.
    assert "Gi tilbakemelding på siden" in listing.content.decode()
    assert change.status_code == 403
    feedback.refresh_from_db()
    assert feedback.status == FeedbackStatus.NEW
    admin = client.get("/admin/")
    assert admin.status_code == 200
    assert OVERVIEW not in admin.content.decode()


def test_the_team_marks_feedback_handled_and_back_and_filters(client, communication):
    first = PageFeedbackFactory(text="Første")
    PageFeedbackFactory(text="Andre")
    client.force_login(communication)
    assert OVERVIEW in client.get("/admin/").content.decode()

    response = client.post(
        f"{OVERVIEW}{first.pk}/status/", {"status": "handled", "status_filter": "x"}
    )
    handled = client.get(OVERVIEW, {"status": "behandlet"}).content.decode()
    new = client.get(OVERVIEW, {"status": "ny"}).content.decode()

    assert response.status_code == 302
    assert "Første" in handled and "Andre" not in handled
    assert "Andre" in new and "Første" not in new
    assert "Ny (1)" in new and "Behandlet (1)" in new and "Alle (2)" in new

    client.post(f"{OVERVIEW}{first.pk}/status/", {"status": "new"})
    first.refresh_from_db()
    assert first.status == FeedbackStatus.NEW
    assert first.handled_at is None


def test_a_bad_status_is_a_message_not_an_error(client, communication):
    feedback = PageFeedbackFactory()
    client.force_login(communication)

    response = client.post(
        f"{OVERVIEW}{feedback.pk}/status/", {"status": "slettet"}, follow=True
    )

    assert response.status_code == 200
    assert (
        "Velg om tilbakemeldingen er ny eller behandlet." in response.content.decode()
    )
    assert (
        client.get(OVERVIEW, {"status": "tull", "enhet": "x", "side": "-1"}).status_code
        == 200
    )


def test_the_overview_filters_by_the_unit_of_the_page(client, communication):
    culture, school = UnitFactory(name="Kultur"), UnitFactory(name="Skole")
    PageFeedbackFactory(text="Om kultur", unit=culture)
    PageFeedbackFactory(text="Om skole", unit=school)
    client.force_login(communication)

    html = client.get(OVERVIEW, {"enhet": culture.pk}).content.decode()

    assert "Om kultur" in html
    assert "Om skole" not in html


def test_the_overview_does_not_name_a_page_the_team_member_may_not_see(
    client, communication, article
):
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([])
    PageFeedbackFactory(page=article, path=article.url, text="Om en lukket side")
    client.force_login(communication)

    html = client.get(OVERVIEW).content.decode()

    assert "Om en lukket side" in html
    assert "Ny turvei langs elva" not in html


def test_an_owner_sees_feedback_on_their_own_pages_only(
    client, colleague, author, other, article, news_index
):
    elsewhere = NewsPageFactory(parent=news_index, title="Annen sak", owner=other)
    client.force_login(colleague)
    send(client, article.url, text="Om turveien")
    send(client, elsewhere.url, text="Om noe annet")
    client.force_login(author)

    html = client.get(MINE).content.decode()

    assert "Om turveien" in html
    assert "Ny turvei langs elva" in html
    assert "Om noe annet" not in html


def _overview_queries(client) -> int:
    client.get(OVERVIEW)  # the alerts and other per-site reads are cached now
    with CaptureQueriesContext(connection) as context:
        assert client.get(OVERVIEW).status_code == 200
    return len(context.captured_queries)


def _mine_queries(client) -> int:
    client.get(MINE)  # the alerts and other per-site reads are cached now
    with CaptureQueriesContext(connection) as context:
        assert client.get(MINE).status_code == 200
    return len(context.captured_queries)


def _feedback_on(article, author, *, count: int) -> None:
    for n in range(count):
        person = UserFactory()
        feedback = PageFeedbackFactory(
            page=article,
            path=article.url,
            user=person,
            contact_ok=n % 2 == 0,
            unit=UnitFactory(),
        )
        feedback.recipients.add(author)


def test_the_lists_read_a_constant_number_of_queries(
    client, communication, author, article
):
    client.force_login(communication)
    _feedback_on(article, author, count=2)
    overview_small = _overview_queries(client)
    client.force_login(author)
    mine_small = _mine_queries(client)

    _feedback_on(article, author, count=20)
    client.force_login(communication)
    overview_large = _overview_queries(client)
    client.force_login(author)
    mine_large = _mine_queries(client)

    assert overview_large == overview_small
    assert mine_large == mine_small


def test_a_referer_from_another_site_is_ignored(colleague_client, article):
    response = colleague_client.get(
        FORM, headers={"referer": f"https://evil.example{article.url}"}
    )

    assert "Om intranettet generelt" in response.content.decode()
