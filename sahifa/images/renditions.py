"""The picture sizes the public pages use, and fetching them for many pictures at once
(see `attach`), so templates name them the same way and never query per picture."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence

from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, AbstractRendition, Filter
from wagtail.images.shortcuts import get_renditions_or_not_found

# A card in a list or grid: 16:9 around the focal point.
CARD = "fill-480x270-c100"
# The article's main picture and the home page's top story.
HERO = "fill-960x540-c100"
# Social cards (og:image): the 1.91:1 size Telegram, Facebook and X expect.
SOCIAL = "fill-1200x630-c100"
# Structured data (NewsArticle `image`): 16:9, 4:3 and 1:1, 1,200 px wide when the
# picture is that large (Wagtail never enlarges one).
WIDE = "fill-1200x675-c100"
STANDARD = "fill-1200x900-c100"
SQUARE = "fill-1200x1200-c100"
# Pictures inside an article body (rich-text image formats).
BODY_FULL = "width-960"
BODY_SIDE = "width-480"


def attach(wanted: Iterable[tuple[AbstractImage, Sequence[str]]]) -> None:
    """Give each image its renditions in the sizes asked for it as prefetched ones, which
    Wagtail's rendition lookups read first: from Wagtail's rendition cache in one read,
    those not there from the database in one query (and then kept in that cache)."""
    by_id: dict[int, list[AbstractImage]] = defaultdict(list)
    specs: dict[int, set[str]] = defaultdict(set)
    for image, sizes in wanted:
        by_id[image.pk].append(image)
        specs[image.pk].update(sizes)
    if not by_id:
        return
    rendition_model = get_image_model().get_rendition_model()
    keys = {
        _cache_key(rendition_model, by_id[pk][0], spec): pk
        for pk, sizes in specs.items()
        for spec in sizes
    }
    found: dict[int, list[AbstractRendition]] = defaultdict(list)
    for key, rendition in rendition_model.cache_backend.get_many(list(keys)).items():
        found[keys[key]].append(rendition)
    missing = {pk: by_id[pk][0] for pk in by_id if len(found[pk]) < len(specs[pk])}
    if missing:
        all_specs = set().union(*(specs[pk] for pk in missing))
        found.update(_from_database(rendition_model, missing, all_specs, keys))
    for pk, shown in by_id.items():
        for rendition in found[pk]:
            rendition.image = shown[0]  # as Wagtail's own lookups do: no query for it later
        for image in shown:
            # Added to those attached before (the page's sizes, then its metadata's).
            new = {rendition.pk for rendition in found[pk]}
            earlier = [r for r in getattr(image, "prefetched_renditions", []) if r.pk not in new]
            image.prefetched_renditions = [*earlier, *found[pk]]


def sized(image: AbstractImage, *specs: str) -> dict[str, AbstractRendition]:
    """The renditions of ``image`` in these sizes, by size: prefetched ones (`attach`),
    else from Wagtail's rendition cache, else from the database, else made now. A
    picture whose file is missing gets Wagtail's stand-in, 0 px wide."""
    # Unlike get_rendition, a rendition read from the cache is not written back to it:
    # a pickle per picture per request saved.
    return get_renditions_or_not_found(image, [filter_for(spec) for spec in specs])


def _from_database(
    rendition_model: type[AbstractRendition],
    images: dict[int, AbstractImage],
    specs: set[str],
    keys: dict[str, int],
) -> dict[int, list[AbstractRendition]]:
    """These images' renditions in these sizes, the current ones written to the cache."""
    found: dict[int, list[AbstractRendition]] = {pk: [] for pk in images}
    current = {}
    renditions = rendition_model.objects.filter(image_id__in=list(images), filter_spec__in=specs)
    for rendition in renditions:
        found[rendition.image_id].append(rendition)
        key = rendition_model.construct_cache_key(
            images[rendition.image_id], rendition.focal_point_key, rendition.filter_spec
        )
        if key in keys:  # made for the image's present focal point
            current[key] = rendition
    if current:
        rendition_model.cache_backend.set_many(current)
    return found


def _cache_key(rendition_model: type[AbstractRendition], image: AbstractImage, spec: str) -> str:
    return rendition_model.construct_cache_key(image, filter_for(spec).get_cache_key(image), spec)


@functools.cache
def filter_for(spec: str) -> Filter:
    """One Filter a size for the process: Wagtail parses a Filter's spec into operations
    once per object, and pages ask for the same few sizes on every request."""
    return Filter(spec=spec)
