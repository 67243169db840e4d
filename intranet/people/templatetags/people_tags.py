"""A person's picture: their photo when they show it, otherwise their initials."""

import zlib

from django import template

register = template.Library()

# Dark enough for white initials to pass WCAG AA contrast.
AVATAR_COLOURS = ("#1f5f8b", "#6a3d9a", "#2e6b30", "#8b3a1f", "#5b5b5b", "#0f6a6a")


def initials(person) -> str:
    first = (person.first_name or "").strip()[:1]
    last = (person.last_name or "").strip()[:1]
    return (first + last).upper() or person.get_username()[:1].upper()


@register.inclusion_tag("people/includes/avatar.html")
def avatar(person, facts, size: int = 64) -> dict:
    """`facts` (from `profile_facts`) says whether the viewer may see the photo."""
    profile = getattr(person, "profile", None)
    photo = profile.photo if profile is not None and facts["photo"] else None
    colour = AVATAR_COLOURS[
        zlib.crc32(person.get_username().encode()) % len(AVATAR_COLOURS)
    ]
    return {
        # The rendition is read from the prefetched renditions when there are.
        "picture": photo.get_rendition(f"fill-{size * 2}x{size * 2}")
        if photo
        else None,
        "initials": initials(person),
        "colour": colour,
        "size": size,
    }
