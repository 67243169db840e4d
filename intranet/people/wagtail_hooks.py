from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from intranet.core.models import Competence, StaffProfile
from intranet.core.roles import COMMUNICATION, REGISTER_ROLE_RIGHTS, Right, model_rights
from intranet.core.templatetags.person_tags import PERSON_URL
from intranet.people import selectors
from search.hooks import SEARCH_SECTIONS


class StaffProfileViewSet(SnippetViewSet):
    """Where the communication team corrects a person's title, unit and phone;
    everything else on the profile is the person's own to write."""

    model = StaffProfile
    icon = "user"
    menu_label = _("Staff profiles")
    list_display = ["__str__", "job_title", "unit"]
    list_filter = ["unit"]
    search_fields = ["user__first_name", "user__last_name", "user__username"]
    search_backend_name = None
    ordering = ["user__last_name", "user__first_name"]
    panels = [FieldPanel("job_title"), FieldPanel("unit"), FieldPanel("phone")]

    def get_queryset(self, request):
        return StaffProfile.objects.select_related("user", "unit")


class CompetenceViewSet(SnippetViewSet):
    """The shared "Spør meg om" vocabulary, to tidy spelling and duplicates."""

    model = Competence
    icon = "tag"
    menu_label = _("Ask me about")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None
    panels = [FieldPanel("name"), FieldPanel("slug")]


class PeopleGroup(SnippetViewSetGroup):
    menu_label = _("People")
    menu_icon = "user"
    menu_order = 310
    items = (StaffProfileViewSet, CompetenceViewSet)


register_snippet(PeopleGroup)


@hooks.register(REGISTER_ROLE_RIGHTS)
def people_role_rights() -> list[Right]:
    """The communication team corrects profiles and keeps the vocabulary."""
    return model_rights(
        COMMUNICATION,
        "core.change_staffprofile",
        "core.add_competence",
        "core.change_competence",
        "core.delete_competence",
    )


@hooks.register(PERSON_URL)
def profile_url(user) -> str:
    """Active people have a profile page; people who left keep their name only."""
    if not user.is_active:
        return ""
    return reverse("people:person", args=[user.get_username()])


#: At most this many people above the search results.
SEARCH_PEOPLE = 5


@hooks.register(SEARCH_SECTIONS)
def people_in_search(request, query) -> str:
    """The people a text search names, above the pages: a name is most often
    looked for to find the person. Not on later pages or when the search is
    narrowed to kinds of pages."""
    if not query.text or query.page != 1 or query.types:
        return ""
    named, total = selectors.people_named(query=query.text, limit=SEARCH_PEOPLE)
    if not named:
        return ""
    found = list(selectors.people_listed().filter(pk__in=named))
    return render_to_string(
        "people/includes/search_people.html",
        {
            "rows": [
                (
                    person,
                    selectors.profile_facts(
                        profile=getattr(person, "profile", None), viewer=request.user
                    ),
                )
                for person in found
            ],
            "total": total,
            "directory_url": reverse("people:directory")
            + "?"
            + urlencode({"q": query.text}),
        },
        request=request,
    )


@hooks.register(SEARCH_SECTIONS)
def units_and_topics_in_search(request, query) -> str:
    """The units and topics a text search names ("Enheter", "Emner"), with a
    link to each one's page. Not on later pages or when the search is narrowed
    to kinds of pages."""
    if not query.text or query.page != 1 or query.types:
        return ""
    units, topics = selectors.units_and_topics_named(text=query.text)
    if not units and not topics:
        return ""
    return render_to_string(
        "people/includes/search_vocabulary.html",
        {"units": units, "topics": topics},
        request=request,
    )
