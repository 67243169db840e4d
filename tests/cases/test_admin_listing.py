"""What the admin lists: every staff member is an admin user, so a draft or a
group-restricted page's title (and a restricted collection's document) must not
reach someone who may neither see it on the site nor edit it.

Each surface is requested as a browser would; the rule is in cases/permissions.py
(pages) and intranet/core/document_access.py (documents).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageLogEntry,
    PageViewRestriction,
)

from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from tests.factories.cases import CasePageFactory, CaseUpdatePageFactory
from tests.factories.core import UserFactory

pytestmark = pytest.mark.django_db

DRAFT = "Hemmelig sak i utkast"
RESTRICTED = "Lukket sak om barnevern"
OWN_DRAFT = "Eierens egen sak i utkast"
PUBLIC = "Åpen sak om biblioteket"
DOCUMENT = "Lønnsoversikt barnevern"


@pytest.fixture
def world(case_index, case, owner, co_owner, other_staff, communication_member):
    """Beside the public case: someone else's draft case, a live case only the
    child-welfare group may see, a draft update in the owner's own case, and a
    document in a collection only that group may open."""
    child_welfare = Group.objects.create(name="Barnevern")
    case.title = case.draft_title = PUBLIC
    case.save()
    draft = CasePageFactory(
        parent=case_index, title=DRAFT, live=False, owners=[co_owner]
    )
    restricted = CasePageFactory(parent=case_index, title=RESTRICTED, owners=[co_owner])
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(child_welfare)
    own_draft = CaseUpdatePageFactory(
        parent=case, title=OWN_DRAFT, live=False, owner=owner
    )
    for page in (draft, restricted, own_draft):
        PageLogEntry.objects.log_action(page, "wagtail.edit", user=co_owner)

    collection = Collection.get_first_root_node().add_child(name="Personal")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    collection_restriction.groups.add(child_welfare)
    document = get_document_model().objects.create(
        title=DOCUMENT,
        collection=collection,
        file=ContentFile(b"hemmelig", name="lonn.txt"),
    )
    return {
        "index": case_index,
        "case": case,
        "draft": draft,
        "restricted": restricted,
        "own_draft": own_draft,
        "child_welfare": child_welfare,
        "document": document,
    }


def as_text(response) -> str:
    assert response.status_code == 200, (response, response.content[:600])
    if response["Content-Type"].startswith("application/json"):
        return str(response.json())
    return response.content.decode()


CHILDREN_ONLY = {"explorer", "page chooser", "admin API"}

#: Every admin surface that lists pages, listing the case list's cases.
PAGE_SURFACES = {
    "explorer": lambda index: reverse("wagtailadmin_explore", args=[index.pk]),
    "explorer search": lambda index: (
        reverse("wagtailadmin_explore", args=[index.pk]) + "?q=sak"
    ),
    "page search": lambda index: reverse("wagtailadmin_pages:search") + "?q=sak",
    "page chooser": lambda index: reverse(
        "wagtailadmin_choose_page_child", args=[index.pk]
    ),
    "page chooser search": lambda index: (
        reverse("wagtailadmin_choose_page_search") + "?q=sak"
    ),
    "site history": lambda index: reverse("wagtailadmin_reports:site_history"),
    "admin API": lambda index: f"/admin/api/main/pages/?child_of={index.pk}",
    "admin API search": lambda index: "/admin/api/main/pages/?search=sak",
}


@pytest.mark.parametrize("surface", PAGE_SURFACES)
def test_plain_staff_see_neither_drafts_nor_restricted_pages(
    client, world, other_staff, surface
):
    client.force_login(other_staff)
    text = as_text(client.get(PAGE_SURFACES[surface](world["index"])))
    assert DRAFT not in text
    assert RESTRICTED not in text
    assert OWN_DRAFT not in text
    if surface != "site history":  # nobody has edited the public case
        assert PUBLIC in text


def test_plain_staff_cannot_reach_a_hidden_page_by_its_id(client, world, other_staff):
    client.force_login(other_staff)
    for page in (world["draft"], world["restricted"]):
        for url in (
            reverse("wagtailadmin_explore", args=[page.pk]),
            reverse("wagtailadmin_choose_page_child", args=[page.pk]),
            f"/admin/api/main/pages/{page.pk}/",
        ):
            response = client.get(url)
            assert response.status_code == 404, url
            assert page.title not in response.content.decode(), url


def chosen_pages(client, world) -> str:
    ids = [world[name].pk for name in ("case", "draft", "restricted", "own_draft")]
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    return as_text(client.get(url + "?" + "&".join(f"id={pk}" for pk in ids)))


def page_types_report(client, world) -> str:
    # The report names each page type's last edited page: make it the draft.
    world["draft"].save_revision()
    return as_text(client.get(reverse("wagtailadmin_reports:page_types_usage")))


def test_plain_staff_get_no_hidden_title_by_id_from_the_chooser(
    client, world, other_staff
):
    client.force_login(other_staff)
    text = chosen_pages(client, world)
    assert PUBLIC in text
    assert DRAFT not in text
    assert RESTRICTED not in text
    assert OWN_DRAFT not in text
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    for bad in ("abc", "²", "9" * 30, "9" * 5000):
        assert client.get(url, {"id": bad}).status_code == 200, bad


def test_plain_staff_do_not_see_a_draft_as_last_edited_in_the_page_types_report(
    client, world, other_staff
):
    client.force_login(other_staff)
    assert DRAFT not in page_types_report(client, world)


def test_the_communication_team_gets_every_title_from_chooser_and_report(
    client, world, communication_member
):
    client.force_login(communication_member)
    text = chosen_pages(client, world)
    assert DRAFT in text
    assert RESTRICTED in text
    assert OWN_DRAFT in text
    assert DRAFT in page_types_report(client, world)


@pytest.mark.parametrize("surface", PAGE_SURFACES)
def test_the_communication_team_sees_everything(
    client, world, communication_member, surface
):
    client.force_login(communication_member)
    text = as_text(client.get(PAGE_SURFACES[surface](world["index"])))
    assert DRAFT in text
    assert RESTRICTED in text
    if surface not in CHILDREN_ONLY:  # the update sits a level further down
        assert OWN_DRAFT in text


def test_a_group_member_sees_the_restricted_case_but_not_the_draft(client, world):
    member = UserFactory(groups=[STAFF, "Barnevern"])
    client.force_login(member)
    text = as_text(client.get(PAGE_SURFACES["explorer"](world["index"])))
    assert RESTRICTED in text
    assert DRAFT not in text


def test_the_owner_still_lists_and_edits_their_own_draft(client, world, owner):
    client.force_login(owner)
    case, own_draft = world["case"], world["own_draft"]
    explorer = as_text(client.get(reverse("wagtailadmin_explore", args=[case.pk])))
    assert OWN_DRAFT in explorer
    search = as_text(client.get(reverse("wagtailadmin_pages:search") + "?q=egen"))
    assert OWN_DRAFT in search
    history = as_text(client.get(reverse("wagtailadmin_reports:site_history")))
    assert OWN_DRAFT in history
    assert DRAFT not in history
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[own_draft.pk]))
    assert edit.status_code == 200
    assert OWN_DRAFT in edit.content.decode()


def document_chooser(client, query: str = "") -> str:
    url = reverse("wagtaildocs_chooser:choose")
    if query:
        url = reverse("wagtaildocs_chooser:choose_results") + f"?q={query}"
    return as_text(client.get(url))


def chosen_document(client, world) -> list:
    """What the chooser's by-id views answer about the restricted document."""
    pk = world["document"].pk
    return [
        client.get(reverse("wagtaildocs_chooser:chosen", args=[pk])),
        client.get(reverse("wagtaildocs_chooser:chosen_multiple") + f"?id={pk}"),
    ]


def test_plain_staff_do_not_see_a_restricted_collections_document(
    client, world, other_staff
):
    client.force_login(other_staff)
    assert DOCUMENT not in document_chooser(client)
    assert DOCUMENT not in document_chooser(client, "barnevern")
    for response in chosen_document(client, world):
        assert DOCUMENT not in response.content.decode()


@pytest.mark.parametrize("role", [EDITORS, COMMUNICATION, "Barnevern"])
def test_editors_and_members_see_the_restricted_document(client, world, role):
    client.force_login(UserFactory(groups=[STAFF, role]))
    assert DOCUMENT in document_chooser(client)
    assert DOCUMENT in document_chooser(client, "barnevern")
    for response in chosen_document(client, world):
        assert DOCUMENT in as_text(response)


def test_the_explorable_pages_are_wagtails_own_cut_down_to_the_listable(
    world, owner, co_owner, other_staff, communication_member
):
    """The policy says Wagtail's rule as conditions on the page row (for
    speed): for people with every kind of grant it finds exactly the pages
    Wagtail's own policy finds, then lists only what they may see listed."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission
    from wagtail.permission_policies.pages import PagePermissionPolicy

    from cases.permissions import ListingPagePermissionPolicy, listable

    # A grant deep in the tree (change on one case) and an "add" grant whose
    # holder created a page there (Wagtail lets them change their own).
    one_case = Group.objects.create(name="Saksredaktør")
    GroupPagePermission.objects.create(
        group=one_case,
        page=world["restricted"],
        permission=Permission.objects.get(codename="change_page"),
    )
    case_editor = UserFactory(username="saksredaktor", groups=[STAFF, one_case.name])
    creator = UserFactory(username="oppretter", groups=[STAFF])
    CasePageFactory(parent=world["index"], title="Ny sak", live=False, owner=creator)
    superuser = UserFactory(username="super", is_superuser=True)
    inactive = UserFactory(username="sluttet", groups=[STAFF], is_active=False)
    people = [owner, co_owner, other_staff, communication_member, case_editor]
    people += [creator, superuser, inactive]

    ours, wagtails = ListingPagePermissionPolicy(), PagePermissionPolicy()
    for person in people:
        expected = set(listable(wagtails.explorable_instances(person), person))
        assert set(ours.explorable_instances(person)) == expected, person
        for actions in ({"change"}, {"add", "change"}, {"publish", "lock"}):
            assert set(
                ours.instances_user_has_any_permission_for(person, actions)
            ) == set(wagtails.instances_user_has_any_permission_for(person, actions))
