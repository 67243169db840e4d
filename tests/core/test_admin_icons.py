"""Wagtail's admin icons are rendered once per set of arguments
(`intranet.core.admin_icons`): what the admin shows is exactly what Wagtail's
own template makes, a label escaped as there."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy

CASES = [
    {"name": "edit"},
    {"name": "lock", "classname": "initial"},
    {"name": "arrow-right", "classname": "default", "wrapped": True},
    {"name": "bin", "title": "Slett <b>«Ny skolevei»</b> & mer"},
]


def kept(**arguments) -> str:
    template = Template(
        "{% load wagtailadmin_tags %}"
        "{% icon name=name classname=classname title=title wrapped=wrapped %}"
    )
    context = {"name": None, "classname": None, "title": None, "wrapped": False}
    return template.render(Context(context | arguments))


def wagtails(**arguments) -> str:
    return render_to_string(
        "wagtailadmin/shared/icon.html",
        {
            "name": arguments["name"],
            "classname": arguments.get("classname") or "icon",
            "title": arguments.get("title"),
            "wrapped": arguments.get("wrapped", False),
        },
    )


@pytest.mark.parametrize("arguments", CASES)
def test_an_icon_is_what_wagtails_template_makes(arguments):
    assert kept(**arguments) == wagtails(**arguments)
    assert kept(**arguments) == kept(**arguments)  # and again, from what is kept


def test_a_label_is_escaped_and_follows_the_language():
    assert "&lt;b&gt;" in kept(name="bin", title="<b>fet</b>")

    label = gettext_lazy("Delete")
    with translation.override("nb"):
        norwegian = kept(name="bin", title=label)
    with translation.override("en"):
        english = kept(name="bin", title=label)
    assert "Slett" in norwegian
    assert "Delete" in english


def test_an_icon_without_a_name_is_refused_as_wagtail_does():
    with pytest.raises(ValueError, match="icon name"):
        kept(name="")
