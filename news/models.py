"""News: one index page with a filtered listing, and the articles under it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from intranet.core.forms import ReadablePageForm
from intranet.core.models import SingleLineTitle, Story
from intranet.core.pagination import paginate
from news.forms import NewsFilterForm
from search.searchable import Searchable

NEWS_PER_PAGE = 12


class NewsIndexPage(SingleLineTitle, Page):
    """The news listing: newest first, filtered by topic, unit and year."""

    base_form_class = ReadablePageForm

    intro = models.TextField(_("introduction"), blank=True, max_length=400)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["news.NewsPage"]
    # One place for news keeps the feeds, the front page and search in agreement.
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from news import selectors  # it imports this module

        context = super().get_context(request, *args, **kwargs)
        form = NewsFilterForm(request.GET, years=selectors.news_years(index=self))
        filters = form.cleaned_filters()
        articles = selectors.news_listing(index=self, **filters)
        pagination = paginate(
            articles,
            per_page=NEWS_PER_PAGE,
            requested=request.GET.get("page"),
            count=selectors.news_listing_count(index=self, **filters),
        )
        page_obj = pagination.page
        articles = list(page_obj.object_list)
        context.update(
            filter_form=form,
            filters=filters,
            page_obj=page_obj,
            page_notice=pagination.notice,
            articles=articles,
            is_filtered=any(filters.values()),
            may_write=self.permissions_for_user(request.user).can_add_subpage(),
        )
        return context


#: The content version scopes of articles, and of the pinned ones
#: (core.models.ContentVersion).
NEWS_SCOPE = "news"
PINNED_SCOPE = "news-pinned"


class NewsPage(SingleLineTitle, Story, Searchable, Page):
    """A news article. Editors and the communication team publish these."""

    base_form_class = ReadablePageForm
    #: Fragments that show no article are kept when only articles change.
    content_scope = NEWS_SCOPE
    content_scope_fields = (*Story.content_scope_fields, "important")

    date = models.DateField(
        _("date"),
        default=timezone.localdate,
        help_text=_("Shown on the article; the listing is sorted by it."),
    )
    important = models.BooleanField(
        _("important"),
        default=False,
        help_text=_("Pin the article to the top of the front page."),
    )
    important_until = models.DateField(
        _("pinned until"),
        null=True,
        blank=True,
        help_text=_("The last day the article stays pinned on the front page."),
    )
    related_case = models.ForeignKey(
        "cases.CasePage",
        verbose_name=_("related case"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="related_news",
        help_text=_("The case this article is about, if any."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("related_case"),
        *Story.story_content_panels,
    ]
    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("important"), FieldPanel("important_until")],
            heading=_("Front page"),
        ),
        *Story.story_promote_panels,
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        *Story.story_search_fields,
        index.FilterField("date"),
    ]
    # Found by our own search (search/searchable.py).
    search_content_type = "news"
    search_content_label = pgettext_lazy("content type", "News")
    search_notifies = True
    story_date_field = "date"
    # What search_people() and search_case() read, loaded with many at once.
    search_select_related = ("owner", "related_case")

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [
            # Story lists and feeds take the newest articles first; the
            # insights dashboard the newest article of each unit.
            models.Index(fields=["-date"], name="news_date_newest"),
            models.Index(fields=["unit", "-date"], name="news_unit_date_newest"),
            # The front page's pinned articles (asked on every front page
            # built): the few important ones, not a scan of five years of news.
            models.Index(
                fields=["important_until"],
                name="news_pinned_until",
                condition=models.Q(important=True),
            ),
        ]

    def content_scopes(self, stored: dict) -> set[str]:
        """An article that is or was pinned changes the pinned list too."""
        scopes = super().content_scopes(stored)
        if self.important or stored.get("important"):
            scopes.add(PINNED_SCOPE)
        return scopes

    def story_owner_ids(self) -> set[int]:
        """The article's author."""
        return {self.owner_id} if self.owner_id else set()

    def clean(self) -> None:
        errors: dict = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if self.important and not self.important_until:
            errors.setdefault("important_until", []).append(
                ValidationError(
                    _("Choose the last day an important article stays pinned.")
                )
            )
        if errors:
            raise ValidationError(errors)

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        from news import selectors  # it imports this module

        context = super().get_context(request, *args, **kwargs)
        context["related_case"] = selectors.related_case(
            article=self, user=request.user
        )
        context.update(self.editing_context(request))
        return context

    def search_people(self) -> list:
        """The people a search for a person finds this article under: its author."""
        return [self.owner] if self.owner_id else []

    def search_case(self):
        return self.related_case

    def search_date(self) -> datetime.date:
        return self.date
