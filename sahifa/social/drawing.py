"""The site's mark (a page with lines of text, on the top bar's blue) and its branded
cards, drawn with Pillow; the same mark as SVG for browsers that take an SVG favicon.

The mark is drawn from one set of shapes on a 512-unit square, so the SVG, the PNG
icons and the cards agree; text is drawn in a font with Latin and Cyrillic letters."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
Point = tuple[int, int]

BRAND: Colour = (10, 58, 102)  # --brand in site.css, the theme colour
PAPER: Colour = (255, 255, 255)
FOLD: Colour = (156, 195, 230)
SOFT: Colour = (205, 222, 240)

GRID = 512
RADIUS = 96  # the rounded square's corner, for icons that are not masked by the system
PAGE: Sequence[Point] = ((136, 96), (316, 96), (376, 156), (376, 416), (136, 416))
CORNER: Sequence[Point] = ((316, 96), (316, 156), (376, 156))
# A headline, then lines of text; the last one short.
LINES: Sequence[tuple[int, int, int, int]] = (
    (176, 176, 336, 212),
    (176, 244, 336, 264),
    (176, 292, 336, 312),
    (176, 340, 288, 360),
)
SUPERSAMPLE = 4  # drawn larger, then scaled down: smooth edges at 16 px

# Bold fonts with Latin and Cyrillic letters, by file name: Pillow looks for them in the
# system's font folders (XDG_DATA_DIRS/fonts), wherever the distribution puts them.
FONT_CANDIDATES = ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")


def mark(size: int, rounded: bool = True) -> Image.Image:
    """The mark as a ``size`` square; ``rounded=False`` fills the square (for systems
    that cut their own shape: apple-touch-icon, maskable icons)."""
    scale = size * SUPERSAMPLE / GRID
    big = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    draw_mark(draw, scale, (0, 0), rounded)
    return big.resize((size, size), Image.Resampling.LANCZOS)


def draw_mark(draw: ImageDraw.ImageDraw, scale: float, origin: Point, rounded: bool = True) -> None:
    """The mark's shapes onto ``draw``, ``scale`` pixels a unit, from ``origin``."""

    def at(points: Sequence[Point]) -> list[tuple[float, float]]:
        return [(origin[0] + x * scale, origin[1] + y * scale) for x, y in points]

    square = at(((0, 0), (GRID, GRID)))
    if rounded:
        draw.rounded_rectangle(square, radius=RADIUS * scale, fill=BRAND)
    else:
        draw.rectangle(square, fill=BRAND)
    draw.polygon(at(PAGE), fill=PAPER)
    draw.polygon(at(CORNER), fill=FOLD)
    for x0, y0, x1, y1 in LINES:
        draw.rectangle(at(((x0, y0), (x1, y1))), fill=BRAND)


def mark_svg() -> str:
    """The mark as an SVG document (the same shapes as `mark`)."""

    def points(shape: Sequence[Point]) -> str:
        return " ".join(f"{x},{y}" for x, y in shape)

    def hex_colour(colour: Colour) -> str:
        return "#{:02x}{:02x}{:02x}".format(*colour)

    lines = "".join(
        f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}"/>'
        for x0, y0, x1, y1 in LINES
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {GRID} {GRID}">'
        f'<rect width="{GRID}" height="{GRID}" rx="{RADIUS}" fill="{hex_colour(BRAND)}"/>'
        f'<polygon points="{points(PAGE)}" fill="{hex_colour(PAPER)}"/>'
        f'<polygon points="{points(CORNER)}" fill="{hex_colour(FOLD)}"/>'
        f'<g fill="{hex_colour(BRAND)}">{lines}</g>'
        "</svg>\n"
    )


@functools.cache
def font_path() -> str:
    """The card font: ``SAHIFA_CARD_FONT`` when set, else the first bold font found
    with Cyrillic letters; "" for Pillow's own (Latin only)."""
    configured = getattr(settings, "SAHIFA_CARD_FONT", "") or os.environ.get("SAHIFA_CARD_FONT")
    if configured:
        return str(configured)
    for name in FONT_CANDIDATES:
        try:
            return str(ImageFont.truetype(name, 10).path)
        except OSError:
            continue
    return ""


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = font_path()
    return ImageFont.truetype(path, size) if path else ImageFont.load_default(size)


CARD_SIZE = (1200, 630)
MARGIN = 80
TITLE_SIZES = (96, 84, 72, 64, 56, 48)
TITLE_LINES = 3


def card(title: str, label: str = "", subtitle: str = "") -> Image.Image:
    """A 1,200×630 card: the mark and ``label`` at the top, ``title`` large (wrapped,
    smaller when long), ``subtitle`` under it."""
    image = Image.new("RGB", CARD_SIZE, BRAND)
    draw = ImageDraw.Draw(image)
    width, height = CARD_SIZE
    mark_size = 96
    image.paste(mark(mark_size), (MARGIN, MARGIN), mark(mark_size))
    if label:
        draw.text(
            (MARGIN + mark_size + 28, MARGIN + mark_size // 2),
            label,
            font=font(44),
            fill=PAPER,
            anchor="lm",
        )
    room = width - 2 * MARGIN
    size, lines = fit(draw, title, room)
    small, sub_lines = fit(draw, subtitle, room, sizes=(40, 36, 32), max_lines=2)
    blocks = [(line, size, round(size * 1.18)) for line in lines]
    if subtitle:
        blocks += [(line, small, round(small * 1.4)) for line in sub_lines]
    # The text block in the middle of the room under the mark.
    top = MARGIN + mark_size
    y = top + (height - 16 - top - sum(step for *_, step in blocks)) // 2
    for n, (line, px, step) in enumerate(blocks):
        draw.text((MARGIN, y), line, font=font(px), fill=PAPER if n < len(lines) else SOFT)
        y += step
    draw.rectangle((0, height - 16, width, height), fill=FOLD)
    return image


def fit(
    draw: ImageDraw.ImageDraw,
    text: str,
    room: int,
    sizes: Sequence[int] = TITLE_SIZES,
    max_lines: int = TITLE_LINES,
) -> tuple[int, list[str]]:
    """The largest size at which ``text`` wraps into ``max_lines`` lines of ``room``
    pixels; at the smallest, the lines that fit, the last one ending with "…"."""
    for size in sizes:
        lines = wrap(draw, text, font(size), room)
        if len(lines) <= max_lines:
            return size, lines
    size = sizes[-1]
    lines = wrap(draw, text, font(size), room)[:max_lines]
    lines[-1] = lines[-1].rstrip(" ,.;:-–—") + "…"
    return size, lines


def wrap(
    draw: ImageDraw.ImageDraw,
    text: str,
    face: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    room: int,
) -> list[str]:
    """Words onto lines no wider than ``room`` (a longer word has a line to itself)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=face) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines or [""]
