"""The positioning radar: the team's "Radaren foreslår" column, its two
buttons, the nightly training and the composer's question after publishing."""

import io
import json
import math
import zlib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from intranet.core.roles import COMMUNICATION, EDITORS, STAFF
from intranet.promotion import radar
from intranet.promotion.models import (
    Promotion,
    PromotionEvent,
    PromotionStatus,
    RadarDismissal,
    RadarModel,
    RadarScore,
)
from intranet.subscriptions.models import Notification, NotificationKind
from news import services as news_services
from news.models import NewsPage
from tests.composer.helpers import composer_form
from tests.factories.core import UserFactory, publish
from tests.factories.news import NewsPageFactory
from tests.factories.promotion import PromotionFactory
from tests.promotion.radar_examples import (
    COMPETENCE_EXAMPLES,
    INNOVATION_EXAMPLES,
    NEITHER_EXAMPLES,
    Example,
)

pytestmark = pytest.mark.django_db

BOARD = "/admin/formidling/tavle/"
# Not among the examples the radar learns from in these tests.
LOOKS_INNOVATIVE = INNOVATION_EXAMPLES[16]  # welfare technology lets Per stay home
LOOKS_PLAIN = NEITHER_EXAMPLES[12]  # the school office moves
# Written after the training, in the composer.
NEW_AND_INNOVATIVE = INNOVATION_EXAMPLES[19]  # the first innovation partnership
HINT = "Dette kan være et eksempel på nyskaping — vil du merke det?"


def story(example: Example, *, themed: bool = True, **fields) -> NewsPage:
    return NewsPageFactory(
        title=example.title,
        intro=example.text.split(". ")[0] + ".",
        body=[("paragraph", f"<p>{example.text}</p>")],
        positioning_themes=example.themes if themed else [],
        nomination_text="Dette viser det vi vil være kjent for." if themed else "",
        **fields,
    )


@pytest.fixture
def author(db):
    return UserFactory(
        username="forfatter",
        first_name="Frida",
        last_name="Fjeld",
        groups=[STAFF, EDITORS],
    )


@pytest.fixture
def news_index(home_page):
    return news_services.news_index_create(
        parent=home_page, title="Nyheter", slug="nyheter"
    )


@pytest.fixture
def examples(news_index):
    """What the team has marked so far, and the rest of the intranet."""
    learnt = [ex for ex in INNOVATION_EXAMPLES if ex is not LOOKS_INNOVATIVE][:14]
    for example in [*learnt, *COMPETENCE_EXAMPLES[:12]]:
        story(example)
    return [story(example) for example in NEITHER_EXAMPLES]


@pytest.fixture
def unthemed(examples, author):
    """A story without a theme that reads like an example of innovation."""
    return story(LOOKS_INNOVATIVE, themed=False, owner=author)


def train() -> str:
    out = io.StringIO()
    call_command("radar_train", stdout=out)
    return out.getvalue()


def radar_column(response) -> BeautifulSoup:
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find("section", attrs={"aria-labelledby": "column-radar"})


def suggested_titles(column) -> list[str]:
    return [item.a.get_text() for item in column.select("ol > li") if item.a]


def candidate_url(page) -> str:
    return reverse("promotion_admin:radar-candidate", args=[page.pk])


def dismiss_url(page) -> str:
    return reverse("promotion_admin:radar-dismiss", args=[page.pk])


def test_a_story_that_reads_like_innovation_is_suggested_with_its_words(
    team_client, unthemed
):
    train()

    column = radar_column(team_client.get(BOARD))

    assert column.h2.get_text() == "Radaren foreslår"
    titles = suggested_titles(column)
    assert titles[0] == unthemed.title
    assert LOOKS_PLAIN.title not in titles
    first = column.select_one("ol > li").get_text(" ", strip=True)
    assert "Nyskaping:" in first
    words = first.split("Ord som veide tyngst:")[1].split("Forfatter")[0]
    found = [word.strip() for word in words.split(",")]
    assert found and all(
        word in unthemed.title.lower() + LOOKS_INNOVATIVE.text.lower() for word in found
    )
    assert "Frida Fjeld" in first


def test_stories_with_a_theme_are_never_suggested(team_client, examples, unthemed):
    train()

    titles = suggested_titles(radar_column(team_client.get(BOARD)))

    themed = set(
        NewsPage.objects.exclude(positioning_themes=[]).values_list("title", flat=True)
    )
    assert titles and not themed & set(titles)


def test_a_restricted_story_is_only_suggested_to_those_who_may_see_it(
    client, team_member, unthemed
):
    insiders = Group.objects.create(name="Omstilling")
    restriction = PageViewRestriction.objects.create(
        page=unthemed, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([insiders])
    insider = UserFactory(username="innsider", groups=[STAFF, COMMUNICATION])
    insider.groups.add(insiders)
    train()

    client.force_login(team_member)
    assert unthemed.title not in suggested_titles(radar_column(client.get(BOARD)))
    assert client.post(candidate_url(unthemed)).status_code == 404
    assert client.post(dismiss_url(unthemed)).status_code == 404
    assert not Promotion.objects.exists() and not RadarDismissal.objects.exists()

    client.force_login(insider)
    assert unthemed.title in suggested_titles(radar_column(client.get(BOARD)))


def test_an_unpublished_story_is_not_suggested(team_client, unthemed):
    train()
    unthemed.unpublish()

    assert unthemed.title not in suggested_titles(radar_column(team_client.get(BOARD)))


def test_making_it_a_candidate_asks_the_author_why(team_client, team_member, unthemed):
    train()

    response = team_client.post(candidate_url(unthemed), follow=True)

    promotion = Promotion.objects.get(page=unthemed)
    assert response.redirect_chain[-1][0] == reverse(
        "promotion_admin:detail", args=[promotion.pk]
    )
    assert promotion.status == PromotionStatus.CANDIDATE
    event = PromotionEvent.objects.get(promotion=promotion)
    assert event.user == team_member
    assert "posisjoneringsradaren" in event.comment
    notice = Notification.objects.get(user=unthemed.owner)
    assert notice.kind == NotificationKind.PROMOTION
    assert notice.title == f"«{unthemed.title}» kan være et eksempel på nyskaping"
    assert "Fortell dem hvorfor" in notice.intro
    assert notice.url == f"/skriv/{unthemed.pk}/?tema=innovation#eksempel"
    assert not Notification.objects.filter(user=team_member).exists()
    # It is in the pipeline now, no longer a suggestion.
    assert unthemed.title not in suggested_titles(radar_column(team_client.get(BOARD)))


def test_the_link_in_the_notification_opens_the_composer_with_the_theme_chosen(
    client, unthemed
):
    client.force_login(unthemed.owner)

    response = client.get(f"/skriv/{unthemed.pk}/?tema=innovation")

    form = BeautifulSoup(response.content, "html.parser").find(id="eksempel")
    assert form.find("input", attrs={"name": "shows_example", "value": "yes"}).has_attr(
        "checked"
    )
    assert form.find(
        "input", attrs={"name": "positioning_themes", "value": "innovation"}
    ).has_attr("checked")


def test_a_dismissed_story_stays_away_and_teaches_the_next_training(
    team_client, team_member, unthemed
):
    train()

    response = team_client.post(dismiss_url(unthemed), follow=True)

    assert response.redirect_chain[-1][0] == BOARD
    assert "er avvist og blir ikke foreslått igjen" in response.content.decode()
    assert unthemed.title not in suggested_titles(radar_column(response))
    dismissal = RadarDismissal.objects.get(page=unthemed)
    assert dismissal.user == team_member and dismissal.theme == "innovation"
    assert not Promotion.objects.exists()

    train()

    assert RadarModel.objects.get().turned_down == 1
    assert not RadarScore.objects.filter(page=unthemed).exists()
    assert unthemed.title not in suggested_titles(radar_column(team_client.get(BOARD)))
    publish(unthemed, intro="Per bor trygt hjemme med velferdsteknologi.")
    assert not RadarScore.objects.filter(page=unthemed).exists()


def test_a_rejected_promotion_is_no_example_in_the_next_training(unthemed):
    rejected = PromotionFactory(
        page=NewsPage.objects.filter(positioning_themes=["innovation"]).first(),
        status=PromotionStatus.REJECTED,
    )

    train()

    model = RadarModel.objects.get()
    assert model.turned_down == 1
    assert model.examples["innovation"] == 13
    assert rejected.page_id not in RadarScore.objects.values_list("page_id", flat=True)


def test_the_command_trains_and_the_board_says_when(team_client, unthemed):
    out = train()

    model = RadarModel.objects.get()
    assert model.stories == NewsPage.objects.live().count()
    assert model.examples == {"innovation": 14, "competence": 12}
    assert "Trained at" in out
    assert RadarScore.objects.filter(page=unthemed, theme="innovation").exists()
    text = radar_column(team_client.get(BOARD)).get_text(" ", strip=True)
    assert f"Trent {timezone.localtime(model.trained_at):%d.%m.%Y}" in text
    assert f"på {model.stories} historier" in text

    train()
    assert RadarModel.objects.count() == 1  # only the newest is kept
    assert RadarModel.objects.get().trained_at > model.trained_at


def test_too_few_examples_train_nothing_and_the_board_says_so(team_client):
    for example in INNOVATION_EXAMPLES[:3]:
        story(example)
    story(NEITHER_EXAMPLES[0])

    out = train()

    assert "Not trained: too few stories with a theme" in out
    assert not RadarModel.objects.exists()
    text = radar_column(team_client.get(BOARD)).get_text(" ", strip=True)
    assert "Radaren er ikke trent ennå" in text


def test_an_empty_intranet_trains_nothing(team_client):
    assert "Not trained" in train()
    assert not RadarModel.objects.exists()


def test_a_corrupt_model_breaks_nothing(team_client, editor, unthemed):
    train()
    RadarModel.objects.update(weights=b"not a model at all")

    text = radar_column(team_client.get(BOARD)).get_text(" ", strip=True)
    assert "Radaren er ikke trent ennå" in text
    another = story(LOOKS_INNOVATIVE, themed=False, slug="per-igjen")
    publish(another, intro="Per bor hjemme.")
    assert another.live
    assert not RadarScore.objects.filter(page=another).exists()


def test_publishing_scores_a_story_and_a_theme_takes_it_off_the_radar(examples):
    train()
    fresh = story(NEW_AND_INNOVATIVE, themed=False)
    assert not RadarScore.objects.filter(page=fresh).exists()

    publish(fresh)

    score = RadarScore.objects.get(page=fresh)
    assert score.theme == "innovation" and score.score > 0.5
    assert score.reasons

    publish(
        fresh,
        positioning_themes=["innovation"],
        nomination_text="Vi kjøper inn på en ny måte.",
    )
    assert not RadarScore.objects.filter(page=fresh).exists()


@pytest.fixture
def news_editor(db):
    return UserFactory(username="skribent", groups=[STAFF, EDITORS])


def publish_in_composer(client, example: Example, **changes):
    url = "/skriv/nyhet/"
    data = composer_form(
        client,
        url,
        title=example.title,
        intro=example.text.split(". ")[0] + ".",
        text=example.text,
        action="publish",
        **changes,
    )
    return client.post(url, data, follow=True)


def test_the_composer_asks_after_publishing_a_likely_example(
    client, news_editor, examples
):
    train()
    client.force_login(news_editor)

    response = publish_in_composer(client, NEW_AND_INNOVATIVE)

    page = NewsPage.objects.get(owner=news_editor)
    assert response.redirect_chain[-1][0] == page.url
    html = response.content.decode()
    assert HINT in html
    link = BeautifulSoup(html, "html.parser").find("a", string="Merk som nyskaping")
    assert link["href"] == f"/skriv/{page.pk}/?tema=innovation#eksempel"


def test_the_composer_does_not_ask_about_a_story_with_a_theme(
    client, news_editor, examples
):
    train()
    client.force_login(news_editor)

    response = publish_in_composer(
        client,
        NEW_AND_INNOVATIVE,
        shows_example="yes",
        positioning_themes=["innovation"],
        nomination_text="Vi kjøper inn på en ny måte.",
    )

    page = NewsPage.objects.get(owner=news_editor)
    assert page.positioning_themes == ["innovation"]
    assert "Publisert" in response.content.decode()
    assert "vil du merke det?" not in response.content.decode()


def test_the_composer_does_not_ask_about_a_plain_story(client, news_editor, examples):
    train()
    client.force_login(news_editor)

    response = publish_in_composer(client, LOOKS_PLAIN)

    assert NewsPage.objects.filter(owner=news_editor).exists()
    assert "vil du merke det?" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/admin/formidling/radar/abc/kandidat/",
        "/admin/formidling/radar/-1/avvis/",
        "/admin/formidling/radar/999999/kandidat/",
        "/admin/formidling/radar/999999/avvis/",
        f"/admin/formidling/radar/{2**64}/kandidat/",
    ],
)
def test_bad_addresses_are_refused_plainly(team_client, path):
    response = team_client.post(path)

    assert response.status_code in (400, 404)
    assert not Promotion.objects.exists() and not RadarDismissal.objects.exists()


def test_the_buttons_only_take_posts_from_the_team(client, team_client, unthemed):
    train()
    for url in (candidate_url(unthemed), dismiss_url(unthemed)):
        assert team_client.get(url).status_code == 405

    client.force_login(unthemed.owner)
    for url in (candidate_url(unthemed), dismiss_url(unthemed)):
        assert client.post(url).status_code == 403
    assert not Promotion.objects.exists() and not RadarDismissal.objects.exists()


def test_the_radar_scores_as_scikit_learn_does():
    """The stored numbers give scikit-learn's own probabilities, for TF-IDF
    and the count of each theme's seed words beside it."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from search.text import folded_stem

    examples = [*INNOVATION_EXAMPLES, *COMPETENCE_EXAMPLES, *NEITHER_EXAMPLES]
    documents = [
        [term for term, _word in radar.terms(f"{ex.title}\n{ex.text}")]
        for ex in examples
    ]
    labels = [ex.label == "innovation" for ex in examples]
    weights = radar.RadarWeights.from_bytes(
        radar.fit(documents, {"innovation": labels}).to_bytes()
    )

    vectorizer = TfidfVectorizer(
        analyzer=lambda terms: terms,
        sublinear_tf=True,
        min_df=radar.MIN_DF,
        max_df=radar.MAX_DF,
        max_features=radar.MAX_FEATURES,
    )
    seeds = [
        {folded_stem(word) for word in radar.SEED_WORDS[theme].split()}
        for theme in sorted(radar.SEED_WORDS)
    ]
    counts = [
        [math.log1p(len(set(doc) & words)) for words in seeds] for doc in documents
    ]
    assert any(row[0] for row in counts) and any(row[1] for row in counts)
    matrix = hstack([vectorizer.fit_transform(documents), csr_matrix(counts)]).tocsr()
    model = LogisticRegression(
        C=radar.C,
        class_weight="balanced",
        solver="liblinear",
        dual=matrix.shape[0] < matrix.shape[1],
        max_iter=1000,
        random_state=0,
    ).fit(matrix, labels)
    expected = model.predict_proba(matrix)[:, 1]

    for document, probability in zip(documents, expected, strict=True):
        read = weights.read([(term, term) for term in document])
        assert read.scores["innovation"] == pytest.approx(probability, abs=1e-4)


def test_a_story_in_the_words_of_a_theme_scores_above_a_plain_one():
    """The seed words count from the first training, beside what the
    examples teach: a story about a pilot with new technology in a field no
    example was about ranks above a plain notice from the same field."""
    examples = [*INNOVATION_EXAMPLES, *COMPETENCE_EXAMPLES, *NEITHER_EXAMPLES]
    documents = [
        [term for term, _word in radar.terms(f"{ex.title}\n{ex.text}")]
        for ex in examples
    ]
    weights = radar.fit(
        documents, {"innovation": [ex.label == "innovation" for ex in examples]}
    )

    new = weights.read(
        radar.terms("Gravlunden prøver en pilot: første digitale løsning for graving")
    )
    plain = weights.read(
        radar.terms("Gravlunden holder stengt mandag på grunn av graving ved porten")
    )

    assert new.scores["innovation"] > plain.scores["innovation"] + 0.2
    assert weights.themes["innovation"].seeds["innovation"] > 0


def test_a_model_stored_in_an_earlier_format_counts_as_not_trained():
    stored = json.loads(zlib.decompress(radar.RadarWeights({}, {}).to_bytes()))
    stored["format"] = radar.FORMAT - 1

    with pytest.raises(radar.RadarModelError):
        radar.RadarWeights.from_bytes(zlib.compress(json.dumps(stored).encode()))


def test_a_story_of_50000_words_is_read_from_its_beginning():
    text = "Velferdsteknologi i hjemmetjenesten. " + "ord " * 50_000

    terms = radar.terms(text)

    assert terms[0] == ("velferdsteknologi", "Velferdsteknologi")
    assert len(terms) <= radar.MAX_TEXT_CHARS // len("ord ") + 1


def board_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(BOARD).status_code == 200
    return len(queries)


def test_the_board_costs_the_same_whatever_the_number_of_suggestions(
    team_client, unthemed
):
    train()
    board_queries(team_client)  # the weights and the site's paths are read once
    few = board_queries(team_client)
    for number in range(6):
        page = story(
            LOOKS_INNOVATIVE,
            themed=False,
            owner=UserFactory(username=f"skribent{number}"),
        )
        RadarScore.objects.create(
            page=page, theme="innovation", score=0.9, words={"innovation": ["ny"]}
        )

    board_queries(team_client)  # what the new stories changed is read once
    assert board_queries(team_client) == few
    assert len(suggested_titles(radar_column(team_client.get(BOARD)))) > 6
