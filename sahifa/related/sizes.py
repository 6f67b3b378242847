"""How long similar lists are: light, so the web side can read it without `services`."""

from django.conf import settings

SPARE = 4  # stored beyond the shown count, so a list stays full if an item expires


def shown_count() -> int:
    return int(settings.SAHIFA_SIMILAR_COUNT)


def stored_count() -> int:
    return shown_count() + SPARE
