from django.apps import AppConfig, apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_save,
)
from modelsearch import signal_handlers as wagtail_search
from wagtail.images import get_image_model
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
    get_page_models,
)

from intranet.core import page_access, services
from intranet.core.models import (
    ADMIN_MENU_SCOPE,
    DIRECTORY_SCOPE,
    PEOPLE_SCOPE,
    PICTURES_SCOPE,
    UNSCOPED,
    Competence,
    StaffProfile,
    Topic,
    Unit,
)
from intranet.core.roles import group_names_forget


def create_staff_profile(sender, instance, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        services.staff_profile_ensure(user=instance)


#: What a person is shown by in kept fragments (a case card's owners).
PERSON_SHOWN = ("first_name", "last_name", "username", "is_active")
_PERSON_STORED = "_intranet_person_stored"


def person_stored(
    sender, instance, update_fields=None, raw: bool = False, **kwargs
) -> None:
    """Before a person is saved: how they were shown, unless the save writes
    none of it (a login writes ``last_login`` alone)."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(PERSON_SHOWN):
        return
    stored = sender._default_manager.filter(pk=instance.pk).values(*PERSON_SHOWN)
    setattr(instance, _PERSON_STORED, stored.first() or {})


def person_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    stored = instance.__dict__.pop(_PERSON_STORED, None)
    if stored is None:
        return
    if any(getattr(instance, name) != value for name, value in stored.items()):
        services.content_version_bump(scopes=[PEOPLE_SCOPE, DIRECTORY_SCOPE])


def person_deleted(sender, instance, **kwargs) -> None:
    """A person deleted leaves the cases they owned (their ownership goes
    with them, without a publish)."""
    services.content_version_bump(scopes=[PEOPLE_SCOPE, DIRECTORY_SCOPE])


#: The fields of a profile a word may find its person by (a competence is
#: found unless the profile hides it).
DIRECTORY_FIELDS = frozenset({"user", "job_title", "hidden_fields"})


def directory_changed(
    sender, update_fields=None, raw: bool = False, action: str = "", **kwargs
) -> None:
    """A profile, a competence or the competences a profile names changed:
    whom a word finds among people may have changed (not when a save wrote
    other fields only, as a sign-in that moves a person's unit)."""
    if raw or (action and not action.startswith("post_")):
        return
    if update_fields is not None and not DIRECTORY_FIELDS & set(update_fields):
        return
    services.content_version_bump(scopes=[DIRECTORY_SCOPE])


#: What saving a draft writes on the page row (Wagtail's `save_revision`):
#: nothing a reader sees, nothing Wagtail's search indexes.
DRAFT_BOOKKEEPING = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
    }
)


def saved_draft_only(update_fields) -> bool:
    return update_fields is not None and frozenset(update_fields) <= DRAFT_BOOKKEEPING


#: Set on a page about to be saved: what its row held before
#: (``content_scope_fields``), which the change's scopes depend on.
_STORED = "_intranet_content_stored"


def content_stored(
    sender, instance, update_fields=None, raw: bool = False, **kwargs
) -> None:
    fields = getattr(sender, "content_scope_fields", ())
    if fields and instance.pk and not raw and not saved_draft_only(update_fields):
        stored = sender._default_manager.filter(pk=instance.pk).values(*fields)
        setattr(instance, _STORED, stored.first() or {})


def content_changed(
    sender, instance, update_fields=None, raw: bool = False, **kwargs
) -> None:
    """A page, a privacy setting, a unit, a topic or a picture was saved or
    deleted: the cached story lists and search counts may show it (not when a
    draft of a page was saved). A page model with ``content_scopes`` says
    which fragments can show it (see ContentVersion)."""
    stored = instance.__dict__.pop(_STORED, {})  # this save's, not a later one's
    if kwargs.get("created") and isinstance(instance, get_image_model()):
        # A picture just uploaded is on no page and in no list yet (a page
        # that shows it moves the version when it is published): people
        # upload pictures and profile photos all day.
        return
    if isinstance(instance, get_image_model()):
        # Every fragment may show it; the cards follow the pictures alone.
        services.content_version_bump(scopes=[UNSCOPED, PICTURES_SCOPE])
    elif not saved_draft_only(update_fields):
        # Data loaded as it is (a fixture, a restored dump) names no scope,
        # nor does a change to a model without scopes of its own.
        rule = None if raw else getattr(instance, "content_scopes", None)
        services.content_version_bump(scopes=rule(stored) if rule else ())


def page_saved_for_admin_search(sender, instance, update_fields=None, **kwargs):
    """Wagtail's own search index (the admin's page search) as Wagtail keeps
    it, but not after a draft is saved: Wagtail reads the page again from the
    database, where only the draft bookkeeping changed, and would write the
    same entry again (five queries on every save and publish)."""
    if not saved_draft_only(update_fields):
        wagtail_search.post_save_signal_handler(instance, **kwargs)


def refuse_stale_page_save(
    sender, instance, update_fields=None, raw: bool = False, **kwargs
) -> None:
    if not raw:
        services.page_stale_save_refuse(page=instance, update_fields=update_fields)


def access_changed(
    sender, instance=None, action: str = "", pk_set=None, **kwargs
) -> None:
    """A view restriction or a group membership changed during a request."""
    page_access.forget_denied_paths()
    if isinstance(instance, get_user_model()):
        group_names_forget(instance)
    if action.startswith("post_") and _changes_who_sees_what(sender, instance, pk_set):
        # Who may see what changed: what was counted or cached for the
        # people concerned (the unread count in the header) is read again.
        services.content_version_bump()


def _changes_who_sees_what(sender, instance, pk_set) -> bool:
    """Whether a change of memberships concerns a group that a view
    restriction lets in: only those decide who sees which page, and so what
    is kept for people (lists, counts, the unread count). A new colleague
    joining the staff group at their first login keeps everyone's front page.
    What is kept per person and role says so in its own key."""
    user_model = get_user_model()
    if sender is not user_model.groups.through:
        return True  # a restriction's groups changed
    if pk_set is None:
        return True  # all of a person's groups cleared: not named
    groups = pk_set if isinstance(instance, user_model) else {instance.pk}
    return PageViewRestriction.groups.through.objects.filter(
        group_id__in=groups
    ).exists()


def admin_menu_changed(sender, **kwargs) -> None:
    """Who may see which item of the admin's menu may have changed: the kept
    sidebars are built again (`admin_sidebar`)."""
    services.content_version_bump(scopes=[ADMIN_MENU_SCOPE])


def group_deleted(sender, instance, **kwargs) -> None:
    """A group was deleted: its members' memberships and the restrictions'
    references to it went with it, without a signal of their own."""
    page_access.forget_denied_paths()
    services.content_version_bump()


def sync_roles(sender: AppConfig, *, using: str, verbosity: int = 1, **kwargs) -> None:
    report = services.roles_sync_after_migrate(using=using)
    if report is not None and report.changed and verbosity >= 1:
        print(  # noqa: T201 - migrate's own output
            f"  Role rights: {report.granted} granted, {report.revoked} taken away."
        )


def connect() -> None:
    post_migrate.connect(
        sync_roles, sender=apps.get_app_config("core"), dispatch_uid="core.sync_roles"
    )
    post_save.connect(
        create_staff_profile,
        sender=get_user_model(),
        dispatch_uid="core.create_staff_profile",
    )
    pre_save.connect(
        person_stored, sender=get_user_model(), dispatch_uid="core.person_stored"
    )
    post_save.connect(
        person_changed, sender=get_user_model(), dispatch_uid="core.person_changed"
    )
    post_delete.connect(
        person_deleted, sender=get_user_model(), dispatch_uid="core.person_deleted"
    )
    for model in (StaffProfile, Competence):
        for signal in (post_save, post_delete):
            signal.connect(
                directory_changed,
                sender=model,
                dispatch_uid=f"core.directory_changed.{model._meta.label}",
            )
    m2m_changed.connect(
        directory_changed,
        sender=StaffProfile.competences.through,
        dispatch_uid="core.directory_changed.competences",
    )
    # Named senders only: a receiver for every model would stop Django from
    # deleting unrelated rows in bulk. Pages are saved under their own class.
    for model in [
        *get_page_models(),
        PageViewRestriction,
        Unit,
        Topic,
        get_image_model(),
    ]:
        for signal in (post_save, post_delete):
            signal.connect(
                content_changed,
                sender=model,
                dispatch_uid=f"core.content_changed.{model._meta.label}",
            )
        if getattr(model, "content_scope_fields", ()):
            pre_save.connect(
                content_stored,
                sender=model,
                dispatch_uid=f"core.content_stored.{model._meta.label}",
            )
    for signal in (post_save, post_delete):
        signal.connect(
            access_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"core.access_changed.{signal is post_save}",
        )
    post_delete.connect(group_deleted, sender=Group, dispatch_uid="core.group_deleted")
    for model in (GroupPagePermission, GroupCollectionPermission, Group):
        for signal in (post_save, post_delete):
            signal.connect(
                admin_menu_changed,
                sender=model,
                dispatch_uid=f"core.admin_menu_changed.{model._meta.label}",
            )
    user_model = get_user_model()
    for handler, through in (
        (access_changed, PageViewRestriction.groups.through),
        (access_changed, user_model.groups.through),
        (admin_menu_changed, Group.permissions.through),
        (admin_menu_changed, user_model.user_permissions.through),
    ):
        m2m_changed.connect(
            handler,
            sender=through,
            dispatch_uid=f"core.{handler.__name__}.{through._meta.label}",
        )
    for model in get_page_models():
        # Before wagtail.search connects its own receivers (its app is ready
        # after this one): it leaves out models marked like this.
        model.search_auto_update = False
        post_save.connect(
            page_saved_for_admin_search,
            sender=model,
            dispatch_uid=f"core.admin_search.{model._meta.label}",
        )
        post_delete.connect(
            wagtail_search.post_delete_signal_handler,
            sender=model,
            dispatch_uid=f"core.admin_search_delete.{model._meta.label}",
        )
        pre_save.connect(
            refuse_stale_page_save,
            sender=model,
            dispatch_uid=f"core.refuse_stale_page_save.{model._meta.label}",
        )
