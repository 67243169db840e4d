"""Generated illustrations for demo stories: Pillow only, nothing downloaded."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image

PALETTE = [
    ((0, 68, 107), (91, 176, 214)),
    ((30, 107, 52), (172, 214, 133)),
    ((122, 65, 0), (244, 190, 110)),
    ((91, 42, 134), (206, 170, 232)),
    ((164, 22, 26), (247, 164, 148)),
]


def demo_image(*, title: str, rng: random.Random, size=(1200, 675)) -> Image:
    """Return a Wagtail image titled `title`, drawing it the first time.

    The picture is a gradient with soft circles, seeded by `rng`, so the same seed
    gives the same pictures. Images are looked up by title to stay idempotent.
    """
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    dark, light = rng.choice(PALETTE)
    width, height = size
    canvas = PILImage.new("RGB", size, dark)
    draw = ImageDraw.Draw(canvas)
    for y in range(height):
        mix = y / height
        colour = tuple(
            int(d + (lt - d) * mix) for d, lt in zip(dark, light, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    for _ in range(6):
        radius = rng.randint(height // 10, height // 3)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            outline=(255, 255, 255),
            width=6,
        )
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=80)
    slug = "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:60]
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"demo-{slug}.jpg")
    )
