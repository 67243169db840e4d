"""Draw the intranet's app icons (web app manifest) with Pillow.

Run once from the project root, and again only if the design changes; the PNGs it
writes under static/icons/ are committed:

    .venv/bin/python scripts/make_icons.py

The design is a page with a heading and lines of text, white on the brand colour
of static/css/intranet.css (--brand). The maskable icon fills the whole square and
keeps the page inside the safe zone (the middle 80 %), so a phone may crop it to
a circle or a squircle without cutting it.
"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "icons"
BRAND = "#00446b"
PAPER = "#ffffff"
SUPERSAMPLE = 4  # draw large and scale down for smooth edges


def draw_page(draw: ImageDraw.ImageDraw, size: int, scale: float) -> None:
    """A page centred in a square of `size`, `scale` of its side tall."""
    height = size * scale
    width = height * 0.78
    left = (size - width) / 2
    top = (size - height) / 2
    draw.rounded_rectangle(
        (left, top, left + width, top + height), radius=width * 0.08, fill=PAPER
    )
    margin = width * 0.16
    heading = height * 0.1
    y = top + height * 0.14
    draw.rounded_rectangle(
        (left + margin, y, left + width * 0.7, y + heading),
        radius=heading / 3,
        fill=BRAND,
    )
    line = height * 0.055
    y += heading + height * 0.1
    for length in (0.68, 0.68, 0.68, 0.45):
        draw.rounded_rectangle(
            (left + margin, y, left + margin + width * length, y + line),
            radius=line / 2,
            fill=BRAND,
        )
        y += line + height * 0.075


def icon(size: int, *, maskable: bool) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=BRAND)
        draw_page(draw, big, scale=0.5)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 0.18, fill=BRAND)
        draw_page(draw, big, scale=0.64)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon(192, maskable=False).save(OUT / "intranet-192.png", optimize=True)
    icon(512, maskable=False).save(OUT / "intranet-512.png", optimize=True)
    icon(512, maskable=True).save(OUT / "intranet-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
