"""What social cards cost that a page does not show in its own CPU figure: drawing a
branded card (once per card, the first time a page needs it) and making an article
picture's sizes on its first view (the page's two, hero and social, and the three the
structured data adds).

    .venv/bin/python bench/social_cards.py              # 10 of each, a 2,400×1,350 picture
    .venv/bin/python bench/social_cards.py --runs 30 --size 1600x900

CPU ms (median) per card, per picture's sizes. Runs in a scratch var dir (its own SQLite
database and media folder)."""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="cards and pictures made")
    parser.add_argument("--size", default="2400x1350", help="the picture's size, WxH")
    return parser.parse_args()


def cpu_ms(work) -> float:
    started = time.process_time()
    work()
    return (time.process_time() - started) * 1000


def picture(size: tuple[int, int], n: int):
    from django.core.files.images import ImageFile
    from PIL import Image

    from sahifa.images.models import NewsImage

    buffer = io.BytesIO()
    Image.new("RGB", size, (40 + n % 200, 96, 160)).save(buffer, "JPEG", quality=85)
    image = NewsImage(title=f"Bench {n}", file=ImageFile(buffer, name=f"bench-{n}.jpg"))
    image.save()
    return image


def main() -> None:
    args = parse_args()
    size = tuple(int(part) for part in args.size.split("x"))
    var_dir = tempfile.mkdtemp(prefix="sahifa-bench-social-")
    os.environ.update(SAHIFA_VAR_DIR=var_dir, DJANGO_SETTINGS_MODULE="sahifa.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    try:
        import django

        django.setup()
        from django.core.management import call_command

        from sahifa.images import renditions
        from sahifa.social import drawing
        from sahifa.social.pictures import ARTICLE_SIZES

        call_command("migrate", verbosity=0)
        cards = [
            cpu_ms(
                lambda n=n: drawing.card(f"Category {n}", "Sahifa").save(
                    io.BytesIO(), "PNG", optimize=True
                )
            )
            for n in range(args.runs)
        ]
        page = (renditions.HERO, renditions.SOCIAL)
        added = tuple(spec for spec in ARTICLE_SIZES if spec not in page)
        before, after = [], []
        for n in range(args.runs):
            image = picture(size, n)  # type: ignore[arg-type]
            before.append(cpu_ms(lambda image=image: renditions.sized(image, *page)))
            after.append(cpu_ms(lambda image=image: renditions.sized(image, *added)))
        print(f"branded card (1,200×630 PNG, drawn and encoded): {statistics.median(cards):.0f} ms")
        print(
            f"first view of a {args.size} picture: the page's 2 sizes "
            f"{statistics.median(before):.0f} ms, the 3 structured-data sizes added "
            f"{statistics.median(after):.0f} ms (median of {args.runs})"
        )
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
