"""Fill a scratch database with N published articles fast (bulk inserts, no revisions,
no search indexing): four languages, eight categories each with one much bigger than the
rest (so deep pages like /page/300/ exist), times spread over two years, pictures on most
articles. Needs Django set up; the caller picks the database through the environment."""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from bench.corpus import LANGUAGES, Text, cycle, texts_by_language

# slug -> (weight, name per language). "world" holds about 30% of a language's articles.
CATEGORIES = {
    "world": (30, {"uz": "Dunyo", "uz-cyrl": "Дунё", "ru": "В мире", "en": "World"}),
    "politics": (12, {"uz": "Siyosat", "uz-cyrl": "Сиёсат", "ru": "Политика", "en": "Politics"}),
    "economy": (12, {"uz": "Iqtisod", "uz-cyrl": "Иқтисод", "ru": "Экономика", "en": "Economy"}),
    "society": (12, {"uz": "Jamiyat", "uz-cyrl": "Жамият", "ru": "Общество", "en": "Society"}),
    "sport": (10, {"uz": "Sport", "uz-cyrl": "Спорт", "ru": "Спорт", "en": "Sport"}),
    "technology": (
        8,
        {"uz": "Texnologiya", "uz-cyrl": "Технология", "ru": "Технологии", "en": "Technology"},
    ),
    "culture": (8, {"uz": "Madaniyat", "uz-cyrl": "Маданият", "ru": "Культура", "en": "Culture"}),
    "health": (8, {"uz": "Salomatlik", "uz-cyrl": "Саломатлик", "ru": "Здоровье", "en": "Health"}),
}
BIG_CATEGORY = "world"
IMAGE_COUNT = 24
TWO_YEARS = timedelta(days=730)


def ensure_categories() -> dict[str, list]:
    """The eight categories in every language, linked as translations; per language."""
    import uuid

    from wagtail.models import Locale

    from sahifa.articles.models import Category

    by_language: dict[str, list] = {}
    for order, (slug, (_weight, names)) in enumerate(CATEGORIES.items()):
        key = uuid.uuid5(uuid.NAMESPACE_URL, f"sahifa-bench-category-{slug}")
        for language in LANGUAGES:
            category, _ = Category.objects.get_or_create(
                locale=Locale.objects.get(language_code=language),
                slug=slug,
                defaults={"name": names[language], "sort_order": order, "translation_key": key},
            )
            by_language.setdefault(language, []).append(category)
    return by_language


def ensure_images(count: int = IMAGE_COUNT) -> list:
    """``count`` generated JPEG pictures with captions and credits (reused if present)."""
    from django.core.files.images import ImageFile
    from PIL import Image

    from sahifa.images.models import NewsImage

    images = list(NewsImage.objects.filter(source_uri__startswith="bench:").order_by("pk"))
    rng = random.Random(7)
    for n in range(len(images), count):
        buffer = io.BytesIO()
        colour = tuple(rng.randrange(256) for _ in range(3))
        Image.new("RGB", (1200, 800), colour).save(buffer, "JPEG", quality=80)
        images.append(
            NewsImage.objects.create(
                title=f"Bench picture {n}",
                file=ImageFile(buffer, name=f"bench-{n}.jpg"),
                caption=f"Picture {n}",
                credit="Sahifa bench",
                source_uri=f"bench:{n}",
            )
        )
    return images


def _weighted_slugs() -> list[str]:
    return [slug for slug, (weight, _names) in CATEGORIES.items() for _ in range(weight)]


def _article(n: int, text: Text, category, image, when, rng: random.Random):
    from sahifa.articles.models import Article
    from sahifa.articles.slugs import slug_from_text

    live = rng.random() > 0.01  # a few unpublished drafts, as in a real newsroom
    return Article(
        headline=text.headline[:300],
        slug=f"{slug_from_text(text.headline)[:60]}-{n}",
        lead=text.lead,
        body="".join(f"<p>{p}</p>" for p in text.paragraphs),
        locale_id=category.locale_id,
        category=category,
        image=image if rng.random() < 0.8 else None,
        byline="Sahifa" if n % 3 else "",
        source_name="Bench wire" if n % 5 == 0 else "",
        source_url="https://example.org/wire" if n % 10 == 0 else "",
        live=live,
        first_published_at=when if live else None,
        last_published_at=when if live else None,
        updated_at=when,
        view_count=rng.randrange(5000),
    )


def load_articles(
    total: int,
    batch_size: int = 2000,
    seed: int = 1,
    progress: Callable[[str], None] = print,
    languages: Sequence[str] = LANGUAGES,
) -> tuple[int, float]:
    """Add articles until the database holds ``total``, the ``languages`` in turn;
    (added, seconds)."""
    from sahifa.articles.models import Article

    existing = Article.objects.count()
    if existing >= total:
        return 0, 0.0
    categories = ensure_categories()
    images = ensure_images()
    pools = {lang: cycle(texts) for lang, texts in texts_by_language(seed=seed).items()}
    slugs = _weighted_slugs()
    by_slug = {lang: {c.slug: c for c in cats} for lang, cats in categories.items()}
    rng = random.Random(seed + existing)
    now = timezone.now()
    started = time.perf_counter()
    for first in range(existing, total, batch_size):
        batch = []
        for n in range(first, min(first + batch_size, total)):
            # Oldest first, so ids grow with time as on a real site.
            when = now - TWO_YEARS * (1 - n / total) - timedelta(seconds=rng.randrange(600))
            language = languages[n % len(languages)]
            category = by_slug[language][rng.choice(slugs)]
            text = next(pools[language])
            batch.append(_article(n, text, category, rng.choice(images), when, rng))
        with transaction.atomic():
            Article.objects.bulk_create(batch)
        progress(f"  {first + len(batch):,} / {total:,} articles")
    return total - existing, time.perf_counter() - started


def pin_top_story(language: str = "en") -> None:
    """One pinned story in one language; the others fall back to their newest article."""
    from sahifa.articles.models import Article

    article = (
        Article.objects.filter(locale__language_code=language, live=True)
        .order_by("-first_published_at")[100:101]
        .first()
    )
    if article:
        Article.objects.filter(pk=article.pk).update(is_top_story=True)


def fill_similar_lists(per_article: int = 6) -> int:
    """Give every published article a stored similar list, as the similar-news engine
    would after its first pass: here the nearest articles in time of its language and
    category. Returns the rows written (none when lists are there already)."""
    from django.db import connection

    from sahifa.articles.models import Article
    from sahifa.related.models import SimilarItem

    if SimilarItem.objects.exists():
        return 0
    groups: dict[tuple[int, int], list[int]] = {}
    published = Article.objects.filter(live=True).order_by("pk")
    for pk, locale_id, category_id in published.values_list("pk", "locale_id", "category_id"):
        groups.setdefault((locale_id, category_id), []).append(pk)
    rows = []
    for ids in groups.values():
        for index, pk in enumerate(ids):
            # The ones just before, then just after for the group's first articles.
            nearest = ids[max(0, index - per_article) : index][::-1]
            nearest += ids[index + 1 : index + 1 + per_article - len(nearest)]
            rows += [(pk, other, rank, 1 / (rank + 1)) for rank, other in enumerate(nearest)]
    table = connection.ops.quote_name(SimilarItem._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (article_id, similar_id, rank, score, pinned)"
            " VALUES (%s, %s, %s, %s, FALSE)",
            rows,
        )
    return len(rows)
