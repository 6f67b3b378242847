"""The icon files browsers ask for, drawn from the mark (`drawing`): committed under
static/social/ and static/social/site-root/ (served at the site's root by WhiteNoise,
``WHITENOISE_ROOT``), written again by ``sahifa draw_icons`` after the mark changes."""

from __future__ import annotations

from pathlib import Path

from sahifa.social import drawing

STATIC = Path(__file__).resolve().parent / "static" / "social"
ROOT = STATIC / "site-root"  # favicon.ico and apple-touch-icon.png, at the site's root
FAVICON_SIZES = (16, 32, 48)
APPLE_TOUCH = 180
# name under STATIC -> (size, rounded): rounded for "any" purpose, full square where the
# system cuts its own shape (maskable: the page stays inside the safe circle).
PNG_ICONS = {
    "icon-192.png": (192, True),
    "icon-512.png": (512, True),
    "icon-maskable-512.png": (512, False),
    "site-root/apple-touch-icon.png": (APPLE_TOUCH, False),
    # Asked for by older iPhones and some bots, whatever the page links.
    "site-root/apple-touch-icon-precomposed.png": (APPLE_TOUCH, False),
}


def write_all(folder: Path = STATIC) -> list[Path]:
    """Draw every icon into ``folder`` (and its site-root/); the paths written."""
    (folder / "site-root").mkdir(parents=True, exist_ok=True)
    written = []
    for name, (size, rounded) in PNG_ICONS.items():
        path = folder / name
        image = drawing.mark(size, rounded=rounded)
        if not rounded:  # opaque: iOS puts transparent pixels on black
            image = image.convert("RGB")
        image.save(path, "PNG", optimize=True)
        written.append(path)
    favicon = folder / "site-root" / "favicon.ico"
    # Each size drawn for itself (crisper than one picture scaled down by the encoder).
    *smaller, largest = [drawing.mark(size) for size in FAVICON_SIZES]
    largest.save(favicon, "ICO", sizes=[(s, s) for s in FAVICON_SIZES], append_images=smaller)
    svg = folder / "icon.svg"
    svg.write_text(drawing.mark_svg(), encoding="utf-8")
    return [*written, favicon, svg]
