"""The visibility matrix: what is restricted or unpublished never reaches a person
who may not see it, on any surface that lists, feeds, exports, searches,
suggests, plans or notifies; and what they may see reaches them.

One world, published through the services as an editor would (so the search
index, the annual plan and the notifications are made as in real life):

* a group "Barnevern" with a member and a colleague outside it, both following
  the topic, the unit and a search, so each has notifications;
* a public case with a public update and an update restricted to the group
  (restricted after it was published, so the outsider was told about it once);
* a case restricted to the group before it was published, with an update and a
  planned measure in the annual plan;
* a draft case and a draft update;
* a news article about the restricted case, and a restricted and a draft one;
* a document in a collection restricted to the group, beside a public one.

Each surface is read by the outsider and by the member. The outsider sees none
of the hidden markers; the member sees the restricted items the surface lists;
nobody sees a draft. Every surface also shows a public item to both, so a
surface that shows nothing at all (an error page) cannot pass.
"""

import datetime
import re
from dataclasses import dataclass, field

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cases import services as case_services
from cases.models import CasePage, CaseStatus
from intranet.core.models import Topic, Unit
from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from intranet.planning import services as planning_services
from intranet.planning.models import CommunicationActivity
from intranet.subscriptions import services as subscription_services
from intranet.subscriptions.models import Notification
from news import services as news_services
from tests.factories.cases import CaseIndexPageFactory
from tests.factories.core import UserFactory
from tests.factories.insights import StoryReadDayFactory
from tests.factories.subscriptions import follow

pytestmark = pytest.mark.django_db

# Markers: every hidden item carries one in its title (and its text).
SECRET_CASE = "HEMMELIG-SAK"
SECRET_UPDATE = "HEMMELIG-OPPDATERING"
SECRET_CASE_UPDATE = "HEMMELIG-REFERAT"
SECRET_MEASURE = "HEMMELIG-TILTAK"
SECRET_NEWS = "HEMMELIG-NYHET"
SECRET_DOCUMENT = "HEMMELIG-DOKUMENT"
DRAFT_CASE = "UTKAST-SAK"
DRAFT_UPDATE = "UTKAST-OPPDATERING"
DRAFT_NEWS = "UTKAST-NYHET"
HIDDEN = (
    SECRET_CASE,
    SECRET_UPDATE,
    SECRET_CASE_UPDATE,
    SECRET_MEASURE,
    SECRET_NEWS,
    SECRET_DOCUMENT,
    DRAFT_CASE,
    DRAFT_UPDATE,
    DRAFT_NEWS,
    "hemmelig innhold",  # the restricted document's file content
)
DRAFTS = (DRAFT_CASE, DRAFT_UPDATE, DRAFT_NEWS)

OPEN_CASE = "ÅPEN-SAK"
OPEN_UPDATE = "ÅPEN-OPPDATERING"
QUIET_CASE = "STILLE-SAK"
OPEN_MEASURE = "ÅPENT-TILTAK"
ARTICLE = "NYHET-OM-SAKEN"
OPEN_DOCUMENT = "ÅPENT-DOKUMENT"
WORD = "fosterhjem"  # in every page's text, and a followed search

TODAY = timezone.localdate()
PLANNED = TODAY + datetime.timedelta(days=3)
LONG_AGO = timezone.now() - datetime.timedelta(days=100)


@pytest.fixture(autouse=True)
def _database_search(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_BACKEND = ""


def restrict(page, group: Group) -> None:
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([group])


@pytest.fixture
def world(home_page):
    group = Group.objects.create(name="Barnevern")
    member = UserFactory(username="mia.medlem", first_name="Mia", last_name="Medlem")
    member.groups.add(group)
    outsider = UserFactory(
        username="ulf.utenfor", first_name="Ulf", last_name="Utenfor"
    )
    owner = UserFactory(username="eva.eier", first_name="Eva", last_name="Eier")
    author = UserFactory(username="hilde.strand", groups=[STAFF, EDITORS])
    sector = Unit.objects.create(name="Oppvekst", slug="oppvekst")
    unit = Unit.objects.create(
        name="Barnevernstjenesten", slug="barnevernet", parent=sector
    )
    topic = Topic.objects.create(name="Barnevern", slug="barnevern")
    for person in (member, outsider):
        follow(person, topic="barnevern", name="Temaet")
        follow(person, unit="barnevernet", name="Enheten")
        follow(person, q=WORD, name="Søket")

    index = CaseIndexPageFactory(parent=home_page, title="Saker", slug="saker")
    story = {
        "unit": unit,
        "topics": [topic],
        "positioning_themes": ["innovation"],
        "nomination_text": "Viser nyskaping.",
    }

    def case(title: str, *, owners=(owner,), publish=True, **fields):
        return case_services.case_create(
            index=index,
            title=f"{title} om {WORD}",
            owners=list(owners),
            summary=f"{title}: om {WORD}",
            unit=unit,
            topics=[topic],
            communication_need="none",
            status=CaseStatus.ONGOING,
            publish=publish,
            **fields,
        )

    def update(parent, title: str, *, publish=True, when=None):
        return case_services.case_update_create(
            case=parent,
            title=f"{title} om {WORD}",
            intro=f"{title}: nytt om {WORD}",
            author=owner,
            publication_date=when or timezone.now(),
            publish=publish,
            **story,
        )

    open_case = case(
        OPEN_CASE,
        planned_measures=[
            {
                "title": OPEN_MEASURE,
                "planned_date": PLANNED,
                "channel": "website",
                "audience": "citizens",
            }
        ],
    )
    update(open_case, OPEN_UPDATE)
    secret_update = update(open_case, SECRET_UPDATE)
    # Restricted after it went out, as when an editor closes it afterwards.
    restrict(secret_update, group)

    # Restricted before it is published, as in the editor's privacy setting.
    secret_case = case(
        SECRET_CASE,
        owners=(owner, member),
        publish=False,
        planned_measures=[
            {
                "title": SECRET_MEASURE,
                "planned_date": PLANNED,
                "channel": "website",
                "audience": "citizens",
                "description": f"{SECRET_MEASURE}: beskrivelse",
            }
        ],
    )
    restrict(secret_case, group)
    case_services.case_publish(case=secret_case, user=owner)
    # Its only update is old, so the case is among those gone quiet.
    update(CasePage.objects.get(pk=secret_case.pk), SECRET_CASE_UPDATE, when=LONG_AGO)
    quiet_case = case(QUIET_CASE)

    draft_case = case(DRAFT_CASE, publish=False)
    draft_update = update(open_case, DRAFT_UPDATE, publish=False)
    CasePage.objects.filter(pk__in=[quiet_case.pk, secret_case.pk]).update(
        first_published_at=LONG_AGO
    )

    news_index = news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )

    def article(title: str, **fields):
        return news_services.news_article_create(
            index=news_index,
            title=f"{title} om {WORD}",
            intro=f"{title}: nyheter om {WORD}",
            owner=author,
            **story,
            **fields,
        )

    the_article = article(ARTICLE, related_case=secret_case)
    secret_news = article(SECRET_NEWS)
    restrict(secret_news, group)
    article(DRAFT_NEWS, publish=False)

    # The measures' activities: the outsider is put on both by the team.
    activities = {
        activity.title: activity
        for activity in CommunicationActivity.objects.filter(
            title__in=[OPEN_MEASURE, SECRET_MEASURE]
        )
    }
    for activity in activities.values():
        activity.owners.add(outsider, member)

    for page in (open_case, secret_update, secret_case):
        StoryReadDayFactory(page=page, readers=5)

    root = Collection.get_first_root_node()
    closed = root.add_child(name="Barnevern")
    restriction = CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    documents = get_document_model().objects
    secret_document = documents.create(
        title=SECRET_DOCUMENT,
        collection=closed,
        file=ContentFile(b"hemmelig innhold", name="hemmelig.txt"),
    )
    open_document = documents.create(
        title=OPEN_DOCUMENT,
        collection=root,
        file=ContentFile(b"apent innhold", name="apent.txt"),
    )
    return World(
        group=group,
        member=member,
        outsider=outsider,
        index=index,
        open_case=open_case,
        secret_case=secret_case,
        draft_case=draft_case,
        draft_update=draft_update,
        article=the_article,
        activities=activities,
        secret_document=secret_document,
        open_document=open_document,
    )


@dataclass
class World:
    group: Group
    member: object
    outsider: object
    index: object
    open_case: object
    secret_case: object
    draft_case: object
    draft_update: object
    article: object
    activities: dict
    secret_document: object
    open_document: object
    tokens: dict = field(default_factory=dict)


def body(response) -> str:
    if response.get("Content-Type", "").startswith("application/json"):
        return str(response.json())
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode(errors="replace")


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return body(response)


def section(html: str, start: str, end: str) -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


# Surfaces --------------------------------------------------------------------
# Each reads, as the logged-in person, the text that person sees.


def feed_titles(client, url: str) -> str:
    parsed = feedparser.parse(client.get(url).content)
    assert not parsed.bozo, url
    return " | ".join(f"{e.title} {e.get('summary', '')}" for e in parsed.entries)


def personal_feed(client, world, user) -> str:
    token = subscription_services.feed_token_regenerate(user=user).token
    return feed_titles(client, f"/abonnementer/feed/{token}/")


def subscription_feed(client, world, user) -> str:
    token = subscription_services.feed_token_regenerate(user=user).token
    followed = user.subscriptions.get(name="Temaet")
    return feed_titles(client, f"/abonnementer/feed/{token}/{followed.pk}/")


def inbox(client, world, user) -> str:
    return section(page(client, "/varsler/"), "<main", "</main>")


def unread_badge(client, world, user) -> str:
    """The titles the badge counts: those of the person's unread notifications
    they may see, once the badge shows exactly that many."""
    shown = re.search(r'class="badge">(\d+)<', page(client, "/varsler/"))
    count = int(shown.group(1)) if shown else 0
    hidden = HIDDEN if user == world.outsider else DRAFTS
    may_see = [
        title
        for title in Notification.objects.filter(user=user, read_at=None)
        .order_by("title")
        .values_list("title", flat=True)
        if not any(marker in title for marker in hidden)
    ]
    assert count == len(may_see), (count, may_see)
    return " | ".join(may_see)


def for_you(client, world, user) -> str:
    return section(page(client, "/"), 'class="for-you"', "</section>")


def front_page_stories(client, world, user) -> str:
    html = page(client, "/")
    return html.replace(for_you(client, world, user), "")


def personal_ical(client, world, user) -> str:
    token = planning_services.calendar_token_regenerate(user=user).token
    return page(client, f"/arshjul/ical/{token}.ics").replace("\r\n ", "")


def activity_page(client, world, user) -> str:
    activity = world.activities[SECRET_MEASURE]
    response = client.get(f"/arshjul/tiltak/{activity.pk}/")
    assert response.status_code in (200, 404)
    public = page(client, f"/arshjul/tiltak/{world.activities[OPEN_MEASURE].pk}/")
    return body(response) + public


def activity_ics(client, world, user) -> str:
    activity = world.activities[SECRET_MEASURE]
    response = client.get(f"/arshjul/tiltak/{activity.pk}/kalender.ics")
    assert response.status_code in (200, 404)
    public = page(
        client, f"/arshjul/tiltak/{world.activities[OPEN_MEASURE].pk}/kalender.ics"
    )
    return (body(response) + public).replace("\r\n ", "")


def document_download(kind: str):
    def read(client, world, user) -> str:
        texts = []
        for document in (world.secret_document, world.open_document):
            url = document.url if kind == "serve" else f"/media/{document.file.name}"
            texts.append(body(client.get(url, follow=True)))
        return " | ".join(texts)

    return read


def url(address, **params):
    def read(client, world, user) -> str:
        where = address(world) if callable(address) else address
        return page(client, where, **params)

    return read


def case_search(which: str):
    def read(client, world, user) -> str:
        return page(client, "/sok/", case=str(getattr(world, which).pk))

    return read


def admin_json(address):
    def read(client, world, user) -> str:
        response = client.get(address(world) if callable(address) else address)
        assert response.status_code == 200
        return body(response)

    return read


@dataclass(frozen=True)
class Surface:
    read: object
    #: What the member must see there (restricted items it lists).
    member_sees: tuple[str, ...]
    #: What everyone sees there (a public item it lists).
    everyone_sees: tuple[str, ...]
    #: Read by the communication team (in and outside the group).
    team: bool = False


ALL_STORIES = (SECRET_CASE, SECRET_UPDATE, SECRET_CASE_UPDATE)
ANNUAL_PLAN = (SECRET_MEASURE,)
# Subscribers are told about stories (news and case updates), not about cases.
TOLD = (SECRET_UPDATE, SECRET_CASE_UPDATE, SECRET_NEWS)

SURFACES = {
    # Case lists and pages
    "case list": Surface(url("/saker/"), (SECRET_CASE,), (OPEN_CASE,)),
    "case list search": Surface(url("/saker/", q=WORD), (SECRET_CASE,), (OPEN_CASE,)),
    "case timeline": Surface(
        url(lambda w: w.open_case.url), (SECRET_UPDATE,), (OPEN_UPDATE,)
    ),
    "article case line": Surface(
        url(lambda w: w.article.url), (SECRET_CASE,), (ARTICLE,)
    ),
    "my cases": Surface(url("/mine-saker/"), (SECRET_CASE,), ()),
    # Search, its facets and its case filter
    "search": Surface(url("/sok/", q=WORD), ALL_STORIES, (OPEN_CASE, OPEN_UPDATE)),
    "search unit facet": Surface(
        url("/sok/", unit="barnevernet"), ALL_STORIES, (OPEN_CASE, OPEN_UPDATE)
    ),
    "search topic facet": Surface(
        url("/sok/", topic="barnevern"), ALL_STORIES, (OPEN_CASE, OPEN_UPDATE)
    ),
    "search type facet": Surface(
        url("/sok/", type="case"), (SECRET_CASE,), (OPEN_CASE,)
    ),
    "search restricted case": Surface(
        case_search("secret_case"), (SECRET_CASE, SECRET_CASE_UPDATE), ()
    ),
    "search public case": Surface(
        case_search("open_case"), (SECRET_UPDATE,), (OPEN_UPDATE,)
    ),
    "search draft case": Surface(case_search("draft_case"), (), ()),
    "search draft update": Surface(case_search("draft_update"), (), ()),
    # Follow pages, front page, showcase
    "person page": Surface(
        url("/personer/eva.eier/"), ALL_STORIES, (OPEN_CASE, OPEN_UPDATE)
    ),
    "topic page": Surface(url("/tema/barnevern/"), ALL_STORIES, (OPEN_UPDATE,)),
    "unit page": Surface(url("/enhet/barnevernet/"), ALL_STORIES, (OPEN_UPDATE,)),
    # The front page's story lists are shared by everyone: public only.
    "front page": Surface(front_page_stories, (), (OPEN_UPDATE,)),
    "showcase": Surface(url("/vi-viser-det/"), (SECRET_UPDATE,), (OPEN_UPDATE,)),
    # News feeds are public only (they are read by feed readers).
    "news feed": Surface(
        lambda c, w, u: feed_titles(c, "/nyheter/feed/"), (), (ARTICLE,)
    ),
    "topic news feed": Surface(
        lambda c, w, u: feed_titles(c, "/nyheter/feed/emne/barnevern/"), (), (ARTICLE,)
    ),
    "unit news feed": Surface(
        lambda c, w, u: feed_titles(c, "/nyheter/feed/enhet/barnevernet/"),
        (),
        (ARTICLE,),
    ),
    # Notifications
    "personal feed": Surface(personal_feed, TOLD, (OPEN_UPDATE,)),
    "subscription feed": Surface(subscription_feed, TOLD, (OPEN_UPDATE,)),
    "inbox": Surface(inbox, TOLD, (OPEN_UPDATE,)),
    "unread badge": Surface(unread_badge, TOLD, (OPEN_UPDATE,)),
    "for you": Surface(for_you, (SECRET_UPDATE,), ()),
    # The annual plan
    "annual plan year": Surface(
        url(f"/arshjul/{PLANNED.year}/"), ANNUAL_PLAN, (OPEN_MEASURE,)
    ),
    "annual plan month": Surface(
        url(f"/arshjul/{PLANNED.year}/{PLANNED.month}/"), ANNUAL_PLAN, (OPEN_MEASURE,)
    ),
    "annual plan agenda": Surface(
        url("/arshjul/agenda/", fra=TODAY.isoformat()), ANNUAL_PLAN, (OPEN_MEASURE,)
    ),
    "my activities": Surface(url("/arshjul/mine/"), ANNUAL_PLAN, (OPEN_MEASURE,)),
    "personal ical": Surface(personal_ical, ANNUAL_PLAN, (OPEN_MEASURE,)),
    "activity page": Surface(
        activity_page, (SECRET_MEASURE, SECRET_UPDATE), (OPEN_MEASURE, OPEN_UPDATE)
    ),
    "activity ics": Surface(activity_ics, ANNUAL_PLAN, (OPEN_MEASURE,)),
    # The quick-add form no longer lists cases (a case is typed, not chosen from
    # thousands): tests/planning/test_visibility.py checks that typing a restricted
    # case's title or number finds nothing for a person outside it.
    # Insights, for the communication team
    "insights dashboard": Surface(
        url("/admin/innsikt/"), (SECRET_CASE, SECRET_UPDATE), (OPEN_CASE,), team=True
    ),
    "insights csv stale cases": Surface(
        url("/admin/innsikt/csv/saker-uten-oppdatering/"),
        (SECRET_CASE,),
        (QUIET_CASE,),
        team=True,
    ),
    "insights csv most read": Surface(
        url("/admin/innsikt/csv/mest-lest/"),
        (SECRET_UPDATE,),
        (OPEN_CASE,),
        team=True,
    ),
    # The admin, for staff without edit rights
    "admin explorer": Surface(
        url(lambda w: f"/admin/pages/{w.index.pk}/"), (SECRET_CASE,), (OPEN_CASE,)
    ),
    "admin explorer case": Surface(
        url(lambda w: f"/admin/pages/{w.open_case.pk}/"),
        (SECRET_UPDATE,),
        (OPEN_UPDATE,),
    ),
    "admin page search": Surface(
        url("/admin/pages/search/", q=WORD),
        ALL_STORIES,
        (OPEN_CASE, OPEN_UPDATE),
    ),
    "admin page chooser": Surface(
        url(lambda w: f"/admin/choose-page/{w.index.pk}/"), (SECRET_CASE,), (OPEN_CASE,)
    ),
    "admin page chooser search": Surface(
        url("/admin/choose-page/search/", q=WORD), ALL_STORIES, (OPEN_CASE,)
    ),
    "admin API": Surface(
        admin_json(lambda w: f"/admin/api/main/pages/?search={WORD}"),
        ALL_STORIES,
        (OPEN_CASE,),
    ),
    "admin site history": Surface(
        url("/admin/reports/site-history/"), (SECRET_UPDATE,), (OPEN_UPDATE,)
    ),
    "admin document chooser": Surface(
        url("/admin/documents/chooser/"), (SECRET_DOCUMENT,), (OPEN_DOCUMENT,)
    ),
    "admin document chooser search": Surface(
        url("/admin/documents/chooser/results/", q="DOKUMENT"),
        (SECRET_DOCUMENT,),
        (OPEN_DOCUMENT,),
    ),
    # Documents themselves
    "document download": Surface(
        document_download("serve"), ("hemmelig innhold",), ("apent innhold",)
    ),
    "document upload path": Surface(
        document_download("media"), ("hemmelig innhold",), ("apent innhold",)
    ),
}


def people(world, surface: Surface) -> tuple:
    if not surface.team:
        return world.outsider, world.member
    outsider = UserFactory(username="komm.ute", groups=[STAFF, COMMUNICATION])
    member = UserFactory(username="komm.inne", groups=[STAFF, COMMUNICATION])
    member.groups.add(world.group)
    return outsider, member


@pytest.mark.parametrize("name", SURFACES)
def test_hidden_items_reach_only_those_who_may_see_them(client, world, name):
    surface = SURFACES[name]
    outsider, member = people(world, surface)

    client.force_login(outsider)
    outside = surface.read(client, world, outsider)
    client.force_login(member)
    inside = surface.read(client, world, member)

    for marker in surface.everyone_sees:
        assert marker in outside, f"{name}: the outsider misses {marker}"
        assert marker in inside, f"{name}: the member misses {marker}"
    leaked = [marker for marker in HIDDEN if marker in outside]
    assert not leaked, f"{name}: the outsider sees {leaked}"
    for marker in surface.member_sees:
        assert marker in inside, f"{name}: the member misses {marker}"
    drafts = [marker for marker in DRAFTS if marker in inside]
    assert not drafts, f"{name}: the member sees drafts {drafts}"


def search_counts(client, user, **params) -> tuple[int, list[int]]:
    client.force_login(user)
    html = page(client, "/sok/", **params)
    total = re.search(r"av (\d+) treff", html)
    facets = re.findall(r'facet__count">\((\d+)', html)
    return int(total.group(1)) if total else 0, [int(count) for count in facets]


@pytest.mark.parametrize(
    "params", [{"q": WORD}, {"topic": "barnevern"}, {"unit": "barnevernet"}]
)
def test_search_counts_only_what_the_person_may_see(client, world, params):
    # Visible to all: the two public cases, the public update and the article.
    # The member also has the restricted case, both restricted updates and
    # the restricted article; nobody has a draft.
    outside, outside_facets = search_counts(client, world.outsider, **params)
    inside, inside_facets = search_counts(client, world.member, **params)

    assert (outside, inside) == (4, 8)
    assert outside_facets and max(outside_facets) <= outside
    assert max(inside_facets) == inside
