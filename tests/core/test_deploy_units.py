"""The systemd units in deploy/ run commands that exist, with options they accept."""

import configparser
import shlex
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

UNITS = Path(__file__).resolve().parents[2] / "deploy" / "systemd"


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(path)
    return parser


def manage_commands() -> list[tuple[str, list[str]]]:
    found = []
    for path in sorted(UNITS.glob("*.service")):
        for key in ("ExecStartPre", "ExecStart"):
            line = unit(path)["Service"].get(key, "")
            words = shlex.split(line)
            if "manage.py" in words:
                rest = words[words.index("manage.py") + 1 :]
                found.append((rest[0], rest[1:]))
    return found


@pytest.mark.parametrize(("name", "args"), manage_commands())
def test_unit_commands_exist_and_accept_their_options(name, args):
    commands = get_commands()
    command = load_command_class(commands[name], name)
    command.create_parser("manage.py", name).parse_args(args)


def test_every_job_has_a_timer_and_every_timer_a_job():
    services = {p.stem for p in UNITS.glob("*.service")}
    timers = {p.stem for p in UNITS.glob("*.timer")}
    long_running = {"intranet-web", "intranet-notifications"}

    assert timers == services - long_running
    for name in timers:
        assert unit(UNITS / f"{name}.timer")["Timer"]["OnCalendar"]
        assert unit(UNITS / f"{name}.service")["Service"]["Type"] == "oneshot"


def test_web_unit_migrates_before_gunicorn_starts():
    service = unit(UNITS / "intranet-web.service")["Service"]

    assert "manage.py migrate --no-input" in service["ExecStartPre"]
    assert "gunicorn -c gunicorn.conf.py" in service["ExecStart"]
    assert (
        service["Environment"] == "DJANGO_SETTINGS_MODULE=intranet.settings.production"
    )


def test_scheduled_publishing_runs_every_minute():
    """Without it "go live at" and "expire at" in the page settings never happen."""
    service = unit(UNITS / "intranet-publish-scheduled.service")["Service"]
    timer = unit(UNITS / "intranet-publish-scheduled.timer")["Timer"]

    assert shlex.split(service["ExecStart"])[-2:] == ["manage.py", "publish_scheduled"]
    assert (
        service["Environment"] == "DJANGO_SETTINGS_MODULE=intranet.settings.production"
    )
    assert timer["OnCalendar"] == "*:*:00"
    assert timer["Persistent"] == "true"


def test_freshness_check_runs_every_night():
    """Owners of quiet cases and of pages due for review are asked nightly."""
    service = unit(UNITS / "intranet-freshness.service")["Service"]
    timer = unit(UNITS / "intranet-freshness.timer")["Timer"]

    assert shlex.split(service["ExecStart"])[-2:] == ["manage.py", "freshness_check"]
    assert timer["OnCalendar"].startswith("*-*-* ")
    assert timer["Persistent"] == "true"


def test_must_read_reminders_run_every_night():
    """Those who have not confirmed a must-read story are reminded nightly."""
    service = unit(UNITS / "intranet-mustread-reminders.service")["Service"]
    timer = unit(UNITS / "intranet-mustread-reminders.timer")["Timer"]

    assert shlex.split(service["ExecStart"])[-2:] == ["manage.py", "mustread_remind"]
    assert timer["OnCalendar"].startswith("*-*-* ")
    assert timer["Persistent"] == "true"
