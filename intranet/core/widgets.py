"""Form widgets of the intranet's own pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class Select(forms.Select):
    """Django's select with the same markup, its options written in Python.

    Django renders every option through two template includes; the unit filter
    of a municipality's 60 units cost about 5 ms per page that way, on every
    listing that offers it. The attributes, the selected option and optgroups
    come from Django's own `get_context`, so nothing but the speed changes.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (str(option["value"]), flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                rendered = format_html(
                    '<optgroup label="{}">{}</optgroup>', group_name, rendered
                )
            groups.append(rendered)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 - each part escaped above
        )
