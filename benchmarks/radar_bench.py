"""The positioning radar: does it find the examples, and is it fast enough?

    .venv/bin/python benchmarks/radar_bench.py              # about a minute
    .venv/bin/python benchmarks/radar_bench.py --splits 50 --stories 20000

1. **Finding examples.** The labelled stories (the hand-labelled ones in
   tests/promotion/radar_examples.py and the demo data's news articles and
   case updates, labelled by their themes) are split in half at random,
   stratified by label, ``--splits`` times. The radar is fitted on one half as
   `radar_train` fits it (a story is an example of the themes it carries,
   every other story of none) and ranks the other half per theme, as the
   board ranks the stories without a theme; so does a keyword baseline (the
   number of a theme's keywords in the story, read with the same Norwegian
   stemming). Printed per theme and method, averaged over the splits:
   precision@10 (share of the first ten that are examples of the theme) and
   recall@20 (share of the theme's examples among the first twenty). Then the
   same over all the labelled stories at once, each scored by a model fitted
   on the other four fifths, as the nightly run scores the stories without a
   theme (5-fold cross-fitting, five draws of the folds).
2. **Training** on ``--stories`` generated stories (sentences of the
   labelled stories mixed with words drawn from the Norwegian lexicon by
   frequency, so the vocabulary grows as a real one does): reading the terms,
   fitting the stored model and the cross-fitted scores, timed apart.
3. **Scoring** one story as publishing does (its terms, then the stored
   weights): median and 95th percentile over 1,000 new generated stories,
   and five stories of 50,000 words.
"""

import argparse
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# A theme's keywords for the baseline: the radar's own seed words, which the
# model counts as one feature per theme beside the story's other terms. The
# baseline is those words alone. Set by main() (importing the radar needs Django).
KEYWORDS: dict[str, str] = {}


# The board's and the composer's thresholds (intranet/promotion/selectors.py).
THRESHOLDS = (0.5, 0.7)


def configure() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "intranet.settings.test"
    import django

    django.setup()


def precision_at(ranked: list[bool], k: int) -> float:
    return sum(ranked[:k]) / k


def recall_at(ranked: list[bool], k: int) -> float:
    total = sum(ranked)
    return sum(ranked[:k]) / total if total else 0.0


def splits(labels: list[str], count: int, seed: int):
    """Stratified halves: (train, test) index lists, ``count`` times."""
    rng = random.Random(seed)
    by_label: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        by_label.setdefault(label, []).append(index)
    for _ in range(count):
        train, test = [], []
        for indices in by_label.values():
            shuffled = indices[:]
            rng.shuffle(shuffled)
            half = len(shuffled) // 2
            train += shuffled[:half]
            test += shuffled[half:]
        # Ties in a ranking keep this order: random, not the file's.
        rng.shuffle(test)
        yield train, test


def measure_quality(examples, *, count: int) -> dict:
    from intranet.promotion import radar
    from search.text import folded_stem

    stories = [radar.terms(f"{ex.title}\n{ex.text}") for ex in examples]
    labels = [ex.label for ex in examples]
    keywords = {
        theme: {folded_stem(word) for word in words.split()}
        for theme, words in KEYWORDS.items()
    }
    thresholds: dict[tuple[str, float], list[int]] = {}
    results = {
        (method, theme): {"p10": [], "r20": []}
        for method in ("radar", "keywords")
        for theme in KEYWORDS
    }
    for train, test in splits(labels, count, seed=7):
        weights = radar.fit(
            [[term for term, _word in stories[i]] for i in train],
            {theme: [labels[i] == theme for i in train] for theme in KEYWORDS},
        )
        readings = {i: weights.read(stories[i]) for i in test}
        for theme, wanted in keywords.items():
            truth = {i: labels[i] == theme for i in test}
            ranked = {
                "radar": sorted(test, key=lambda i: -readings[i].scores[theme]),
                "keywords": sorted(
                    test,
                    key=lambda i: -len(wanted & {term for term, _w in stories[i]}),
                ),
            }
            for method, order in ranked.items():
                hits = [truth[i] for i in order]
                results[(method, theme)]["p10"].append(precision_at(hits, 10))
                results[(method, theme)]["r20"].append(recall_at(hits, 20))
            for threshold in THRESHOLDS:
                above = [i for i in test if readings[i].scores[theme] >= threshold]
                counted = thresholds.setdefault((theme, threshold), [0, 0, 0])
                counted[0] += len(above)
                counted[1] += sum(truth[i] for i in above)
                counted[2] += sum(truth.values())
    return results, thresholds


def measure_nightly(examples, *, rounds: int) -> dict:
    """As the nightly run scores: every labelled story by a model fitted on
    the other four fifths (`radar.cross_readings`), all of them ranked at once;
    ``rounds`` different fold draws."""
    from intranet.promotion import radar
    from search.text import folded_stem

    stories = [radar.terms(f"{ex.title}\n{ex.text}") for ex in examples]
    labels = [ex.label for ex in examples]
    flags = {theme: [label == theme for label in labels] for theme in KEYWORDS}
    keywords = {
        theme: {folded_stem(word) for word in words.split()}
        for theme, words in KEYWORDS.items()
    }
    results = {
        (method, theme): {"p10": [], "r20": []}
        for method in ("radar", "keywords")
        for theme in KEYWORDS
    }
    everyone = list(range(len(stories)))
    for seed in range(rounds):
        readings = radar.cross_readings(stories, flags, wanted=everyone, seed=seed)
        order = everyone[:]
        random.Random(seed).shuffle(order)  # ties: random, not the file's order
        for theme, wanted in keywords.items():
            ranked = {
                "radar": sorted(order, key=lambda i: -readings[i].scores[theme]),
                "keywords": sorted(
                    order,
                    key=lambda i: -len(wanted & {term for term, _w in stories[i]}),
                ),
            }
            for method, ranking in ranked.items():
                hits = [labels[i] == theme for i in ranking]
                results[(method, theme)]["p10"].append(precision_at(hits, 10))
                results[(method, theme)]["r20"].append(recall_at(hits, 20))
    return results


def print_table(results: dict) -> None:
    print("| theme | method | precision@10 | recall@20 |")
    print("|---|---|---:|---:|")
    for (method, theme), scores in sorted(
        results.items(), key=lambda item: (item[0][1], item[0][0] != "radar")
    ):
        p10, r20 = scores["p10"], scores["r20"]
        print(
            f"| {theme} | {method} | {statistics.mean(p10):.2f} "
            f"({min(p10):.1f}–{max(p10):.1f}) | {statistics.mean(r20):.2f} "
            f"({min(r20):.2f}–{max(r20):.2f}) |"
        )
    for method in ("radar", "keywords"):
        p10 = [statistics.mean(results[(method, theme)]["p10"]) for theme in KEYWORDS]
        r20 = [statistics.mean(results[(method, theme)]["r20"]) for theme in KEYWORDS]
        print(
            f"| **both** | {method} | **{statistics.mean(p10):.2f}** | "
            f"**{statistics.mean(r20):.2f}** |"
        )


class Generator:
    """Stories of 80–250 words: three to six sentences of labelled stories
    (the first one's label is the story's) and words drawn from the
    Norwegian lexicon by frequency."""

    def __init__(self, examples, seed: int) -> None:
        from search.text import lexicon

        self.rng = random.Random(seed)
        self.sentences = [
            (ex.label, sentence.strip() + ".")
            for ex in examples
            for sentence in ex.text.split(". ")
            if sentence.strip()
        ]
        words = lexicon()
        self.words = list(words)
        # Zipf frequency back to a frequency: common words are drawn often.
        self.cumulative = []
        total = 0.0
        for word in self.words:
            total += 10 ** (words[word] - 9)
            self.cumulative.append(total)

    def story(self) -> tuple[str, str]:
        rng = self.rng
        chosen = rng.sample(self.sentences, rng.randint(3, 6))
        filler = rng.choices(
            self.words, cum_weights=self.cumulative, k=rng.randint(40, 160)
        )
        text = " ".join(sentence for _label, sentence in chosen)
        return chosen[0][0], f"{text} {' '.join(filler)}"


def measure_speed(examples, *, stories: int) -> dict:
    from intranet.promotion import radar

    timings = {}
    generator = Generator(examples, seed=11)
    generated = [generator.story() for _ in range(stories)]
    started = time.perf_counter()
    read = [radar.terms(text) for _label, text in generated]
    timings["terms"] = time.perf_counter() - started
    labels = {
        theme: [label == theme for label, _text in generated] for theme in KEYWORDS
    }
    started = time.perf_counter()
    weights = radar.fit([[term for term, _w in pairs] for pairs in read], labels)
    timings["fit"] = time.perf_counter() - started
    unthemed = [i for i, (label, _t) in enumerate(generated) if label == "neither"]
    started = time.perf_counter()
    radar.cross_readings(read, labels, wanted=unthemed)
    timings["cross"] = time.perf_counter() - started
    timings["vocabulary"] = len(weights.idf)
    timings["stored_kb"] = len(weights.to_bytes()) / 1024
    weights = radar.RadarWeights.from_bytes(weights.to_bytes())

    fresh = Generator(examples, seed=12)
    per_story = []
    for _ in range(1000):
        _label, text = fresh.story()
        started = time.perf_counter()
        weights.read(radar.terms(text))
        per_story.append((time.perf_counter() - started) * 1000)
    per_story.sort()
    timings["score_median_ms"] = statistics.median(per_story)
    timings["score_p95_ms"] = per_story[int(len(per_story) * 0.95)]
    # Five different stories of 50,000 words: one sample is at the mercy of
    # whatever else the machine does in that moment.
    huge_times = []
    for _ in range(5):
        huge = " ".join(fresh.story()[1] for _ in range(400))
        huge = " ".join(huge.split()[:50_000])
        started = time.perf_counter()
        weights.read(radar.terms(huge))
        huge_times.append((time.perf_counter() - started) * 1000)
    timings["score_50000_words_ms"] = statistics.median(huge_times)
    timings["score_50000_words_max_ms"] = max(huge_times)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--splits", type=int, default=20)
    parser.add_argument("--stories", type=int, default=10_000)
    args = parser.parse_args()
    configure()
    from intranet.promotion.radar import SEED_WORDS

    KEYWORDS.update(SEED_WORDS)
    from tests.promotion.radar_examples import EXAMPLES, demo_examples

    examples = [*EXAMPLES, *demo_examples()]
    counts = {
        label: sum(ex.label == label for ex in examples)
        for label in ("innovation", "competence", "neither")
    }
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"{len(examples)} labelled stories {counts}, {args.splits} stratified "
        "half splits"
    )
    print()
    results, thresholds = measure_quality(examples, count=args.splits)
    print("Held-out halves:")
    print()
    print_table(results)
    print()
    print("Held-out stories the radar scores at or above a threshold, per split:")
    for (theme, threshold), (above, right, total) in sorted(thresholds.items()):
        print(
            f"  {theme} ≥ {threshold}: {above / args.splits:.1f} stories, "
            f"{right / above if above else 0:.0%} of them examples, "
            f"{right / total if total else 0:.0%} of the examples"
        )
    print()
    print("Cross-fitted, as the nightly run scores (5 folds, 5 draws):")
    print()
    print_table(measure_nightly(examples, rounds=5))
    print()
    timings = measure_speed(examples, stories=args.stories)
    total = timings["terms"] + timings["fit"] + timings["cross"]
    print(f"Training on {args.stories} generated stories:")
    print(f"  reading the terms:               {timings['terms']:.1f} s")
    print(f"  fitting the stored model:        {timings['fit']:.1f} s")
    print(f"  cross-fitted scores (5 folds):   {timings['cross']:.1f} s")
    print(f"  total:                           {total:.1f} s")
    print(
        f"  vocabulary {timings['vocabulary']} terms, stored weights "
        f"{timings['stored_kb']:.0f} KB"
    )
    print(
        f"Scoring one story: median {timings['score_median_ms']:.2f} ms, "
        f"p95 {timings['score_p95_ms']:.2f} ms; "
        f"a 50,000-word story {timings['score_50000_words_ms']:.1f} ms "
        f"(median of 5, slowest {timings['score_50000_words_max_ms']:.1f} ms)"
    )


if __name__ == "__main__":
    main()
