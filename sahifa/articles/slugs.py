"""Readable ASCII slugs for articles in any script, and the one rule that keeps them
unique: a slug is free in a language when no other article of that language has it now
or had it when published (its old URL redirects, see `FormerSlug`). Every writer (the
admin, the import, the Cyrillic editions) picks slugs with `assign_slugs`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from anyascii import anyascii
from django.utils.text import slugify

if TYPE_CHECKING:
    from sahifa.articles.models import Article

MAX_SLUG_LENGTH = 80
# Slugs that name a route under a category (`/<lang>/<category>/feed/`: its feed) and so
# cannot name an article.
RESERVED_ARTICLE_SLUGS = frozenset({"feed"})
# Numbered slugs checked per round after the first: -2..-10, then -11..-100, ...
_ROUND_SIZES = (9, 90, 900)
# locale id -> slug -> ids of the articles that have it or had it
_Holders = dict[int, dict[str, set[int]]]


def slug_from_text(text: str) -> str:
    """`Ўзбекистон янгиликлари` -> `uzbekiston-yangiliklari`; cut at a word."""
    slug = slugify(anyascii(text).replace("'", ""))
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug or "article"


def assign_slugs(articles: Sequence[Article], wanted: Sequence[str] = ()) -> list[str]:
    """Give each article the first free slug of: the slug ``wanted`` for it, the one it
    has, the headline's, the headline's numbered `-2`, `-3`... An article earlier in
    ``articles`` takes a slug before a later one. Returns the wanted slugs that were
    taken (so the caller can say so), "" for the others."""
    wanted = list(wanted) or [""] * len(articles)
    bases = [slug_from_text(a.headline) for a in articles]
    candidates = [
        _distinct([w, a.slug, base]) for a, w, base in zip(articles, wanted, bases, strict=True)
    ]
    holders = _holders(articles, candidates)
    rounds = [0] * len(articles)
    # Until no article runs out of checked slugs: each pick is then the one it would make
    # with all its slugs checked, an earlier article first.
    while short := _pick(articles, candidates, holders):
        more = []
        for n in short:
            if rounds[n] == len(_ROUND_SIZES):  # a thousand articles with one headline
                raise RuntimeError(f"no free slug for {bases[n]}")
            start = 2 + sum(_ROUND_SIZES[: rounds[n]])
            more.append([f"{bases[n]}-{k}" for k in range(start, start + _ROUND_SIZES[rounds[n]])])
            rounds[n] += 1
            candidates[n] += more[-1]
        _merge(holders, _holders([articles[n] for n in short], more))
    return [w if w and a.slug != w else "" for w, a in zip(wanted, articles, strict=True)]


def _distinct(slugs: list[str]) -> list[str]:
    return list(dict.fromkeys(s for s in slugs if s and s not in RESERVED_ARTICLE_SLUGS))


def _pick(articles: Sequence[Article], candidates: list[list[str]], holders: _Holders) -> list[int]:
    """Give each article its first candidate that no other article has or had and no
    article before it took; returns the articles left without one."""
    used: dict[int, set[str]] = defaultdict(set)
    short = []
    for n, (article, slugs) in enumerate(zip(articles, candidates, strict=True)):
        in_language, taken = used[article.locale_id], holders[article.locale_id]
        free = next(
            (s for s in slugs if s not in in_language and not taken.get(s, set()) - {article.pk}),
            "",
        )
        if not free:
            short.append(n)
        in_language.add(free)
        article.slug = free
    return short


def _merge(holders: _Holders, more: _Holders) -> None:
    for locale_id, slugs in more.items():
        for slug, pks in slugs.items():
            holders[locale_id][slug] |= pks


def _holders(articles: Sequence[Article], candidates: list[list[str]]) -> _Holders:
    """locale id -> slug -> the ids of articles that have it or had it (two queries a
    language)."""
    from sahifa.articles.models import Article, FormerSlug

    by_locale: dict[int, set[str]] = defaultdict(set)
    for article, slugs in zip(articles, candidates, strict=True):
        by_locale[article.locale_id].update(slugs)
    holders: _Holders = defaultdict(lambda: defaultdict(set))
    for locale_id, locale_slugs in by_locale.items():
        now = Article.objects.filter(locale_id=locale_id, slug__in=locale_slugs).values_list(
            "slug", "pk"
        )
        before = FormerSlug.objects.filter(locale_id=locale_id, slug__in=locale_slugs).values_list(
            "slug", "article_id"
        )
        for slug, pk in [*now, *before]:
            holders[locale_id][slug].add(pk)
    return holders


def remember_former_slug(article: Article, old_slug: str, was_published: bool) -> None:
    """Keep the slug a published article had, so its old URL redirects to the new one."""
    from sahifa.articles.models import FormerSlug

    if old_slug and old_slug != article.slug and was_published:
        FormerSlug.objects.update_or_create(
            locale_id=article.locale_id, slug=old_slug, defaults={"article": article}
        )
