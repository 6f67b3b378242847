"""Refresh the stored weather (the job's work) and read it back (the pages' work)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sahifa.weather import client
from sahifa.weather.cities import City, configured_cities
from sahifa.weather.models import Observation

logger = logging.getLogger(__name__)
# A reading dated further ahead than this is a broken clock, not weather.
FUTURE_SLACK = timedelta(hours=1)


@dataclass(frozen=True)
class Outcome:
    city: City
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def refresh(cities: list[City] | None = None, now: datetime | None = None) -> list[Outcome]:
    """Fetch every city's current weather and store each good reading.

    A city that fails keeps its last good reading and gets one warning line in the log;
    the other cities go on.
    """
    outcomes = []
    for city in cities if cities is not None else configured_cities():
        outcomes.append(_refresh_city(city, now or timezone.now()))
    return outcomes


def _reading(city: City, now: datetime) -> client.Reading:
    """The city's checked reading; anything unexpected is this city's `WeatherError`
    alone, never the end of the refresh."""
    try:
        reading = client.fetch(city, settings.SAHIFA_WEATHER_URL, settings.SAHIFA_WEATHER_TIMEOUT)
    except client.WeatherError:
        raise
    except Exception as exc:  # noqa: BLE001 - one city's surprise must not stop the others
        logger.exception("Weather for %s: unexpected failure", city.key)
        raise client.WeatherError(f"unexpected failure: {type(exc).__name__}") from None
    if reading.observed_at > now + FUTURE_SLACK:
        raise client.WeatherError(
            f"current.time {reading.observed_at:%Y-%m-%d %H:%M} UTC is in the future"
        )
    return reading


def _refresh_city(city: City, now: datetime) -> Outcome:
    try:
        reading = _reading(city, now)
    except client.WeatherError as exc:
        logger.warning(
            "Weather for %s not updated from %s: %s; %s",
            city.key,
            settings.SAHIFA_WEATHER_URL,
            exc,
            _kept(city),
        )
        return Outcome(city, str(exc))
    store(city, reading, now)
    return Outcome(city)


@transaction.atomic
def store(city: City, reading: client.Reading, now: datetime) -> Observation:
    observation, _created = Observation.objects.update_or_create(
        city=city.key,
        defaults={
            "temperature": reading.temperature,
            "weather_code": reading.weather_code,
            "wind_speed": reading.wind_speed,
            "wind_direction": round(reading.wind_direction) % 360,
            "observed_at": reading.observed_at,
            "fetched_at": now,
        },
    )
    return observation


def shown_observations(now: datetime | None = None) -> list[tuple[City, Observation]]:
    """The configured cities that have a fresh reading, in the configured order."""
    cities = configured_cities()
    rows = {
        row.city: row
        for row in Observation.objects.fresh(now).filter(city__in=[c.key for c in cities])
    }
    return [(city, rows[city.key]) for city in cities if city.key in rows]


def _kept(city: City) -> str:
    last = Observation.objects.filter(city=city.key).values_list("observed_at", flat=True).first()
    if last is None:
        return "no earlier reading to show"
    return f"keeping the reading of {last:%Y-%m-%d %H:%M} UTC (shown for 3 hours)"
