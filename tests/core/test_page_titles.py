"""Page titles stay on one line, whatever path saves the page.

A title travels into e-mail subjects, calendar files and feeds; a line break
there failed every notification e-mail and turned an unpublish into a 500.
"""

import datetime
from importlib import import_module

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, get_page_models

from cases import services as case_services
from intranet.core.models import SingleLineTitle
from intranet.core.roles import COMMUNICATION, STAFF
from intranet.core.text import single_line
from intranet.promotion.models import Promotion
from intranet.subscriptions.delivery import notifications_deliver_immediate
from news import services as news_services
from tests.cases.admin_forms import add_form_data, publish
from tests.factories.cases import CaseIndexPageFactory, CasePageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

# (A NUL is refused by Django's form fields already; the other controls were not.)
DIRTY = "Nytt\r\nBcc: alle@kommune.invalid\x1b[31m\tbibliotek\u2028åpner "
CLEAN = "Nytt Bcc: alle@kommune.invalid [31m bibliotek åpner"


def test_single_line_turns_every_control_run_into_one_space():
    assert single_line(DIRTY) == CLEAN
    assert single_line("Nul\x00og\x7fDEL\x85") == "Nul og DEL"
    assert single_line("  Vanlig  tittel ") == "Vanlig  tittel"


def test_every_page_type_of_ours_keeps_its_title_on_one_line():
    ours = [
        model
        for model in get_page_models()
        if not model._meta.app_label.startswith("wagtail")
    ]
    assert len(ours) >= 6
    for model in ours:
        assert issubclass(model, SingleLineTitle), model


def test_a_title_typed_in_the_admin_editor_is_stored_on_one_line(client, home_page):
    # The communication team, who also see the title tag.
    editor = UserFactory(username="kommunikasjon", groups=[STAFF, COMMUNICATION])
    index = news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )
    client.force_login(editor)
    data = publish(
        add_form_data(
            "news",
            "newspage",
            index,
            title=DIRTY,
            slug="bibliotek",
            intro="Biblioteket åpner.",
            seo_title="Søk\r\ntittel",
        )
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk]), data
    )

    assert response.status_code == 302
    page = Page.objects.get(slug="bibliotek").specific
    assert page.live
    assert (page.title, page.draft_title, page.seo_title) == (
        CLEAN,
        CLEAN,
        "Søk tittel",
    )
    assert page.latest_revision.content["title"] == CLEAN
    assert CLEAN in client.get(page.url).content.decode()


def test_a_title_given_to_a_service_is_stored_on_one_line(home_page):
    author = UserFactory(username="forfatter")
    case = CasePageFactory(
        parent=CaseIndexPageFactory(parent=home_page), owners=[author]
    )

    draft = case_services.case_update_create(
        case=case,
        title=DIRTY,
        intro="Kort.",
        author=author,
        publication_date=timezone.now(),
        publish=False,
    )
    live = case_services.case_update_create(
        case=case,
        title="Andre\nlinje",
        intro="Kort.",
        author=author,
        publication_date=timezone.now() - datetime.timedelta(hours=1),
    )

    draft.refresh_from_db()
    assert (draft.title, draft.draft_title) == (CLEAN, CLEAN)
    assert draft.latest_revision.content["title"] == CLEAN
    live.refresh_from_db()
    assert live.title == "Andre linje"


def test_a_save_without_validation_still_cleans_the_title(home_page):
    page = home_page
    page.title = "Forsiden\r\n"
    page.save(clean=False)
    page.refresh_from_db()
    assert page.title == "Forsiden"


def test_unpublishing_a_story_with_a_line_break_in_its_title_tells_the_team(
    client, home_page
):
    """The old path: CR/LF in the title, the team's e-mail sent directly and a
    500 on unpublish. Now the page is unpublished and the e-mail goes out."""
    team = UserFactory(username="kommunikasjon", groups=[STAFF, COMMUNICATION])
    index = news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )
    client.force_login(team)
    data = publish(
        add_form_data(
            "news",
            "newspage",
            index,
            title=DIRTY,
            slug="bibliotek",
            intro="Biblioteket åpner.",
            positioning_themes=["innovation"],
            nomination_text="Først i fylket.",
        )
    )
    assert (
        client.post(
            reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk]),
            data,
        ).status_code
        == 302
    )
    page = Page.objects.get(slug="bibliotek")
    assert Promotion.objects.filter(page=page).exists()

    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    assert response.status_code == 302
    assert not Page.objects.get(pk=page.pk).live
    assert notifications_deliver_immediate() == (1, 0)
    (message,) = mail.outbox
    assert message.to == [team.email]
    assert CLEAN in message.subject
    assert "\n" not in message.subject


def test_titles_saved_before_the_fix_are_put_on_one_line_by_the_migrations(
    home_page,
):
    from django.apps import apps

    from intranet.subscriptions.models import Notification

    Page.objects.filter(pk=home_page.pk).update(title=DIRTY, draft_title=DIRTY)
    waiting = Notification.objects.create(
        user=UserFactory(username="mottaker"),
        kind="reminder",
        key="gammel",
        delivery="immediate",
        title=DIRTY,
        url="/",
        content_type="reminder",
    )

    import_module("intranet.core.migrations.0005_single_line_page_titles").clean_titles(
        apps, None
    )
    # The outbox was search's then: its migration reads the models as they were.
    before_move = MigrationLoader(connection).project_state(
        ("search", "0006_notification_kind_promotion")
    )
    import_module(
        "search.migrations.0006_notification_kind_promotion"
    ).clean_outbox_titles(before_move.apps, None)

    home_page.refresh_from_db()
    assert (home_page.title, home_page.draft_title) == (CLEAN, CLEAN)
    waiting.refresh_from_db()
    assert waiting.title == CLEAN
    assert notifications_deliver_immediate() == (1, 0)
