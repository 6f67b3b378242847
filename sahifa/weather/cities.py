"""The cities whose weather the site shows, from ``settings.SAHIFA_WEATHER_CITIES``.

The setting is a comma-separated list of ``key:latitude:longitude`` entries (or, for the
cities below, the key alone); the first city is the one a reader sees by default.
Example: ``tashkent:41.2995:69.2401,samarkand`` .
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Uzbekistan's capital and regional centres: names in every language, and coordinates
# so an operator can list them by key alone.
KNOWN_CITIES: dict[str, tuple[Promise, float, float]] = {
    "tashkent": (_("Tashkent"), 41.2995, 69.2401),
    "samarkand": (_("Samarkand"), 39.6542, 66.9597),
    "bukhara": (_("Bukhara"), 39.7681, 64.4556),
    "andijan": (_("Andijan"), 40.7821, 72.3442),
    "namangan": (_("Namangan"), 40.9983, 71.6726),
    "fergana": (_("Fergana"), 40.3864, 71.7864),
    "nukus": (_("Nukus"), 42.4531, 59.6103),
    "karshi": (_("Karshi"), 38.8606, 65.7891),
    "termez": (_("Termez"), 37.2242, 67.2783),
    "navoi": (_("Navoi"), 40.0844, 65.3792),
    "jizzakh": (_("Jizzakh"), 40.1158, 67.8422),
    "gulistan": (_("Gulistan"), 40.4897, 68.7842),
    "urgench": (_("Urgench"), 41.5500, 60.6333),
}
KEY_RE = re.compile(r"^[a-z][a-z0-9-]{0,49}$")


@dataclass(frozen=True)
class City:
    key: str
    latitude: float
    longitude: float

    @property
    def name(self) -> str:
        """The city's name in the active language (the key, capitalised, if unknown)."""
        known = KNOWN_CITIES.get(self.key)
        return str(known[0]) if known else self.key.replace("-", " ").title()


def parse_cities(value: str) -> list[City]:
    """The cities of a setting's value; ImproperlyConfigured naming the bad entry."""
    cities: list[City] = []
    for position, entry in enumerate((e.strip() for e in value.split(",")), start=1):
        if not entry:
            continue
        city = _parse_entry(entry, position)
        if any(c.key == city.key for c in cities):
            raise _bad(entry, position, f"the city '{city.key}' is listed twice")
        cities.append(city)
    if not cities:
        raise ImproperlyConfigured("SAHIFA_WEATHER_CITIES lists no city.")
    return cities


def configured_cities() -> list[City]:
    """The site's cities, in the configured order (the first one is the default)."""
    return parse_cities(settings.SAHIFA_WEATHER_CITIES)


def _parse_entry(entry: str, position: int) -> City:
    key, *coords = (part.strip() for part in entry.split(":"))
    if not KEY_RE.match(key):
        raise _bad(entry, position, "the key must be lower-case latin letters, digits or '-'")
    if not coords:
        if key not in KNOWN_CITIES:
            raise _bad(entry, position, "an unknown city needs ':latitude:longitude'")
        _name, latitude, longitude = KNOWN_CITIES[key]
        return City(key, latitude, longitude)
    if len(coords) != 2:
        raise _bad(entry, position, "expected key:latitude:longitude")
    try:
        latitude, longitude = float(coords[0]), float(coords[1])
    except ValueError:
        raise _bad(entry, position, "latitude and longitude must be numbers") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise _bad(entry, position, "latitude must be within ±90 and longitude within ±180")
    return City(key, latitude, longitude)


def _bad(entry: str, position: int, why: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"SAHIFA_WEATHER_CITIES entry {position} ({entry!r}): {why}.")
