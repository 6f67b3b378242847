"""Open-Meteo's forecast API: one request per city for the current weather.

Every failure (network, timeout, HTTP status, bad JSON, missing or absurd values)
becomes a ``WeatherError`` whose message says what was wrong, so the job can log
one clear line and keep the last good reading.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from sahifa.weather.cities import City
from sahifa.weather.conditions import CONDITIONS

CURRENT = ("temperature_2m", "weather_code", "wind_speed_10m", "wind_direction_10m")
UNITS = {"temperature_2m": "°C", "wind_speed_10m": "m/s"}
# Plausible ranges: anything outside is a broken answer, not weather.
RANGES = {
    "temperature_2m": (-90.0, 60.0),
    "wind_speed_10m": (0.0, 120.0),
    "wind_direction_10m": (0.0, 360.0),
}


class WeatherError(Exception):
    """The service could not give a usable reading; the message says why."""


@dataclass(frozen=True)
class Reading:
    temperature: float
    weather_code: int
    wind_speed: float
    wind_direction: float
    observed_at: datetime


def make_session() -> requests.Session:
    """One connection pool for all the cities of a refresh."""
    session = requests.Session()
    session.headers["User-Agent"] = "Sahifa news site weather widget"
    return session


def fetch(
    city: City, base_url: str, timeout: float, session: requests.Session, attempts: int = 2
) -> Reading:
    """The current weather of ``city``, or WeatherError. A failed connection, a
    timeout or a 5xx answer is tried again once; anything else is final."""
    params: dict[str, str | float] = {
        "latitude": city.latitude,
        "longitude": city.longitude,
        "current": ",".join(CURRENT),
        "wind_speed_unit": "ms",
        "timezone": "GMT",
    }
    for attempt in range(1, attempts + 1):
        try:
            response = session.get(base_url, params=params, timeout=timeout)
        except requests.RequestException as exc:
            problem = _describe(exc, timeout)
        else:
            if response.status_code < 500:
                break
            problem = f"HTTP {response.status_code}: {_reason(response)}"
        if attempt == attempts:
            raise WeatherError(f"{problem} (tried {attempts} times)")
    if response.status_code != 200:
        raise WeatherError(f"HTTP {response.status_code}: {_reason(response)}")
    try:
        payload = response.json()
    except ValueError:
        raise WeatherError(f"the answer is not JSON: {response.text[:80]!r}") from None
    return parse(payload)


def parse(payload: Any) -> Reading:
    """A reading from an Open-Meteo answer, checked field by field."""
    if not isinstance(payload, dict):
        raise WeatherError("the answer is not a JSON object")
    current, units = payload.get("current"), payload.get("current_units")
    if not isinstance(current, dict):
        raise WeatherError("the answer has no 'current' object")
    if not isinstance(units, dict):
        raise WeatherError("the answer has no 'current_units' object")
    for field, unit in UNITS.items():
        if units.get(field) != unit:
            raise WeatherError(f"current_units.{field} is {units.get(field)!r}, expected {unit!r}")
    values = {field: _number(current, field) for field in CURRENT}
    code = values["weather_code"]
    if code != int(code) or int(code) not in CONDITIONS:
        raise WeatherError(f"current.weather_code {code:g} is not a known WMO code")
    for field, (low, high) in RANGES.items():
        if not low <= values[field] <= high:
            raise WeatherError(f"current.{field} {values[field]:g} is out of range")
    return Reading(
        temperature=values["temperature_2m"],
        weather_code=int(code),
        wind_speed=values["wind_speed_10m"],
        wind_direction=values["wind_direction_10m"],
        observed_at=_observed_at(current, payload.get("utc_offset_seconds", 0)),
    )


def _number(current: dict, field: str) -> float:
    value = current.get(field)
    if value is None:
        raise WeatherError(f"current.{field} is missing")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise WeatherError(f"current.{field} is not a number: {value!r}")
    return float(value)


def _observed_at(current: dict, offset: Any) -> datetime:
    """``current.time`` is local to the requested zone, without offset: ISO 8601 minutes."""
    raw = current.get("time")
    if not isinstance(raw, str) or isinstance(offset, bool) or not isinstance(offset, int):
        raise WeatherError(f"current.time is missing or unreadable: {raw!r}")
    try:
        local = datetime.fromisoformat(raw)
    except ValueError:
        raise WeatherError(f"current.time is not an ISO 8601 time: {raw!r}") from None
    if local.tzinfo is not None:
        raise WeatherError(f"current.time carries its own offset: {raw!r}")
    return (local - timedelta(seconds=offset)).replace(tzinfo=UTC)


def _describe(exc: requests.RequestException, timeout: float) -> str:
    if isinstance(exc, requests.Timeout):
        return f"no answer within {timeout:g} s"
    # urllib3 nests the cause ("Failed to resolve ...", "Connection refused") in
    # "HTTPSConnection(host=...): <cause>"; the cause is what an operator needs.
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    cause = str(reason or exc).split("): ", 1)[-1]
    return f"cannot connect: {cause}"


def _reason(response: requests.Response) -> str:
    """Open-Meteo explains errors as {"error": true, "reason": "..."}."""
    try:
        reason = response.json().get("reason")
    except (ValueError, AttributeError):
        reason = None
    return str(reason) if reason else response.text[:80] or response.reason
