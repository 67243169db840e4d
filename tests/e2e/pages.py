"""Every page the browser checks visit: (name, demo user or None, path).

A path is a string, or a callable returning one for pages whose address comes from
the seeded data. New pages join this list; the accessibility and HTML validity
checks then cover them automatically.
"""

from collections.abc import Callable


def first_live(model_path: str) -> Callable[[], str]:
    def resolve() -> str:
        from django.apps import apps

        model = apps.get_model(model_path)
        return model.objects.live().public().order_by("-pk").first().url

    return resolve


def this_year(path: str) -> Callable[[], str]:
    def resolve() -> str:
        from django.utils import timezone

        return path.format(year=timezone.localdate().year)

    return resolve


def gallery_story() -> str:
    from news.models import NewsPage

    return NewsPage.objects.get(title="Kulturskolen fyller 40 år").url


def first_activity() -> str:
    from intranet.planning.models import CommunicationActivity

    return CommunicationActivity.objects.order_by("pk").first().get_absolute_url()


def open_pulse_survey() -> str:
    from django.utils import timezone

    from intranet.insights.models import PulseSurvey

    now = timezone.now()
    survey = PulseSurvey.objects.filter(opens_at__lte=now, closes_at__gt=now).first()
    return f"/puls/{survey.pk}/"


def _own_case(username: str):
    from cases.models import CaseOwner

    return (
        CaseOwner.objects.filter(user__username=username, case__live=True)
        .order_by("case__path")
        .first()
        .case
    )


def composer_new_update() -> str:
    return f"/skriv/sak/{_own_case('kari.nordmann').pk}/oppdatering/"


def _own_update():
    from cases.models import CaseUpdatePage

    return CaseUpdatePage.objects.child_of(_own_case("kari.nordmann")).live().first()


def composer_waiting_for_review() -> str:
    """Kari's unit asks for review: her new update waits for the leader."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from cases.models import ReviewBy, UnitReview
    from cases.services import case_update_create

    case = _own_case("kari.nordmann")
    UnitReview.objects.get_or_create(
        unit=case.unit, defaults={"approved_by": ReviewBy.COMMUNICATION}
    )
    update = case_update_create(
        case=case,
        title="Nytt vaktsystem prøves ut",
        intro="Fra mandag prøver vi et nytt vaktsystem på to avdelinger.",
        author=get_user_model().objects.get(username="kari.nordmann"),
        publication_date=timezone.now(),
    )
    return f"/skriv/{update.pk}/"


def composer_edit() -> str:
    return f"/skriv/{_own_update().pk}/"


def composer_unpublish() -> str:
    return f"/skriv/{_own_update().pk}/avpubliser/"


def freshness_review() -> str:
    """Hilde Strand, an editor, may confirm or archive any article."""
    from news.models import NewsPage

    return f"/aktualitet/side/{NewsPage.objects.live().order_by('pk').first().pk}/"


def freshness_case() -> str:
    return f"/aktualitet/sak/{_own_case('kari.nordmann').pk}/"


def _must_read_story():
    from news.models import NewsPage

    return (
        NewsPage.objects.live()
        .public()
        .filter(must_read_until__isnull=False, must_read_everyone=True)
        .order_by("pk")
        .first()
    )


def must_read_story() -> str:
    return _must_read_story().url


def must_read_completion() -> str:
    return f"/ma-leses/{_must_read_story().pk}/"


def _shareable_promotion_id() -> int:
    """A story colleagues may share (the demo approves and publishes some)."""
    from intranet.promotion import selectors

    return selectors.public_promotions().first().pk


def share_page() -> str:
    return f"/vi-viser-det/del/{_shareable_promotion_id()}/"


def share_texts_page() -> str:
    return f"/admin/formidling/{_shareable_promotion_id()}/deling/"


PAGES = [
    ("login", None, "/logg-inn/"),
    ("front page", "kari.nordmann", "/"),
    ("front page, only for me", "kari.nordmann", "/?bare=meg"),
    ("not found", "kari.nordmann", "/finnes-ikke/"),
    ("news listing", "kari.nordmann", "/nyheter/"),
    ("news listing filtered", "kari.nordmann", "/nyheter/?year=2026&topic=skole"),
    ("news article", "kari.nordmann", first_live("news.NewsPage")),
    ("news article with a gallery", "kari.nordmann", gallery_story),
    ("case list", "kari.nordmann", "/saker/"),
    ("case list filtered", "kari.nordmann", "/saker/?status=ongoing&q=digital"),
    ("case page", "kari.nordmann", first_live("cases.CasePage")),
    ("case update", "kari.nordmann", first_live("cases.CaseUpdatePage")),
    ("my cases", "kari.nordmann", "/mine-saker/"),
    ("composer: new update", "kari.nordmann", composer_new_update),
    (
        "composer: update waiting for review",
        "kari.nordmann",
        composer_waiting_for_review,
    ),
    ("composer: edit update", "kari.nordmann", composer_edit),
    ("composer: unpublish", "kari.nordmann", composer_unpublish),
    ("composer: write news", "hilde.strand", "/skriv/nyhet/"),
    ("search start", "kari.nordmann", "/sok/"),
    ("search results", "kari.nordmann", "/sok/?q=barnehagene"),
    ("search with facets", "kari.nordmann", "/sok/?q=skole&type=news&type=case_update"),
    ("search no hits", "kari.nordmann", "/sok/?q=finnesikkeiintranettet"),
    ("showcase", "kari.nordmann", "/vi-viser-det/"),
    ("showcase filtered", "kari.nordmann", "/vi-viser-det/?theme=innovation"),
    ("my subscriptions", "kari.nordmann", "/abonnementer/"),
    ("notifications", "kari.nordmann", "/varsler/"),
    ("topic page", "kari.nordmann", "/tema/skole/"),
    ("unit page", "kari.nordmann", "/enhet/oppvekst-og-utdanning/"),
    ("person page", "kari.nordmann", "/personer/kari.nordmann/"),
    ("person page of a colleague", "kari.nordmann", "/personer/hilde.strand/"),
    ("own profile edit", "kari.nordmann", "/personer/meg/endre/"),
    # Only the communication team and unit leaders may open it; silje.aas is in the
    # communication team.
    ("profile correction", "silje.aas", "/personer/kari.nordmann/korriger/"),
    ("directory", "kari.nordmann", "/personer/"),
    ("units", "kari.nordmann", "/enheter/"),
    (
        "directory filtered",
        "kari.nordmann",
        "/personer/?q=a&bokstav=S&enhet=finnes-ikke",
    ),
    ("year plan", "kari.nordmann", "/arshjul/"),
    ("year plan filtered", "silje.aas", "/arshjul/?channel=press&unit=finnes-ikke"),
    ("month plan", "kari.nordmann", this_year("/arshjul/{year}/9/")),
    ("agenda", "kari.nordmann", this_year("/arshjul/agenda/?fra={year}-01-01")),
    ("my activities", "kari.nordmann", "/arshjul/mine/"),
    ("activity page", "kari.nordmann", first_activity),
    ("activity quick-add", "silje.aas", "/arshjul/ny/"),
    ("pulse survey", "kari.nordmann", open_pulse_survey),
    ("freshness: is this still correct?", "hilde.strand", freshness_review),
    ("freshness: quiet case", "kari.nordmann", freshness_case),
    # The communication team's overview of what is overdue; silje.aas is in it.
    ("freshness overview", "silje.aas", "/aktualitet/"),
    ("pulse survey missing", "kari.nordmann", "/puls/999999/"),
    ("page feedback", "kari.nordmann", "/tilbakemelding/?side=/nyheter/"),
    ("feedback on my pages", "kari.nordmann", "/tilbakemelding/mine/"),
    ("must-read story", "kari.nordmann", must_read_story),
    # Authors and the communication team (silje.aas is in it) see completion.
    ("must-read completion", "silje.aas", must_read_completion),
    ("must-read overview", "silje.aas", "/ma-leses/"),
    # Only the communication team and superusers may open it.
    ("page feedback overview", "silje.aas", "/admin/tilbakemeldinger/"),
    # The promotion board with the radar's suggestions (the demo trains it).
    ("promotion board", "silje.aas", "/admin/formidling/tavle/"),
    # A story's sharing page, for every colleague, and the team's texts for it.
    ("share page", "kari.nordmann", share_page),
    ("suggested texts for sharing", "silje.aas", share_texts_page),
    # A shared link whose story is gone, as someone outside sees it.
    ("shared link no longer available", None, "/ekstern/lenke/0/facebook/"),
    # What the service worker shows for a page never read when the network is gone.
    ("offline page", "kari.nordmann", "/frakoblet/"),
    # A number too large for SQLite: the Norwegian "bad request" page there.
    ("bad request", "kari.nordmann", "/arshjul/?case=99999999999999999999"),
]


def resolve(path: str | Callable[[], str]) -> str:
    return path() if callable(path) else path
