"""Admin panels for the shared field types."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin import compare
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

#: Who may change a page's address and what search engines and menus show of
#: it: the communication team (through the role table) and superusers.
PROMOTE_FIELDS_PERMISSION = "core.change_promote_fields"


class ChoiceListComparison(compare.M2MFieldComparison):
    """Compare two revisions of a ``ChoiceListField`` item by item.

    Wagtail's own comparison for fields with choices looks the whole value up
    in the choices, which fails on a list.
    """

    def get_items(self):
        return list(self.val_a or []), list(self.val_b or [])

    def get_item_display(self, item):
        return str(dict(self.field.flatchoices).get(item, item))


class ChoiceListPanel(FieldPanel):
    """A ``FieldPanel`` for a ``ChoiceListField`` whose revisions can be compared."""

    def get_comparison_class(self):
        return ChoiceListComparison


def communication_promote_panels() -> list[MultiFieldPanel]:
    """Wagtail's promote fields (address, title tag, meta description, show in
    menus) for the communication team only.

    A person without the permission neither sees the fields nor posts them:
    Wagtail leaves them out of that person's form, so saving keeps the values
    the team set. A new page gets its address from its title (`SingleLineTitle`);
    a case owner never has to think about it, and a published address, linked
    from e-mails, feeds and bookmarks, only changes when the team means it.
    """
    return [
        MultiFieldPanel(
            [
                FieldPanel(name, permission=PROMOTE_FIELDS_PERMISSION)
                for name in ("slug", "seo_title", "search_description")
            ],
            heading=_("For search engines"),
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus", permission=PROMOTE_FIELDS_PERMISSION)],
            heading=_("For site menus"),
        ),
    ]
