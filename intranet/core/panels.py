"""Admin panels for the shared field types."""

from wagtail.admin import compare
from wagtail.admin.panels import FieldPanel


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
