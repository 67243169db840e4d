import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from intranet.core.models import StaffProfile
from intranet.people.services import profile_reminders_send
from intranet.subscriptions.models import Notification
from tests.factories.core import UserFactory


def test_people_are_asked_once_a_year_to_confirm_their_profile(me, colleague):
    now = timezone.now()
    StaffProfile.objects.filter(user=me).update(
        confirmed_at=now - datetime.timedelta(days=30)
    )
    old = UserFactory(username="gammel")
    StaffProfile.objects.update_or_create(
        user=old, defaults={"confirmed_at": now - datetime.timedelta(days=400)}
    )
    UserFactory(username="sluttet", is_active=False)

    call_command("send_profile_reminders", stdout=io.StringIO())

    told = Notification.objects.filter(key__startswith="profile-confirm:")
    assert sorted(told.values_list("user__username", flat=True)) == [
        "gammel",
        "ola.hansen",
    ]
    reminder = told.first()
    assert reminder.title == "Stemmer profilen din fortsatt?"
    assert reminder.url == "/personer/meg/endre/"
    # Again the same day, or later the same year: nobody is asked twice.
    assert profile_reminders_send() == 0
    assert profile_reminders_send(now=now + datetime.timedelta(days=1)) == 0


def test_the_reminder_shows_in_the_inbox(colleague_client, colleague):
    profile_reminders_send()
    html = colleague_client.get("/varsler/").content.decode()
    assert "Stemmer profilen din fortsatt?" in html
