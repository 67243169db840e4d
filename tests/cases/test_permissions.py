"""Who may do what with a case, through Wagtail's real admin views.

The matrix: every role × every action, each performed as a browser would (a
POST to the admin view) and judged by its effect in the database. "refused"
means Wagtail's permission-denied redirect and no change; "login" means the
login page and no change.
"""

import pytest
from django.urls import reverse

from cases.models import CaseIndexPage, CasePage, CaseUpdatePage
from intranet.core.roles import STAFF
from tests.cases.admin_forms import add_form_data, edit_form_data, publish
from tests.factories.cases import (
    CaseIndexPageFactory,
    CasePageFactory,
    CaseUpdatePageFactory,
)
from tests.factories.core import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

DONE, REFUSED, LOGIN = "done", "refused", "login"

ACTIONS = [
    "view",
    "edit_case",
    "add_update",
    "edit_update",
    "publish",
    "unpublish",
    "delete",
    "move",
    "copy",
]

EDITOR = dict.fromkeys(ACTIONS, DONE)
OWNER = {**EDITOR, "move": REFUSED}  # moving a case to another list is editorial
READER = {action: (DONE if action == "view" else REFUSED) for action in ACTIONS}

EXPECTED = {
    "owner": OWNER,
    "co_owner": OWNER,
    "other_staff": READER,
    "communication": EDITOR,
    "superuser": EDITOR,
    "anonymous": dict.fromkeys(ACTIONS, LOGIN),
}


@pytest.fixture
def world(case_index, case, owner, co_owner, other_staff, communication_member):
    """A case with a live and a draft update, and a second case list."""
    return {
        "index": case_index,
        "case": case,
        "live_update": CaseUpdatePageFactory(
            parent=case, title="Publisert", slug="publisert", owner=owner
        ),
        "draft_update": CaseUpdatePageFactory(
            parent=case, title="Utkast", slug="utkast", live=False, owner=owner
        ),
        "other_index": CaseIndexPageFactory(
            parent=case_index.get_parent(), title="Andre saker", slug="andre-saker"
        ),
        "users": {
            "owner": owner,
            "co_owner": co_owner,
            "other_staff": other_staff,
            "communication": communication_member,
            "superuser": UserFactory(username="admin", is_superuser=True),
            "anonymous": None,
        },
    }


def outcome(response, done: bool) -> str:
    """Classify a response and its effect. A refusal must never look like a
    success: no change, and a visible redirect (or 403)."""
    if response.status_code == 302 and response.url.startswith(reverse("login")):
        assert not done
        return LOGIN
    if response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    ):
        assert not done
        return REFUSED
    assert response.status_code in (200, 302), response.status_code
    assert done, f"{response.status_code} without effect"
    return DONE


def do_view(client, world) -> str:
    responses = [
        client.get(world["case"].url),
        client.get(world["live_update"].url),
    ]
    if all(r.status_code == 200 for r in responses):
        assert world["case"].title in responses[0].content.decode()
        return DONE
    return outcome(responses[0], done=False)


def do_edit_case(client, world) -> str:
    case = world["case"]
    data = edit_form_data(case, summary="Ny oppsummering")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[case.pk]), data)
    latest = CasePage.objects.get(pk=case.pk).get_latest_revision_as_object()
    return outcome(response, done=latest.summary == "Ny oppsummering")


def do_add_update(client, world) -> str:
    case = world["case"]
    data = add_form_data(
        "cases",
        "caseupdatepage",
        case,
        title="Ny oppdatering",
        intro="Noe nytt har skjedd.",
    )
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cases", "caseupdatepage", case.pk]),
        data,
    )
    created = (
        CaseUpdatePage.objects.child_of(case).filter(slug="ny-oppdatering").exists()
    )
    return outcome(response, done=created)


def do_edit_update(client, world) -> str:
    update = world["live_update"]
    data = edit_form_data(update, title="Endret tittel")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[update.pk]), data)
    latest = CaseUpdatePage.objects.get(pk=update.pk).get_latest_revision_as_object()
    return outcome(response, done=latest.title == "Endret tittel")


def do_publish(client, world) -> str:
    update = world["draft_update"]
    data = publish(edit_form_data(update))
    response = client.post(reverse("wagtailadmin_pages:edit", args=[update.pk]), data)
    return outcome(response, done=CaseUpdatePage.objects.get(pk=update.pk).live)


def do_unpublish(client, world) -> str:
    update = world["live_update"]
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[update.pk]))
    return outcome(response, done=not CaseUpdatePage.objects.get(pk=update.pk).live)


def do_delete(client, world) -> str:
    update = world["live_update"]
    response = client.post(reverse("wagtailadmin_pages:delete", args=[update.pk]))
    return outcome(
        response, done=not CaseUpdatePage.objects.filter(pk=update.pk).exists()
    )


def do_move(client, world) -> str:
    case, destination = world["case"], world["other_index"]
    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[case.pk, destination.pk])
    )
    moved = CasePage.objects.get(pk=case.pk).get_parent().pk == destination.pk
    return outcome(response, done=moved)


def do_copy(client, world) -> str:
    update, case = world["live_update"], world["case"]
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[update.pk]),
        {
            "new_title": "Kopi",
            "new_slug": "kopi",
            "new_parent_page": case.pk,
            "publish_copies": "",
        },
    )
    copied = CaseUpdatePage.objects.child_of(case).filter(slug="kopi").exists()
    return outcome(response, done=copied)


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_permission_matrix(client, world, role, action):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)

    result = globals()[f"do_{action}"](client, world)

    assert result == EXPECTED[role][action]


def test_refusals_say_so(client, world):
    client.force_login(world["users"]["other_staff"])

    response = client.get(
        reverse("wagtailadmin_pages:edit", args=[world["case"].pk]), follow=True
    )

    assert "du har ikke tilgang" in response.content.decode()


def test_owner_may_move_an_update_between_their_own_cases_only(
    client, world, owner, other_staff
):
    own_second = CasePageFactory(parent=world["index"], owners=[owner])
    someone_elses = CasePageFactory(parent=world["index"], owners=[other_staff])
    update = world["live_update"]
    client.force_login(owner)

    refused = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[update.pk, someone_elses.pk])
    )
    allowed = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[update.pk, own_second.pk])
    )

    assert refused.url == reverse("wagtailadmin_home")
    assert allowed.status_code == 302
    assert CaseUpdatePage.objects.get(pk=update.pk).get_parent().pk == own_second.pk


def test_owner_may_delete_an_empty_case_but_not_one_with_updates(client, world, owner):
    empty = CasePageFactory(parent=world["index"], owners=[owner])
    client.force_login(owner)

    client.post(reverse("wagtailadmin_pages:delete", args=[world["case"].pk]))
    client.post(reverse("wagtailadmin_pages:delete", args=[empty.pk]))

    assert CasePage.objects.filter(pk=world["case"].pk).exists()
    assert not CasePage.objects.filter(pk=empty.pk).exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("owner", True),
        ("co_owner", True),
        ("other_staff", False),
        ("communication", True),
    ],
)
def test_preview_revisions_and_history_follow_ownership(client, world, role, allowed):
    case = world["case"]
    revision = case.save_revision(user=world["users"]["owner"])
    client.force_login(world["users"][role])
    urls = [
        reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[case.pk]),
        reverse("wagtailadmin_pages:history", args=[case.pk]),
        reverse("wagtailadmin_pages:revisions_view", args=[case.pk, revision.pk]),
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[case.pk, "live", revision.pk],
        ),
        reverse("wagtailadmin_pages:revisions_revert", args=[case.pk, revision.pk]),
    ]

    statuses = {url: client.get(url).status_code for url in urls}

    expected = 200 if allowed else 302
    assert statuses == dict.fromkeys(urls, expected)


def test_preview_of_changes_is_refused_to_other_staff(client, world):
    case = world["case"]
    client.force_login(world["users"]["other_staff"])

    response = client.post(
        reverse("wagtailadmin_pages:preview_on_edit", args=[case.pk]),
        edit_form_data(case, summary="Forhåndsvisning"),
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_explorer_shows_edit_links_only_where_editing_is_allowed(
    client, world, owner, other_staff
):
    someone_elses = CasePageFactory(
        parent=world["index"], title="Ny skolestruktur", owners=[other_staff]
    )
    client.force_login(owner)

    response = client.get(reverse("wagtailadmin_explore", args=[world["index"].pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ny skolestruktur" in content  # other staff's cases may be read
    own_edit = reverse("wagtailadmin_pages:edit", args=[world["case"].pk])
    other_edit = reverse("wagtailadmin_pages:edit", args=[someone_elses.pk])
    other_add = reverse("wagtailadmin_pages:add_subpage", args=[someone_elses.pk])
    assert f'href="{own_edit}"' in content
    assert f'href="{other_edit}"' not in content
    assert f'href="{other_add}"' not in content


def test_page_chooser_offers_only_own_cases_as_parents_for_updates(
    client, world, owner, other_staff
):
    someone_elses = CasePageFactory(parent=world["index"], owners=[other_staff])
    client.force_login(owner)

    response = client.get(
        reverse("wagtailadmin_choose_page_child", args=[world["index"].pk]),
        {"page_type": "cases.casepage", "user_perms": "add_subpage"},
    )

    choosable = {
        page.pk for page in response.context["pagination_page"] if page.can_choose
    }
    assert world["case"].pk in choosable
    assert someone_elses.pk not in choosable


def test_staff_add_permission_does_not_reach_into_other_cases(
    client, world, other_staff
):
    """A former owner who created an update cannot edit it once removed."""
    former = UserFactory(username="tidligere-eier")
    own_update = CaseUpdatePageFactory(
        parent=world["case"], slug="min-gamle", owner=former
    )
    client.force_login(former)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[own_update.pk]))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_any_staff_member_may_create_a_case_and_becomes_its_first_owner(
    client, case_index, other_staff
):
    client.force_login(other_staff)
    data = add_form_data(
        "cases",
        "casepage",
        case_index,
        **{
            "title": "Nytt bibliotek på Frogner",
            "summary": "Vi åpner et nytt bibliotek.",
            "case_owners-0-user": other_staff.pk,
        },
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cases", "casepage", case_index.pk]),
        data,
    )

    assert response.status_code == 302
    case = CasePage.objects.get(slug="nytt-bibliotek-pa-frogner")
    assert case.owner_users == [other_staff]
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[case.pk]))
    assert edit.status_code == 200


def test_the_create_form_starts_with_the_creator_as_owner(client, case_index):
    creator = UserFactory(username="ny", first_name="Nina", last_name="Ny")
    client.force_login(creator)

    response = client.get(
        reverse("wagtailadmin_pages:add", args=["cases", "casepage", case_index.pk])
    )

    formset = response.context["form"].formsets["case_owners"]
    assert [form.initial.get("user") for form in formset.forms] == [creator.pk]


def test_staff_cannot_create_a_case_without_being_an_owner(
    client, case_index, other_staff, owner
):
    client.force_login(other_staff)
    data = add_form_data(
        "cases",
        "casepage",
        case_index,
        **{
            "title": "Sak for andre",
            "slug": "sak-for-andre",
            "summary": "Oppsummering.",
            "case_owners-0-user": owner.pk,
        },
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cases", "casepage", case_index.pk]),
        data,
    )

    assert response.status_code == 200
    assert "Du blir første eier" in response.content.decode()
    assert not CasePage.objects.filter(slug="sak-for-andre").exists()


def test_a_new_case_list_is_open_to_staff(client, home_page):
    superuser = UserFactory(username="admin", is_superuser=True)
    client.force_login(superuser)
    data = add_form_data(
        "cases", "caseindexpage", home_page, title="Saker i helse", slug="helse"
    )

    client.post(
        reverse(
            "wagtailadmin_pages:add", args=["cases", "caseindexpage", home_page.pk]
        ),
        data,
    )

    index = CaseIndexPage.objects.get(slug="helse")
    assert index.group_permissions.filter(
        group__name=STAFF, permission__codename="add_page"
    ).exists()
    staff = UserFactory(username="ansatt")
    assert index.permissions_for_user(staff).can_add_subpage()


def test_anonymous_visitors_are_sent_to_login_from_case_pages(client, world):
    for url in [world["index"].url, world["case"].url, reverse("cases:my_cases")]:
        response = client.get(url)

        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_staff_may_create_and_publish_an_assessed_case_in_one_step(
    client, case_index, other_staff
):
    client.force_login(other_staff)
    data = add_form_data(
        "cases",
        "casepage",
        case_index,
        **{
            "title": "Nytt bibliotek på Frogner",
            "summary": "Vi åpner et nytt bibliotek.",
            "unit": UnitFactory().pk,
            "communication_need": "none",
            "case_owners-0-user": other_staff.pk,
            "action-publish": "action-publish",
        },
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cases", "casepage", case_index.pk]),
        data,
    )

    assert response.status_code == 302
    assert CasePage.objects.get(slug="nytt-bibliotek-pa-frogner").live


def test_a_case_object_kept_through_a_request_answers_anew_once_ownership_changed(
    case_index,
):
    """Each case and update keeps its permission answers for the person (the
    explorer asks each row up to ten times), until the person's ownership of
    cases is read again."""
    from cases.models import CaseOwner
    from cases.permissions import forget_owned_cases

    person = UserFactory(username="ny-eier", groups=[STAFF])
    case = CasePageFactory(parent=case_index, title="Ny gangbru")
    update = CaseUpdatePageFactory(parent=case, title="Bygging starter")
    assert not case.permissions_for_user(person).can_edit()
    assert not update.permissions_for_user(person).can_edit()

    CaseOwner.objects.create(case=case, user=person)
    forget_owned_cases(person)

    assert case.permissions_for_user(person).can_edit()
    assert update.permissions_for_user(person).can_edit()
    # Another person asking about the same object gets their own answer.
    stranger = UserFactory(username="fremmed", groups=[STAFF])
    assert not case.permissions_for_user(stranger).can_edit()
