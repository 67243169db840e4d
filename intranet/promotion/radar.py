"""The positioning radar's model: how much a story looks like an example of
innovation or of competence, and which of its words say so.

A story is read as search reads it (`search.text`): Norwegian words folded
and stemmed, with the parts of compounds, stop words and bare numbers left
out. scikit-learn fits TF-IDF over those terms and one logistic regression
per theme (`fit`). What is stored and what scores a story is the fitted
model's arithmetic as plain numbers (`RadarWeights`): the terms' idf, each
theme's coefficients and intercept. Scoring a story is then a sum over its own
terms, with no scikit-learn in the web process (it would add a second and
about 130 MB to every worker that publishes) and no pickled object to trust.

A story's *reasons* for a theme are its terms whose weight in the story
(tf-idf) times their coefficient is largest: the words that pushed its score
up, shown as the story spells them.
"""

from __future__ import annotations

import json
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from search.text import compound_parts, folded_stem, is_stop_word, words

#: Only the beginning of a very long story is read: scoring stays fast
#: (a 50,000-word story is cut to about 3,000 words), and what a story is about
#: shows in its beginning.
MAX_TEXT_CHARS = 20_000
#: TF-IDF: a term must occur in this many stories, and in no more than this
#: share of them, to count; at most this many terms are kept.
MIN_DF = 2
MAX_DF = 0.8
MAX_FEATURES = 30_000
#: Inverse strength of the logistic regressions' regularisation.
C = 4.0
#: A theme is learnt only from at least this many stories with it, and as
#: many without.
MIN_EXAMPLES = 5
#: Stories scored by a model that did not learn from them (`cross_readings`).
FOLDS = 5
#: Words shown per theme.
REASONS = 5
#: The words people use about a theme, as the communication team would search
#: for its examples. Each theme's count of them in a story is one more feature
#: of the model (see `seed_features`): with few themed stories to learn from,
#: the radar starts from what the theme means, and the examples teach it how
#: much these words count beside the others.
SEED_WORDS = {
    "innovation": (
        "innovasjon nyskaping nytenkning ny nytt nye digital digitalt teknologi "
        "pilot prøve første løsning utvikle"
    ),
    "competence": (
        "kompetanse kurs opplæring utdanning videreutdanning fagbrev "
        "sertifisering lære fagdag mentor master eksamen"
    ),
}
FORMAT = 2


class RadarModelError(ValueError):
    """The stored weights cannot be read (missing, corrupt or another format)."""


class NotEnoughExamples(ValueError):
    """Too few stories with (or without) a theme to learn from."""


def terms(text: str) -> list[tuple[str, str]]:
    """The story's terms in order, each with the word it was read from."""
    found = []
    for word in words(text[:MAX_TEXT_CHARS]):
        if word.isdigit() or is_stop_word(word):
            continue
        found.append((folded_stem(word), word))
        found.extend((part, word) for part in compound_parts(word))
    return found


@cache
def seed_terms() -> dict[str, frozenset[str]]:
    """Each theme's seed words as terms (folded stems)."""
    return {
        theme: frozenset(folded_stem(word) for word in words.split())
        for theme, words in SEED_WORDS.items()
    }


def seed_features(story_terms: Iterable[str]) -> dict[str, float]:
    """Per theme, how many of its seed words the story has (log-scaled: the
    first ones say the most)."""
    present = set(story_terms)
    return {
        theme: math.log1p(len(seeds & present)) for theme, seeds in seed_terms().items()
    }


def _given(tokens: Sequence[str]) -> Sequence[str]:
    """The vectorizer's analyzer: the terms are read already (`terms`)."""
    return tokens


@dataclass(frozen=True)
class Reading:
    """What the radar read in one story: per theme, the probability that the
    story is an example of it and the words that weighed most."""

    scores: dict[str, float]
    words: dict[str, list[str]]

    @property
    def best(self) -> tuple[str, float] | None:
        """The likelier theme and its probability (None: no theme is known)."""
        if not self.scores:
            return None
        theme = max(sorted(self.scores), key=self.scores.__getitem__)
        return theme, self.scores[theme]


@dataclass(frozen=True)
class ThemeWeights:
    intercept: float
    coef: dict[str, float]
    #: Coefficients of the seed-word counts (`seed_features`), by theme.
    seeds: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class RadarWeights:
    """A fitted radar as numbers: scoring is TF-IDF (sublinear term
    frequency times idf, scaled to unit length) then the logistic function of
    each theme's linear score, as scikit-learn computes them."""

    idf: dict[str, float]
    themes: dict[str, ThemeWeights]

    def vector(self, story_terms: Sequence[str]) -> dict[str, float]:
        counts = Counter(term for term in story_terms if term in self.idf)
        weights = {
            term: (1 + math.log(count)) * self.idf[term]
            for term, count in counts.items()
        }
        length = math.sqrt(sum(weight * weight for weight in weights.values()))
        if not length:
            return {}
        return {term: weight / length for term, weight in weights.items()}

    def read(
        self, pairs: Sequence[tuple[str, str]], *, reasons: int = REASONS
    ) -> Reading:
        """Score a story from its `terms`."""
        story_terms = [term for term, _word in pairs]
        vector = self.vector(story_terms)
        seeded = seed_features(story_terms)
        spelling: dict[str, str] = {}
        for term, word in pairs:
            spelling.setdefault(term, word)
        scores, found = {}, {}
        for theme, model in self.themes.items():
            pushes = {
                term: weight * model.coef.get(term, 0.0)
                for term, weight in vector.items()
            }
            linear = model.intercept + sum(pushes.values())
            linear += sum(
                coef * seeded.get(seed, 0.0) for seed, coef in model.seeds.items()
            )
            scores[theme] = _logistic(linear)
            shown: list[str] = []
            for term in sorted(pushes, key=lambda term: (-pushes[term], term)):
                if pushes[term] <= 0 or len(shown) == reasons:
                    break
                word = spelling[term].lower()
                if word not in shown:
                    shown.append(word)
            found[theme] = shown
        return Reading(scores=scores, words=found)

    def to_bytes(self) -> bytes:
        names = sorted(self.idf)
        data = {
            "format": FORMAT,
            "terms": names,
            "idf": [round(self.idf[name], 6) for name in names],
            "themes": {
                theme: {
                    "intercept": model.intercept,
                    "coef": [round(model.coef.get(name, 0.0), 6) for name in names],
                    "seeds": model.seeds,
                }
                for theme, model in self.themes.items()
            },
        }
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 6)

    @classmethod
    def from_bytes(cls, blob: bytes | memoryview | None) -> RadarWeights:
        """The weights stored by `to_bytes`; RadarModelError for anything else."""
        if not blob:
            raise RadarModelError("no weights")
        try:
            data = json.loads(zlib.decompress(bytes(blob)))
            if data["format"] != FORMAT:
                raise RadarModelError(f"format {data['format']!r}")
            names = data["terms"]
            idf = dict(zip(names, map(float, data["idf"]), strict=True))
            themes = {
                str(theme): ThemeWeights(
                    intercept=float(model["intercept"]),
                    coef=dict(zip(names, map(float, model["coef"]), strict=True)),
                    seeds={
                        str(seed): float(coef) for seed, coef in model["seeds"].items()
                    },
                )
                for theme, model in data["themes"].items()
            }
        except (zlib.error, UnicodeDecodeError, ValueError, KeyError, TypeError) as e:
            raise RadarModelError(str(e)) from e
        return cls(idf=idf, themes=themes)


def _logistic(value: float) -> float:
    if value >= 0:
        return 1 / (1 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1 + exp)


def fit(
    documents: Sequence[Sequence[str]],
    labels: dict[str, Sequence[bool]],
    *,
    min_examples: int = MIN_EXAMPLES,
) -> RadarWeights:
    """Fit TF-IDF and one logistic regression per theme with enough stories
    carrying it (``labels[theme][i]``: whether story i is an example of it).

    Raises NotEnoughExamples when no theme has ``min_examples`` stories with
    it and as many without, or the stories share too few words.
    """
    # scikit-learn is heavy (a second and about 130 MB): only training
    # (the nightly command and the benchmark) loads it.
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    learnable = {
        theme: list(flags)
        for theme, flags in labels.items()
        if min_examples <= sum(flags) <= len(flags) - min_examples
    }
    if not learnable:
        raise NotEnoughExamples(
            f"no theme has {min_examples} stories with it and {min_examples} without"
        )
    vectorizer = TfidfVectorizer(
        analyzer=_given,
        sublinear_tf=True,
        min_df=min(MIN_DF, len(documents)),
        max_df=MAX_DF if len(documents) > 10 else 1.0,
        max_features=MAX_FEATURES,
    )
    try:
        matrix = vectorizer.fit_transform(documents)
    except ValueError as error:  # no term is left after min_df / max_df
        raise NotEnoughExamples(str(error)) from error
    names = [str(name) for name in vectorizer.get_feature_names_out()]
    seeds = sorted(SEED_WORDS)
    counted = [seed_features(document) for document in documents]
    matrix = hstack(
        [matrix, csr_matrix([[row[seed] for seed in seeds] for row in counted])],
        format="csr",
    )
    themes = {}
    for theme, flags in learnable.items():
        model = LogisticRegression(
            C=C,
            class_weight="balanced",
            solver="liblinear",
            # The dual problem is the smaller one while there are more words
            # than stories (scikit-learn's advice): 0.3 s against 6 s for
            # 10,000 stories, the same model.
            dual=matrix.shape[0] < matrix.shape[1],
            max_iter=1000,
            random_state=0,
        )
        model.fit(matrix, flags)
        coef = [float(value) for value in model.coef_[0]]
        themes[theme] = ThemeWeights(
            intercept=float(model.intercept_[0]),
            coef=dict(zip(names, coef[: len(names)], strict=True)),
            seeds=dict(zip(seeds, coef[len(names) :], strict=True)),
        )
    return RadarWeights(
        idf=dict(zip(names, map(float, vectorizer.idf_), strict=True)),
        themes=themes,
    )


def cross_readings(
    stories: Sequence[Sequence[tuple[str, str]]],
    labels: dict[str, Sequence[bool]],
    *,
    wanted: Sequence[int],
    folds: int = FOLDS,
    seed: int = 0,
) -> dict[int, Reading]:
    """Readings of the stories at the ``wanted`` positions, each by a model
    fitted without it (k-fold cross-fitting).

    The stories without a theme are the negatives of the training and also
    the ones to score: a model that was told a story is no example, and has a
    weight for each of its rare words, scores it low whatever it says. So
    every story is scored by a model fitted on the other folds.
    """
    from sklearn.model_selection import KFold  # heavy, see fit()

    documents = [[term for term, _word in pairs] for pairs in stories]
    wanted_set = set(wanted)
    readings: dict[int, Reading] = {}
    if len(documents) < 2 or not wanted_set:
        return readings
    splitter = KFold(
        n_splits=min(folds, len(documents)), shuffle=True, random_state=seed
    )
    for train, held_out in splitter.split(documents):
        to_read = [index for index in held_out if index in wanted_set]
        if not to_read:
            continue
        try:
            weights = fit(
                [documents[index] for index in train],
                {
                    theme: [flags[index] for index in train]
                    for theme, flags in labels.items()
                },
                min_examples=2,
            )
        except NotEnoughExamples:
            continue
        for index in to_read:
            readings[int(index)] = weights.read(stories[index])
    return readings
