"""The intranet's shared vocabulary: units, topics, staff profiles and stories."""

import datetime
import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index

from intranet.core.blocks import StoryBodyBlock
from intranet.core.forms import ReadableModelForm, ReadablePageForm
from intranet.core.panels import ChoiceListPanel, communication_promote_panels
from intranet.core.text import single_line, slugify_nb


class PositioningTheme(models.TextChoices):
    """What the municipality wants to be known for (show, don't tell)."""

    INNOVATION = "innovation", _("Innovation")
    COMPETENCE = "competence", _("Competence")


class UnitQuerySet(models.QuerySet):
    def sectors(self) -> "UnitQuerySet":
        return self.filter(parent__isnull=True)


class Unit(index.Indexed, models.Model):
    """An organisational unit. Top-level units are sectors; others belong to one."""

    base_form_class = ReadableModelForm

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("short description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        help_text=_("Empty for a sector; otherwise the sector the unit belongs to."),
    )
    leaders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leaders"),
        blank=True,
        related_name="led_units",
        help_text=_("Shown first on the unit's page."),
    )

    objects = UnitQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("leaders"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_sector(self) -> bool:
        return self.parent_id is None

    @property
    def sector(self) -> "Unit":
        return self if self.parent_id is None else self.parent

    def clean(self) -> None:
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {
                    "parent": _(
                        "A unit can only belong to a sector, not to another unit."
                    )
                }
            )
        if self.pk and self.parent_id and self.children.exists():
            raise ValidationError(
                {
                    "parent": _(
                        "A sector with units cannot be placed under another sector."
                    )
                }
            )


class Topic(index.Indexed, models.Model):
    """A curated subject people can follow."""

    base_form_class = ReadableModelForm

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Competence(models.Model):
    """A subject a person may be asked about ("Spør meg om").

    One shared vocabulary, so that the directory can filter by it and two people
    who know the same thing are found together; anyone may add a new one from
    their profile. It sits in core beside the profile that points to it.
    """

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Workday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class ProfileField(models.TextChoices):
    """The optional profile fields; each person chooses which of them others see."""

    PHOTO = "photo", _("Photo")
    MOBILE = "mobile", _("Mobile")
    OFFICE = "office", _("Office")
    WORKDAYS = "workdays", _("Workdays")
    LANGUAGES = "languages", _("Languages")
    COMPETENCES = "competences", _("Ask me about")
    ABOUT = "about", _("About me")
    TOPICS = "topics", _("Topics I follow")


#: The optional fields nobody shows until they choose to.
PRIVATE_BY_DEFAULT = f"{ProfileField.MOBILE.value},{ProfileField.TOPICS.value}"


class StaffProfile(models.Model):
    """What colleagues need to know about a person. One per user, made on creation.

    The optional fields (`ProfileField`) are shown to others only when they are
    not in `hidden_fields`; `visible_to_others` is the one place that rule lives.
    """

    ABOUT_MAX_LENGTH = 1000

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    mobile = models.CharField(_("mobile"), max_length=30, blank=True)
    office = models.CharField(_("office"), max_length=120, blank=True)
    workdays = models.JSONField(_("workdays"), default=list, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    competences = models.ManyToManyField(
        Competence,
        verbose_name=_("ask me about"),
        blank=True,
        related_name="profiles",
    )
    about = models.TextField(_("about me"), max_length=ABOUT_MAX_LENGTH, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The hidden `ProfileField` values, comma-separated (no value is part of
    # another, so `hidden_fields__contains` is a portable test). A private
    # mobile number, and what the person follows, stay private until its owner
    # says otherwise.
    hidden_fields = models.CharField(
        _("hidden fields"),
        max_length=200,
        default=PRIVATE_BY_DEFAULT,
        blank=True,
    )
    confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def hidden_field_list(self) -> list[str]:
        return [name for name in self.hidden_fields.split(",") if name]

    def visible_to_others(self, field: str) -> bool:
        return field not in self.hidden_field_list

    def workday_labels(self) -> list[str]:
        chosen = set(self.workdays or [])
        return [label for value, label in Workday.choices if value in chosen]


#: The content version scopes of the stories with positioning themes, and of
#: those everyone or some units must read.
POSITIONING_SCOPE = "positioning"
#: Moved by a change of who may see which item of the admin's menu (a group's
#: rights, page or collection permissions, a person's own rights).
ADMIN_MENU_SCOPE = "admin-menu"
MUST_READ_SCOPE = "must-read"
#: Moved, with the unscoped row, when a picture in the library changes or
#: goes: what names everything else it shows in its own key (a story card)
#: follows this row alone.
PICTURES_SCOPE = "pictures"
#: Moved when a person's name, username or active state changes: what shows
#: people by name and names everything else in its key (a case card and its
#: owners) follows this row.
PEOPLE_SCOPE = "people"
#: Moved when whom a word finds among people may have changed: a person's
#: name or active state, a profile's job title or hidden fields, the
#: competences a profile names, a competence's name (`directory_search`).
DIRECTORY_SCOPE = "directory"

#: The content version row of the changes that name no scope (a unit, a
#: picture, a view restriction, a page of no scope): every fragment's but the
#: story and case cards', whose keys name what they show (`story_card_key`,
#: `case_card_key`).
UNSCOPED = "*"


class ContentVersion(models.Model):
    """A counter that moves whenever published content may have changed.

    Fragments that every member of staff sees alike (the front page's story lists)
    are cached under a key holding this number. It lives in the database, so all
    web processes see a change at once whatever cache backend they use.

    The row with the empty ``scope`` moves with every change. A change to a
    page says which fragments can show it (``content_scopes``: the articles,
    the pinned articles, the case updates, the positioning stories) and moves
    those rows too, in the same transaction; any other change moves the
    ``UNSCOPED`` row. A fragment that shows pages of some scopes only is kept
    under its scopes' rows and the unscoped one (`content_version_for`), so it
    is not built again when a page it cannot show changed.

    The scope is the row's key, so data dumped and loaded back (a restored
    test database) always lands on the same rows, whatever order it loads in.
    """

    scope = models.CharField(max_length=40, primary_key=True, blank=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("content version")

    def __str__(self) -> str:
        return str(self.value)


class ChoiceListField(models.JSONField):
    """A list of choice values stored as JSON, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=self.choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    def validate(self, value, model_instance):
        # JSONField's own choice validation compares the whole list to the choices.
        if not isinstance(value, list):
            raise ValidationError(_("Expected a list of values."))
        allowed = {choice for choice, _label in self.choices}
        unknown = [item for item in value if item not in allowed]
        if unknown:
            raise ValidationError(
                _("Unknown value: %(values)s"), params={"values": ", ".join(unknown)}
            )
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"])


class StoryTag(TaggedItemBase):
    """Free tags on any story page (news article or case update)."""

    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="story_tags"
    )


class SingleLineTitle:
    """Every page type of ours mixes this in before ``Page``.

    Titles travel into e-mail subjects, calendar files and feeds, where a line
    break or another control character breaks the message or injects lines.
    They are kept on one line before validation (the editor's form, services,
    revisions) and again on every save (paths that skip validation). A page
    made without an address gets one from its title in ASCII.
    """

    def _clean_titles(self) -> None:
        for name in ("title", "draft_title", "seo_title"):
            value = getattr(self, name)
            if value:
                setattr(self, name, single_line(value))

    def _default_slug(self) -> None:
        # Wagtail fills an empty slug from the title once the parent is known;
        # first offer it the Norwegian ASCII form ("far-ny-skolevei", not
        # "f%C3%A5r-ny-skolevei"), made unique among the siblings as Wagtail does.
        parent_known = self.path or getattr(self, "_cached_parent_obj", None)
        if not self.slug and self.title and parent_known:
            base = slugify_nb(self.title)[:80].strip("-")
            if base:
                self.slug = self._get_autogenerated_slug(base)

    def _set_core_field_defaults(self) -> None:
        # Wagtail's one place for defaults, before full, draft and form cleaning.
        self._default_slug()
        super()._set_core_field_defaults()

    def full_clean(self, *args, **kwargs) -> None:
        self._clean_titles()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._clean_titles()
        return super().save(*args, **kwargs)

    def serializable_data(self):
        # A revision saved without validation (one published at once, which
        # validates it then) still keeps its titles on one line.
        self._clean_titles()
        return super().serializable_data()


class Story(models.Model):
    """What every story shares (news articles, case updates, any later kind).

    A story may carry positioning themes; with a nomination text it becomes a
    positioning example the communication team can take outside.
    """

    #: The content version scope of the kind (see ContentVersion), if any,
    #: and the fields of its stored row that the scopes of a change depend on.
    content_scope = ""
    content_scope_fields: tuple[str, ...] = ("positioning_themes", "must_read_until")

    #: Set on a story a list moved to the top for its reader's unit
    #: (`targeted_first`). A plain attribute here, so a card asking every
    #: other story costs no failed attribute lookup (Django's template engine
    #: then lists all of a page's attributes: about 0.1 ms a card).
    for_reader = False

    intro = models.TextField(
        _("introduction"),
        max_length=400,
        help_text=_("One or two sentences shown in listings and search results."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("alternative text for the main image"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it."),
    )
    body = StreamField(StoryBodyBlock(), verbose_name=_("body"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), blank=True)
    tags = ClusterTaggableManager(through=StoryTag, verbose_name=_("tags"), blank=True)
    positioning_themes = ChoiceListField(
        _("positioning themes"),
        choices=PositioningTheme.choices,
        default=list,
        blank=True,
        help_text=_("Does this story show innovation or competence?"),
    )
    nomination_text = models.TextField(
        _("why this shows innovation or competence"),
        blank=True,
        max_length=600,
    )
    # Reach (who it is for) and freshness (is it still true). Targeting only
    # orders and highlights; it never hides anything (view restrictions do).
    target_units = ParentalManyToManyField(
        Unit,
        verbose_name=_("for units"),
        blank=True,
        related_name="+",
        help_text=_(
            "Sectors or units the story is especially for. It is shown first "
            "to them, and to everyone else as usual."
        ),
    )
    must_read_until = models.DateField(
        _("must be read by"),
        null=True,
        blank=True,
        # The front page looks up the current must-read stories among every
        # story (30,000 case updates in five years): by this index, not a scan.
        db_index=True,
        help_text=_(
            "Mark the story as must-read: the audience is asked to confirm "
            "they have read it by this day."
        ),
    )
    must_read_everyone = models.BooleanField(
        _("must be read by everyone"), default=False
    )
    must_read_units = ParentalManyToManyField(
        Unit,
        verbose_name=_("must be read by these sectors and units"),
        blank=True,
        related_name="+",
    )
    last_confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    #: The field that dates the story in lists (its day of publication).
    story_date_field: str

    story_content_panels = [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        # What the story is about and whether it shows innovation or
        # competence: the author's business, so on the first tab with the text.
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("target_units", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Unit, topics and tags"),
        ),
        MultiFieldPanel(
            [ChoiceListPanel("positioning_themes"), FieldPanel("nomination_text")],
            heading=_("Show, don't tell"),
        ),
    ]
    #: "Må leses": whom the story asks to confirm they have read it, and by
    #: when. On the promote tab with the front-page choices; on case updates
    #: only the communication team sees it (`cases.forms.CaseUpdatePageForm`).
    story_must_read_panel = MultiFieldPanel(
        [
            FieldPanel("must_read_until"),
            FieldPanel("must_read_everyone"),
            FieldPanel("must_read_units", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Must read"),
        help_text=_(
            "Everyone, or the chosen sectors (with their units) and units, is "
            "asked to confirm they have read the story by the deadline."
        ),
    )
    #: Address, search engine and menu fields: the communication team's. They
    #: take the place of `Page.promote_panels`, which name the same fields.
    story_promote_panels = [story_must_read_panel, *communication_promote_panels()]
    story_search_fields = [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("unit"),
    ]

    class Meta:
        abstract = True

    def content_scopes(self, stored: dict) -> set[str]:
        """A change to a story moves its kind's scope (``content_scope``),
        and the positioning stories' or the must-read stories' when it is or
        was one of them. A kind without a scope of its own names none: every
        fragment is built again."""
        if not self.content_scope:
            return set()
        scopes = {self.content_scope}
        if self.positioning_themes or stored.get("positioning_themes"):
            scopes.add(POSITIONING_SCOPE)
        if self.must_read_until or stored.get("must_read_until"):
            scopes.add(MUST_READ_SCOPE)
        return scopes

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Alt text is required when there is an image.")
        if self.positioning_themes and not self.nomination_text.strip():
            errors["nomination_text"] = _(
                "Say in a sentence or two why this shows the chosen theme."
            )
        errors.update(self._must_read_errors())
        if errors:
            raise ValidationError(errors)

    def _must_read_errors(self) -> dict:
        """A must-read story needs an audience and a deadline, together; a new
        or moved deadline cannot be in the past. (The admin form hands the
        chosen units to the page before this runs: `ReadablePageForm`.)"""
        until = self.must_read_until
        has_audience = self.must_read_everyone or bool(self.must_read_units.all())
        if until is None:
            if has_audience:
                return {
                    "must_read_until": _(
                        "Set a deadline, or remove the audience: a must-read "
                        "story needs both."
                    )
                }
            return {}
        errors = {}
        if not has_audience:
            errors["must_read_everyone"] = _(
                "Choose who must read it: everyone, or sectors and units."
            )
        if until < timezone.localdate():
            stored = (
                type(self)
                ._default_manager.filter(pk=self.pk)
                .values_list("must_read_until", flat=True)
                .first()
                if self.pk
                else None
            )
            if stored != until:
                errors["must_read_until"] = _(
                    "The deadline has passed. Choose today or a later day."
                )
        return errors

    @property
    def positioning_theme_pairs(self) -> list[tuple[str, str]]:
        """(value, label) per theme, for badges styled by theme."""
        labels = dict(PositioningTheme.choices)
        return [
            (value, labels[value])
            for value in self.positioning_themes
            if value in labels
        ]

    @property
    def positioning_theme_labels(self) -> list[str]:
        return [label for _value, label in self.positioning_theme_pairs]

    @property
    def story_date(self) -> datetime.date:
        """The story's day (a time of publication as the local day), for cards
        and for lists that mix every kind of story."""
        value = getattr(self, self.story_date_field)
        if isinstance(value, datetime.datetime):
            return timezone.localdate(value)
        return value

    def editing_context(self, request) -> dict:
        """Whether the reader may change or unpublish the story from its page
        (Wagtail's permission tester decides; nothing in previews)."""
        if not self.pk or getattr(request, "is_preview", False):
            return {"can_edit": False, "can_unpublish": False}
        perms = self.permissions_for_user(request.user)
        return {"can_edit": perms.can_edit(), "can_unpublish": perms.can_unpublish()}

    def story_owner_ids(self) -> set[int]:
        """The people the story belongs to: they close its comments, see its
        reach and are asked about its promotion. Each story model says who."""
        raise NotImplementedError(f"{type(self).__name__} must say who owns it")


def story_page_models() -> list[type[Page]]:
    """The page models that are stories: every concrete subclass of `Story`."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, Story) and not model._meta.abstract
    ]


def is_story(page: Page) -> bool:
    """Whether the page (of any class, specific or not) is a story."""
    model = page.specific_class
    return model is not None and issubclass(model, Story)


@functools.cache
def _default_routing() -> bool:
    """Whether every page model below the site's root routes as Wagtail's
    ``Page`` does (so the root may find a page without asking each one)."""
    return all(
        model.route is Page.route
        for model in get_page_models()
        if not issubclass(model, HomePage)
    )


class HomePage(SingleLineTitle, Page):
    """The intranet's front page and the root of its page tree."""

    base_form_class = ReadablePageForm

    intro = RichTextField(
        _("welcome text"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    search_fields = [*Page.search_fields]

    class Meta:
        verbose_name = _("front page")
        # Site-wide rights over every page, kept with the page that stands for
        # the site; the role table gives them to the communication team.
        permissions = [
            (
                "change_promote_fields",
                _("Can change the address, search engine and menu fields of pages"),
            )
        ]

    def route(self, request, path_components):
        """Find the page at the address in one query, not two per level.

        Wagtail's own routing asks each page on the way for the child with
        the next slug, and that child's specific page (for an update at
        /saker/<case>/<update>/, six queries, a third of a bare page's time).
        Every page keeps its address below the site's root (``url_path``,
        which Wagtail moves with every slug change and move), so the pages on
        the way are read at once by it, each given its parent as Wagtail's
        walk gives it. Nothing else changes: the page must be live (a page
        above it need not be), and the view restrictions are checked when it
        is served, as before. If a page model routes its own way, or no page
        has the address, Wagtail's walk answers (a 404 where it finds none).
        """
        if not path_components or not _default_routing():
            return super().route(request, path_components)
        prefixes = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[:depth])
            for depth in range(1, len(path_components) + 1)
        ]
        on_the_way = {
            page.url_path: page
            # By the address's index (core migration 0014).
            for page in Page.objects.filter(
                url_path__in=prefixes,
                path__startswith=self.path,
                depth__gt=self.depth,
                depth__lte=self.depth + len(path_components),
            )
        }
        pages = [on_the_way.get(prefix) for prefix in prefixes]
        if None in pages or any(
            page.depth != self.depth + level for level, page in enumerate(pages, 1)
        ):
            return super().route(request, path_components)
        parent = self
        for page in pages:
            page._cached_parent_obj = parent
            parent = page
        found = pages[-1].specific
        found._cached_parent_obj = pages[-1]._cached_parent_obj
        return found.route(request, [])

    def get_context(self, request, *args, **kwargs) -> dict:
        # The sections come from the apps that register them (core.sections);
        # imported here because the sections module reads the content version,
        # a model defined in this module.
        from intranet.core.sections import front_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(sections=front_page_sections())
        return context


_LIX_RANGE = [MinValueValidator(20), MaxValueValidator(70)]


@register_setting(icon="doc-full")
class PlainLanguageSettings(BaseGenericSetting):
    """The communication team's LIX targets for the plain-language advice
    (`intranet.core.plain_language`). One for the whole municipality: the
    external versions leave through one feed, whichever site a page is on."""

    internal_target_lix = models.PositiveSmallIntegerField(
        _("target LIX for stories on the intranet"),
        default=45,
        validators=_LIX_RANGE,
        help_text=_(
            "The composer says when a news item or case update is harder to read "
            "than this. 40–50 is like a newspaper."
        ),
    )
    external_target_lix = models.PositiveSmallIntegerField(
        _("target LIX for external versions"),
        default=40,
        validators=_LIX_RANGE,
        help_text=_(
            "For texts to citizens (the Language Act asks for clear language "
            "adapted to the reader). Below 40 is easy to read."
        ),
    )

    panels = [FieldPanel("internal_target_lix"), FieldPanel("external_target_lix")]

    class Meta:
        verbose_name = _("plain language")
