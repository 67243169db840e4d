from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.core import services
from intranet.core.content_checks import PlainLanguageCheckerItem
from intranet.core.explorer import KeptRowsMixin
from intranet.core.models import PlainLanguageSettings, Topic, Unit, is_story
from intranet.core.roles import (
    COMMUNICATION,
    EDITORS,
    REGISTER_ROLE_RIGHTS,
    STAFF,
    Right,
    collection_rights,
    group_names,
    model_rights,
    page_rights,
)
from intranet.core.selectors import cached_for_content, profile_photos


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "group"
    menu_label = _("Units")
    list_display = ["name", "parent"]
    list_filter = ["parent"]
    # A plain "name contains" filter: the list is short, and Wagtail's SQLite
    # full-text backend cannot search a single field ("no such column").
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["parent__name", "name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "group"
    menu_order = 300
    items = (UnitViewSet, TopicViewSet)


register_snippet(OrganisationGroup)


class PageFilterSetWithoutPeople(GenericPageFilterSet):
    """The explorer's filters, without "Owner" and "Edited by": Wagtail offers
    a checkbox for every person who ever owned or edited a page, which in a
    municipality is thousands of checkboxes (some 350 kB) rendered on every
    visit to any part of the page tree. A page is found by its title in the
    search box, its type, its date and its place in the tree instead."""

    owner = None
    edited_by = None


class ExplorerIndexView(KeptRowsMixin, ExplorableIndexView):
    """Wagtail's explorer, its rows kept (`intranet.core.explorer`)."""


class ExplorerViewSet(PageViewSet):
    """The explorer of every page that has no listing of its own (a case list
    has: `cases.wagtail_hooks.CasePageViewSet`). Twenty pages a page, as the
    case list and the site's own lists: each row renders a menu of up to ten
    actions, and a news list of thousands is read twenty at a time anyway."""

    model = Page
    index_view_class = ExplorerIndexView
    filterset_class = PageFilterSetWithoutPeople
    list_per_page = 20


# After Wagtail's own viewset for pages, which this one takes the place of.
@hooks.register("register_admin_viewset", order=1)
def register_explorer_viewset() -> PageViewSet:
    return ExplorerViewSet("explorer_pages")


@hooks.register("before_edit_page")
def mark_editor_copy(request, page) -> None:
    # The editor saves its copy back with the "live" it read; see
    # services.page_stale_save_refuse.
    services.page_editor_copy_mark(page=page)


@hooks.register("after_create_page")
def open_new_page_to_roles(request, page) -> None:
    # A page type the role table names (a news index, a case list) gets its
    # rights the moment it is made, not at the next migrate.
    services.role_page_rights_grant(page=page)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def land_on_the_published_page(request, page):
    """After *Publiser*, the person sees what they published, not the page
    explorer. Saving a draft, scheduling, sending to moderation and an explicit
    `next` keep Wagtail's own redirect."""
    published_now = (
        "action-publish" in request.POST
        and page.live
        and not page.has_unpublished_changes
    )
    if published_now and not (request.POST.get("next") or request.GET.get("next")):
        url = page.get_url(request)
        if url:
            return redirect(url)
    return None


@hooks.register("construct_image_chooser_queryset")
def leave_out_profile_photos(images, request):
    """A profile photo belongs to its person's profile, where they choose who
    sees it; it is not a picture for stories."""
    return images.exclude(pk__in=profile_photos().values("pk"))


@hooks.register("construct_wagtail_userbar")
def check_plain_language(request, items, page) -> None:
    """Wagtail's content checks on a story (in the editor's Checks panel and
    the user bar) include the Norwegian plain-language advice."""
    if page is None or not is_story(page):
        return
    target = PlainLanguageSettings.load(request_or_site=request).internal_target_lix
    items[:] = [
        PlainLanguageCheckerItem(in_editor=item.in_editor, target=target)
        if isinstance(item, ContentCheckerItem)
        else item
        for item in items
    ]


@hooks.register(REGISTER_ROLE_RIGHTS)
def core_role_rights() -> list[Right]:
    """Everyone uses the publishing tool and adds images and documents;
    editors and the communication team also change them. The communication
    team keeps the organisation's units and topics and the plain-language
    targets, may edit and publish the whole tree and alone sees the pages'
    address, search engine and menu fields."""
    media = [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ]
    media_editing = ["wagtailimages.change_image", "wagtaildocs.change_document"]
    return [
        *model_rights(STAFF, "wagtailadmin.access_admin"),
        *model_rights(EDITORS, "wagtailadmin.access_admin"),
        *model_rights(COMMUNICATION, "wagtailadmin.access_admin"),
        *collection_rights(STAFF, *media),
        *collection_rights(EDITORS, *media, *media_editing),
        *collection_rights(COMMUNICATION, *media, *media_editing),
        *model_rights(
            COMMUNICATION,
            "core.add_unit",
            "core.change_unit",
            "core.delete_unit",
            "core.add_topic",
            "core.change_topic",
            "core.delete_topic",
            "core.change_promote_fields",
            "core.change_plainlanguagesettings",
        ),
        *page_rights(
            COMMUNICATION, "core.HomePage", "add", "change", "publish", "lock", "unlock"
        ),
    ]


#: How long the dashboard's page count is kept at most (its key holds the
#: content version, which every page created, moved or deleted moves on).
PAGE_COUNT_SECONDS = 60 * 60


class KeptPagesSummaryItem(PagesSummaryItem):
    """Wagtail's "N pages" on the dashboard, counted once per content version
    and person: counting reads every page row under the person's part of the
    tree (10 ms of the dashboard at 38,000 pages, more every year), and the
    number changes only when a page is created, moved or deleted."""

    def get_context_data(self, parent_context):
        user = self.request.user
        return cached_for_content(
            # The groups: joining one that grants pages changes the count.
            ("admin:pages-summary", user.pk, *sorted(group_names(user))),
            lambda: super(KeptPagesSummaryItem, self).get_context_data(parent_context),
            timeout=PAGE_COUNT_SECONDS,
        )


@hooks.register("construct_homepage_summary_items", order=1)
def count_pages_once_per_content_version(request, items) -> None:
    """After Wagtail's own hook (order 0) has added its page count."""
    items[:] = [
        KeptPagesSummaryItem(request) if type(item) is PagesSummaryItem else item
        for item in items
    ]
