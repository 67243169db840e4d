"""Every e-mail of ours leaves through the outbox.

A reminder, a mention or a digest is a notification row first; the delivery
command sends it, retries it and never sends it twice. A module that sent mail
by itself would lose all of that, so only the delivery module may.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Tests and benchmarks read Django's test outbox; they are no part of the site.
SKIP = {".venv", ".git", "node_modules", "tests", "benchmarks", "media", "staticfiles"}
DELIVERY = "intranet/subscriptions/delivery.py"

# Calls that send mail: Django's helpers, a user's own, and smtplib's.
SENDING_CALLS = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "email_user",
    "sendmail",
    "send_message",
}


def _our_modules() -> list[Path]:
    return sorted(
        path
        for path in ROOT.rglob("*.py")
        if not SKIP.intersection(path.relative_to(ROOT).parts)
    )


def _mail_use(tree: ast.AST) -> list[str]:
    """What in a module reaches for the mail API: imports and sending calls."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [
                f"import {alias.name}"
                for alias in node.names
                if alias.name.startswith("django.core.mail")
            ]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("django.core.mail") or (
                node.module == "django.core"
                and any(alias.name == "mail" for alias in node.names)
            ):
                found.append(f"from {node.module} import …")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in SENDING_CALLS:
                found.append(f"{name}()")
    return found


def test_only_the_delivery_module_sends_mail():
    senders = {}
    for path in _our_modules():
        relative = path.relative_to(ROOT).as_posix()
        use = _mail_use(ast.parse(path.read_text(encoding="utf-8")))
        if use and relative != DELIVERY:
            senders[relative] = use

    assert senders == {}, "Write a notification row; the delivery command sends it"


def test_the_check_sees_a_module_that_would_send_mail():
    sneaky = ast.parse(
        "from django.core.mail import send_mail\n"
        "from django.core import mail\n"
        "def remind(user):\n"
        "    user.email_user('Påminnelse', 'Husk møtet')\n"
    )

    assert _mail_use(sneaky) == [
        "from django.core.mail import …",
        "from django.core import …",
        "email_user()",
    ]
    assert _mail_use(ast.parse((ROOT / DELIVERY).read_text(encoding="utf-8")))
