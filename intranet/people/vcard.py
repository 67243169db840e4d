"""A person's contact card as vCard 4.0 (RFC 6350), with what the viewer may see."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from intranet.core.models import StaffProfile
from intranet.people.selectors import ProfileFacts

#: RFC 6350 §3.2: lines longer than 75 octets are folded.
LINE_OCTETS = 75


def escape(value: str) -> str:
    """RFC 6350 §3.4: backslash, comma, semicolon and newlines are escaped."""
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a character."""
    parts, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = LINE_OCTETS if not parts else LINE_OCTETS - 1
        if len(current) + len(encoded) > limit:
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)


def person_vcard(
    *, person: AbstractBaseUser, profile: StaffProfile | None, facts: ProfileFacts
) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{escape(person.get_full_name() or person.get_username())}",
        f"N:{escape(person.last_name)};{escape(person.first_name)};;;",
    ]
    if person.email:
        lines.append(f"EMAIL;TYPE=work:{escape(person.email)}")
    if profile is not None:
        if profile.job_title:
            lines.append(f"TITLE:{escape(profile.job_title)}")
        if profile.unit:
            sector = profile.unit.parent
            units = [sector.name, profile.unit.name] if sector else [profile.unit.name]
            lines.append("ORG:" + ";".join(escape(name) for name in units))
        if profile.phone:
            lines.append(f"TEL;TYPE=work,voice;VALUE=text:{escape(profile.phone)}")
        if profile.mobile and facts["mobile"]:
            lines.append(f"TEL;TYPE=cell;VALUE=text:{escape(profile.mobile)}")
        if profile.office and facts["office"]:
            lines.append(f"NOTE:{escape(profile.office)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
