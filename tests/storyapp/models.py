"""Events (arrangementer): a third kind of story, for the tests only."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from intranet.core.forms import ReadablePageForm
from intranet.core.models import SingleLineTitle, Story
from search.searchable import Searchable


class EventPage(SingleLineTitle, Story, Searchable, Page):
    """An event colleagues are invited to, written and owned by its author."""

    base_form_class = ReadablePageForm

    date = models.DateField(_("date"), default=timezone.localdate)
    location = models.CharField(_("location"), max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("location"),
        *Story.story_content_panels,
    ]
    promote_panels = Story.story_promote_panels
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        *Story.story_search_fields,
        index.SearchField("location"),
        index.FilterField("date"),
    ]

    story_date_field = "date"
    search_content_type = "event"
    search_content_label = pgettext_lazy("content type", "Event")
    search_notifies = True
    search_select_related = ("owner",)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def story_owner_ids(self) -> set[int]:
        """The event's author."""
        return {self.owner_id} if self.owner_id else set()

    def search_people(self) -> list:
        return [self.owner] if self.owner_id else []

    def search_date(self) -> datetime.date:
        return self.date
