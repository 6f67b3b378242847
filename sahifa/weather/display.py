"""How a stored reading reads, in the active language: `+10°`, `overcast`, `2.4 m/s`, `W`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from sahifa.weather.conditions import CONDITIONS, compass_point
from sahifa.weather.models import Observation

MINUS = "\u2212"  # the typographic minus sign, not a hyphen


@dataclass(frozen=True)
class Shown:
    temperature: str
    condition: str
    wind_speed: str
    direction: str
    direction_name: str


def temperature(celsius: float) -> str:
    """Whole degrees with their sign: `+10°`, `0°`, `−3°` (halves round away from zero)."""
    degrees = int(_round(celsius, "1"))
    if degrees > 0:
        return f"+{degrees}°"
    if degrees < 0:
        return f"{MINUS}{-degrees}°"
    return "0°"


def wind_speed(metres_per_second: float) -> str:
    """One decimal and the unit in the active language: `2.4 m/s`, `2.4 м/с`."""
    return _("%(value)s m/s") % {"value": _round(abs(metres_per_second), "0.1")}


def shown(observation: Observation) -> Shown:
    short, full = compass_point(observation.wind_direction)
    return Shown(
        temperature=temperature(observation.temperature),
        condition=str(CONDITIONS[observation.weather_code]),
        wind_speed=wind_speed(observation.wind_speed),
        direction=short,
        direction_name=full,
    )


def _round(value: float, step: str) -> Decimal:
    # repr() keeps 2.45 as "2.45" so it rounds to 2.5, as a reader would expect.
    return Decimal(repr(value)).quantize(Decimal(step), rounding=ROUND_HALF_UP)
