"""Demo pictures drawn with Pillow: a gradient in the category's colours and a simple
motif, varied per story. Nothing copied: every pixel is made here."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = (1200, 675)
Colour = tuple[int, int, int]

# Two gradient colours and an accent per category code.
PALETTES: dict[str, tuple[Colour, Colour, Colour]] = {
    "world": ((18, 52, 86), (42, 120, 160), (236, 222, 180)),
    "uzbekistan": ((12, 90, 110), (40, 160, 170), (245, 205, 110)),
    "economy": ((28, 60, 40), (80, 140, 90), (240, 200, 90)),
    "sport": ((20, 100, 50), (90, 170, 80), (250, 250, 245)),
    "technology": ((25, 22, 60), (70, 60, 150), (120, 230, 220)),
    "society": ((120, 60, 40), (220, 150, 90), (255, 240, 210)),
    "culture": ((80, 20, 60), (170, 60, 110), (250, 220, 150)),
}


def gradient(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    """A vertical gradient, made from a one-pixel-wide strip (fast at any size)."""
    height = size[1]
    strip = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(height - 1, 1)
        strip.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return strip.resize(size)


def _globe(draw: ImageDraw.ImageDraw, rnd: random.Random, accent: Colour) -> None:
    cx, cy, r = rnd.randint(520, 680), 340, rnd.randint(200, 240)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=accent, width=6)
    for k in (0.35, 0.7):
        draw.ellipse((cx - r * k, cy - r, cx + r * k, cy + r), outline=accent, width=3)
    for dy in (-0.5, 0, 0.5):
        half = r * math.sqrt(1 - dy * dy)
        draw.line((cx - half, cy + dy * r, cx + half, cy + dy * r), fill=accent, width=3)


def _domes(draw: ImageDraw.ImageDraw, rnd: random.Random, accent: Colour) -> None:
    x = rnd.randint(60, 160)
    while x < SIZE[0] - 120:
        w = rnd.randint(140, 220)
        base = 560
        draw.rectangle((x, base - 120, x + w, base), fill=accent)
        draw.pieslice((x, base - 120 - w // 2, x + w, base - 120 + w // 2), 180, 360, fill=accent)
        x += w + rnd.randint(30, 70)
    draw.rectangle((0, 560, SIZE[0], SIZE[1]), fill=tuple(c // 2 for c in accent))


def _bars(draw: ImageDraw.ImageDraw, rnd: random.Random, accent: Colour) -> None:
    height = 120
    for i in range(9):
        height = max(60, min(480, height + rnd.randint(-40, 80)))
        x = 120 + i * 110
        draw.rectangle((x, 600 - height, x + 70, 600), fill=accent)
    draw.line((90, 600, 1110, 600), fill=accent, width=4)


def _pitch(draw: ImageDraw.ImageDraw, rnd: random.Random, accent: Colour) -> None:
    draw.rectangle((80, 80, 1120, 595), outline=accent, width=5)
    draw.line((600, 80, 600, 595), fill=accent, width=5)
    draw.ellipse((510, 247, 690, 427), outline=accent, width=5)
    for x0, x1 in ((80, 260), (940, 1120)):
        draw.rectangle((x0, 210, x1, 465), outline=accent, width=5)
    bx, by = rnd.randint(200, 1000), rnd.randint(150, 520)
    draw.ellipse((bx - 22, by - 22, bx + 22, by + 22), fill=accent)


def _circuit(draw: ImageDraw.ImageDraw, rnd: random.Random, accent: Colour) -> None:
    nodes = [(rnd.randint(80, 1120), rnd.randint(80, 595)) for _ in range(18)]
    for (x0, y0), (x1, y1) in itertools.pairwise(nodes):
        draw.line((x0, y0, x1, y0, x1, y1), fill=accent, width=4)
    for x, y in nodes:
        draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=accent)


def _trees(draw: ImageDraw.ImageDraw, rnd: random.Random, accent: Colour) -> None:
    draw.rectangle((0, 560, SIZE[0], SIZE[1]), fill=tuple(c * 2 // 3 for c in accent))
    for _ in range(7):
        x, r = rnd.randint(80, 1120), rnd.randint(50, 95)
        draw.rectangle((x - 8, 560 - r, x + 8, 570), fill=(90, 60, 40))
        draw.ellipse((x - r, 560 - 3 * r, x + r, 560 - r), fill=accent)


def _stage(draw: ImageDraw.ImageDraw, rnd: random.Random, accent: Colour) -> None:
    for i in range(5):
        x = 150 + i * 220 + rnd.randint(-30, 30)
        draw.polygon(((x, 40), (x - 140, 600), (x + 140, 600)), outline=accent, width=3)
    draw.rectangle((0, 600, SIZE[0], SIZE[1]), fill=accent)


MOTIFS: dict[str, Callable[[ImageDraw.ImageDraw, random.Random, Colour], None]] = {
    "world": _globe,
    "uzbekistan": _domes,
    "economy": _bars,
    "sport": _pitch,
    "technology": _circuit,
    "society": _trees,
    "culture": _stage,
}


def draw_picture(key: str, category: str) -> Image.Image:
    """The picture for one story: the same key always gives the same picture."""
    top, bottom, accent = PALETTES.get(category, PALETTES["world"])
    image = gradient(SIZE, top, bottom)
    MOTIFS.get(category, _globe)(ImageDraw.Draw(image), random.Random(key), accent)
    return image


def write_picture(key: str, category: str, folder: Path) -> Path:
    path = folder / f"{key}.jpg"
    draw_picture(key, category).save(path, "JPEG", quality=85, optimize=True)
    return path
