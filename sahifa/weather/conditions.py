"""Words for the WMO weather codes Open-Meteo returns, and for the compass points.

The codes are Open-Meteo's documented subset of WMO code table 4677 ("WMO Weather
interpretation codes (WW)"); any other code is treated as a bad answer.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

CONDITIONS: dict[int, Promise] = {
    0: pgettext_lazy("weather", "clear"),
    1: pgettext_lazy("weather", "mainly clear"),
    2: pgettext_lazy("weather", "partly cloudy"),
    3: pgettext_lazy("weather", "overcast"),
    45: pgettext_lazy("weather", "fog"),
    48: pgettext_lazy("weather", "rime fog"),
    51: pgettext_lazy("weather", "light drizzle"),
    53: pgettext_lazy("weather", "drizzle"),
    55: pgettext_lazy("weather", "dense drizzle"),
    56: pgettext_lazy("weather", "light freezing drizzle"),
    57: pgettext_lazy("weather", "dense freezing drizzle"),
    61: pgettext_lazy("weather", "light rain"),
    63: pgettext_lazy("weather", "rain"),
    65: pgettext_lazy("weather", "heavy rain"),
    66: pgettext_lazy("weather", "light freezing rain"),
    67: pgettext_lazy("weather", "heavy freezing rain"),
    71: pgettext_lazy("weather", "light snow"),
    73: pgettext_lazy("weather", "snow"),
    75: pgettext_lazy("weather", "heavy snow"),
    77: pgettext_lazy("weather", "snow grains"),
    80: pgettext_lazy("weather", "light rain showers"),
    81: pgettext_lazy("weather", "rain showers"),
    82: pgettext_lazy("weather", "violent rain showers"),
    85: pgettext_lazy("weather", "light snow showers"),
    86: pgettext_lazy("weather", "heavy snow showers"),
    95: pgettext_lazy("weather", "thunderstorm"),
    96: pgettext_lazy("weather", "thunderstorm with light hail"),
    99: pgettext_lazy("weather", "thunderstorm with heavy hail"),
}

# Eight points, clockwise from north: (abbreviation, full name for screen readers).
COMPASS: list[tuple[Promise, Promise]] = [
    (pgettext_lazy("compass, short", "N"), pgettext_lazy("compass", "north")),
    (pgettext_lazy("compass, short", "NE"), pgettext_lazy("compass", "northeast")),
    (pgettext_lazy("compass, short", "E"), pgettext_lazy("compass", "east")),
    (pgettext_lazy("compass, short", "SE"), pgettext_lazy("compass", "southeast")),
    (pgettext_lazy("compass, short", "S"), pgettext_lazy("compass", "south")),
    (pgettext_lazy("compass, short", "SW"), pgettext_lazy("compass", "southwest")),
    (pgettext_lazy("compass, short", "W"), pgettext_lazy("compass", "west")),
    (pgettext_lazy("compass, short", "NW"), pgettext_lazy("compass", "northwest")),
]


def compass_point(degrees: float) -> tuple[str, str]:
    """The nearest of eight points to ``degrees``, as (abbreviation, full name)."""
    short, full = COMPASS[round((degrees % 360) / 45) % 8]
    return str(short), str(full)
