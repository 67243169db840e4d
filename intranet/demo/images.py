"""Generated illustrations for demo stories: Pillow only, nothing downloaded.

Each picture shows its story's subject as a simple drawing (a school, a road, a
tree, a heart …), picked from the story's first topic or, failing that, from
words of its title, on a background in that subject's colours. The same title
and seed always give the same picture.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from typing import NamedTuple

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

SIZE = (1200, 675)
WHITE = (255, 255, 255)
Draw = Callable[[ImageDraw.ImageDraw, int, int, int, random.Random], None]


def _school(draw: ImageDraw.ImageDraw, x: int, y: int, s: int, rng) -> None:
    draw.rectangle([x - s, y - s // 3, x + s, y + s], fill=WHITE)
    draw.polygon(
        [(x - s - 30, y - s // 3), (x, y - s), (x + s + 30, y - s // 3)], fill=WHITE
    )
    for column in (-2, -1, 1, 2):
        left = x + column * s // 3 - s // 10
        draw.rectangle(
            [left, y, left + s // 5, y + s // 4],
            fill=(200, 230, 250),
            outline=(60, 60, 60),
            width=5,
        )
    draw.rectangle([x - s // 8, y + s // 2, x + s // 8, y + s], fill=(60, 60, 60))
    draw.line([(x, y - s), (x, y - s - s // 2)], fill=WHITE, width=6)
    draw.polygon(
        [(x, y - s - s // 2), (x + s // 3, y - s - s // 3), (x, y - s - s // 6)],
        fill=(230, 60, 60),
    )


def _kindergarten(draw, x, y, s, rng) -> None:
    colours = [(230, 90, 70), (250, 200, 60), (80, 160, 220), (110, 190, 110)]
    block = s // 2
    for row, count in enumerate((3, 2, 1)):
        for column in range(count):
            left = x - count * block // 2 + column * block
            top = y + s - (row + 1) * block
            draw.rectangle(
                [left, top, left + block - 8, top + block - 8],
                fill=rng.choice(colours),
                outline=WHITE,
                width=4,
            )
    draw.ellipse([x + s, y - s, x + s + s // 2, y - s // 2], fill=(250, 210, 70))


def _road(draw, x, y, s, rng) -> None:
    width, height = SIZE
    draw.polygon(
        [
            (x - s // 6, height // 3),
            (x + s // 6, height // 3),
            (x + 2 * s, height),
            (x - 2 * s, height),
        ],
        fill=(70, 70, 75),
    )
    for step in range(6):
        top = height // 3 + step * (height * 2 // 3) // 6
        draw.rectangle(
            [x - 4 - step * 2, top, x + 4 + step * 2, top + 30 + step * 8], fill=WHITE
        )
    draw.rectangle([x + s + 40, y - s, x + s + 52, y + s], fill=WHITE)
    draw.polygon(
        [(x + s + 46, y - s - 60), (x + s + 100, y - s + 30), (x + s - 8, y - s + 30)],
        fill=(250, 200, 60),
        outline=(200, 40, 40),
    )


def _trees(draw, x, y, s, rng) -> None:
    draw.ellipse([x + s, y - 1.5 * s, x + 1.6 * s, y - 0.9 * s], fill=(250, 210, 70))
    for offset in (-s, 0, s // 1.2):
        tall = rng.randint(s, int(1.6 * s))
        base = y + s
        draw.rectangle(
            [x + offset - 12, base - tall // 4, x + offset + 12, base],
            fill=(110, 70, 40),
        )
        draw.polygon(
            [
                (x + offset, base - tall),
                (x + offset - tall // 3, base - tall // 4),
                (x + offset + tall // 3, base - tall // 4),
            ],
            fill=(40, 130, 70),
            outline=WHITE,
        )


def _heart(draw, x, y, s, rng) -> None:
    r = s // 2
    draw.ellipse([x - 2 * r, y - r, x, y + r], fill=WHITE)
    draw.ellipse([x, y - r, x + 2 * r, y + r], fill=WHITE)
    draw.polygon(
        [(x - 2 * r + 6, y + r // 3), (x + 2 * r - 6, y + r // 3), (x, y + 2 * r)],
        fill=WHITE,
    )
    draw.rectangle([x - r // 5, y - r // 2, x + r // 5, y + r], fill=(200, 40, 50))
    draw.rectangle(
        [x - r // 1.6, y + r // 6, x + r // 1.6, y + r // 2], fill=(200, 40, 50)
    )


def _home(draw, x, y, s, rng) -> None:
    draw.rectangle([x - s, y - s // 4, x + s, y + s], fill=WHITE)
    draw.polygon(
        [(x - s - 30, y - s // 4), (x, y - s), (x + s + 30, y - s // 4)],
        fill=(170, 60, 50),
    )
    r = s // 5
    draw.ellipse([x - 2 * r, y, x, y + 2 * r], fill=(200, 40, 50))
    draw.ellipse([x, y, x + 2 * r, y + 2 * r], fill=(200, 40, 50))
    draw.polygon(
        [(x - 2 * r + 3, y + r + 6), (x + 2 * r - 3, y + r + 6), (x, y + 3 * r + 10)],
        fill=(200, 40, 50),
    )


def _screen(draw, x, y, s, rng) -> None:
    draw.rounded_rectangle(
        [x - s, y - 0.7 * s, x + s, y + 0.6 * s],
        radius=18,
        fill=(30, 35, 45),
        outline=WHITE,
        width=8,
    )
    draw.rectangle([x - s // 6, y + 0.6 * s, x + s // 6, y + 0.8 * s], fill=WHITE)
    draw.rectangle([x - s // 2, y + 0.8 * s, x + s // 2, y + 0.88 * s], fill=WHITE)
    nodes = [
        (
            x + rng.randint(-s + 40, s - 40),
            y + rng.randint(int(-0.6 * s) + 30, int(0.5 * s) - 30),
        )
        for _ in range(6)
    ]
    for first, second in zip(nodes, nodes[1:], strict=False):
        draw.line([first, second], fill=(120, 200, 240), width=5)
    for nx, ny in nodes:
        draw.ellipse(
            [nx - 14, ny - 14, nx + 14, ny + 14],
            fill=(120, 200, 240),
            outline=WHITE,
            width=3,
        )


def _bubbles(draw, x, y, s, rng) -> None:
    draw.rounded_rectangle(
        [x - s, y - s, x + s // 3, y - s // 6], radius=40, fill=WHITE
    )
    draw.polygon(
        [
            (x - s // 2, y - s // 6 - 2),
            (x - s // 2 - 40, y + 30),
            (x - s // 4, y - s // 6 - 2),
        ],
        fill=WHITE,
    )
    draw.rounded_rectangle(
        [x - s // 4, y, x + s, y + 0.8 * s], radius=40, fill=(250, 210, 70)
    )
    for row in range(3):
        draw.line(
            [
                (x - s + 40, y - s + 50 + row * 40),
                (x + s // 3 - 40, y - s + 50 + row * 40),
            ],
            fill=(120, 120, 130),
            width=10,
        )


def _people(draw, x, y, s, rng) -> None:
    colours = [(250, 210, 70), (120, 200, 240), (240, 150, 130), (170, 220, 150)]
    for offset in (-s, -s // 3, s // 3, s):
        colour = rng.choice(colours)
        head = s // 5
        draw.ellipse(
            [
                x + offset - head,
                y - s // 2 - head,
                x + offset + head,
                y - s // 2 + head,
            ],
            fill=WHITE,
        )
        draw.pieslice(
            [x + offset - s // 3, y - s // 4, x + offset + s // 3, y + s],
            180,
            360,
            fill=colour,
        )


def _books(draw, x, y, s, rng) -> None:
    colours = [
        (200, 60, 60),
        (60, 130, 200),
        (250, 200, 60),
        (90, 170, 100),
        (150, 90, 190),
    ]
    left = x - s
    draw.rectangle([x - s - 20, y + s // 2, x + s + 20, y + s // 2 + 18], fill=WHITE)
    while left < x + s:
        wide = rng.randint(s // 8, s // 5)
        tall = rng.randint(s // 1, int(1.4 * s))
        draw.rectangle(
            [left, y + s // 2 - tall, left + wide, y + s // 2],
            fill=rng.choice(colours),
            outline=WHITE,
            width=3,
        )
        left += wide + 6


def _growth(draw, x, y, s, rng) -> None:
    for step in range(4):
        left = x - s + step * s // 2
        draw.rectangle(
            [left, y + s - (step + 1) * s // 2.5, left + s // 2 - 12, y + s], fill=WHITE
        )
    draw.polygon(
        [(x + s - 10, y - s), (x + s + 50, y - s + 30), (x + s - 30, y - s + 60)],
        fill=(250, 210, 70),
    )


def _chart(draw, x, y, s, rng) -> None:
    draw.line([(x - s, y + s), (x + s, y + s)], fill=WHITE, width=8)
    for step in range(5):
        tall = rng.randint(s // 3, int(1.8 * s))
        left = x - s + 20 + step * (2 * s - 40) // 5
        draw.rectangle([left, y + s - tall, left + s // 4, y + s - 4], fill=WHITE)
    draw.ellipse(
        [x + s - 30, y - s - 30, x + s + 50, y - s + 50],
        fill=(250, 210, 70),
        outline=(180, 130, 20),
        width=6,
    )


def _music(draw, x, y, s, rng) -> None:
    draw.ellipse([x - s, y + s // 3, x - s // 3, y + s], fill=WHITE)
    draw.ellipse([x + s // 6, y + s // 6, x + s - 20, y + s - 60], fill=WHITE)
    draw.rectangle([x - s // 3 - 18, y - s, x - s // 3, y + 2 * s // 3], fill=WHITE)
    draw.rectangle([x + s - 38, y - s - 30, x + s - 20, y + s // 2], fill=WHITE)
    draw.polygon(
        [
            (x - s // 3 - 18, y - s),
            (x + s - 20, y - s - 30),
            (x + s - 20, y - s + 30),
            (x - s // 3 - 18, y - s + 60),
        ],
        fill=WHITE,
    )


class Motif(NamedTuple):
    #: Words that pick it: the first motif whose word starts the story's first
    #: topic, or else starts a word of its title, wins.
    words: tuple[str, ...]
    #: The background's two colours (top, bottom).
    palette: tuple[tuple[int, int, int], tuple[int, int, int]]
    drawing: Draw
    #: What it shows, for the picture's alt text.
    shows: str


MOTIFS = [
    Motif(*motif)
    for motif in (
        (
            ("barnehage",),
            ((122, 65, 0), (244, 190, 110)),
            _kindergarten,
            "fargerike byggeklosser og en sol",
        ),
        (
            ("skole", "elev", "lærer"),
            ((0, 68, 107), (91, 176, 214)),
            _school,
            "en skolebygning med flagg",
        ),
        (
            ("vei", "gang", "trafikk", "bru", "fortau", "sykkel"),
            ((40, 60, 80), (150, 180, 200)),
            _road,
            "en vei med midtlinje og et skilt",
        ),
        (
            ("klima", "miljø", "natur", "tre", "park"),
            ((30, 107, 52), (172, 214, 133)),
            _trees,
            "grantrær og en sol",
        ),
        (
            ("eldre", "omsorg", "sykehjem", "hjemme"),
            ((120, 40, 60), (240, 170, 170)),
            _home,
            "et hus med et hjerte",
        ),
        (
            ("helse", "syke", "lege", "vaksine"),
            ((164, 22, 26), (247, 164, 148)),
            _heart,
            "et hjerte med et rødt kors",
        ),
        (
            ("digital", "app", "data", "teknologi"),
            ((20, 40, 90), (110, 140, 220)),
            _screen,
            "en dataskjerm med et nettverk",
        ),
        (
            ("kommunikasjon", "informasjon", "intranett"),
            ((60, 30, 110), (180, 150, 230)),
            _bubbles,
            "to snakkebobler",
        ),
        (
            ("bibliotek", "bok", "lese"),
            ((90, 50, 20), (220, 170, 120)),
            _books,
            "bøker i en hylle",
        ),
        (
            ("kompetanse", "kurs", "opplæring"),
            ((0, 90, 90), (120, 210, 200)),
            _growth,
            "søyler som vokser trinn for trinn",
        ),
        (
            ("økonomi", "budsjett", "penger"),
            ((50, 60, 70), (170, 190, 200)),
            _chart,
            "et søylediagram og en mynt",
        ),
        (
            ("kultur", "musikk", "konsert", "teater"),
            ((91, 42, 134), (206, 170, 232)),
            _music,
            "en musikknote",
        ),
        (
            ("arbeidsmiljø", "ansatt", "kollega", "lag"),
            ((0, 80, 60), (140, 210, 180)),
            _people,
            "fire kolleger side om side",
        ),
    )
]


def motif_for(*, topics: tuple[str, ...] = (), title: str = "") -> Motif:
    """The motif of a story: of its first topic, or of a word in its title,
    or people at work."""
    first_topic = topics[0].lower() if topics else ""
    for motif in MOTIFS:
        if first_topic and first_topic.startswith(motif.words):
            return motif
    title_words = title.lower().replace("-", " ").split()
    for motif in MOTIFS:
        if any(word.startswith(motif.words) for word in title_words):
            return motif
    return MOTIFS[-1]


def demo_image_alt(*, topics: tuple[str, ...] = (), title: str = "") -> str:
    """The alt text of the picture `demo_image` draws for these arguments."""
    return f"Tegning: {motif_for(topics=topics, title=title).shows}"


def demo_image(
    *, title: str, rng: random.Random, topics: tuple[str, ...] = (), size=SIZE
) -> Image:
    """Return a Wagtail image titled `title`, drawing it the first time.

    Images are looked up by title to stay idempotent."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    motif = motif_for(topics=topics, title=title)
    dark, light = motif.palette
    width, height = size
    canvas = PILImage.new("RGB", size, dark)
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        mix = y / height
        colour = tuple(
            int(d + (lt - d) * mix) for d, lt in zip(dark, light, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(4):
        radius = rng.randint(height // 12, height // 5)
        x, y = rng.randint(0, width // 3), rng.randint(0, height)
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            outline=light,
            width=5,
        )
    # The drawing a little right of the middle, varied by the seed.
    motif.drawing(
        draw,
        width // 2 + rng.randint(0, width // 8),
        height // 2 + rng.randint(-20, 20),
        height // 4,
        rng,
    )
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=80)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"demo-{slug}.jpg")
    )
