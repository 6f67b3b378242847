"""Open-Meteo's forecast API: one request per city for the current weather.

Requests go through `sahifa.core.outbound` (a deadline for each whole attempt, a size
limit, no private addresses unless allowed). Every failure (network, timeout, HTTP
status, bad or deeply nested JSON, missing or absurd values)
becomes a ``WeatherError`` whose message says what was wrong, so the job can log
one clear line and keep the last good reading.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from sahifa.core import outbound
from sahifa.weather.cities import City
from sahifa.weather.conditions import CONDITIONS

CURRENT = ("temperature_2m", "weather_code", "wind_speed_10m", "wind_direction_10m")
UNITS = {"temperature_2m": "°C", "wind_speed_10m": "m/s"}
HEADERS = {"User-Agent": "Sahifa news site weather widget"}
# An answer is about 1 KB; anything this large is not one.
MAX_ANSWER_BYTES = 64 * 1024
# Zones of the world are between UTC-12 and UTC+14.
MAX_OFFSET_SECONDS = 14 * 3600
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


def fetch(city: City, base_url: str, timeout: float, attempts: int = 2) -> Reading:
    """The current weather of ``city``, or WeatherError. ``timeout`` is the deadline of
    each whole attempt. A failed connection, a timeout or a 5xx answer is tried again
    once; anything else is final."""
    params = {
        "latitude": city.latitude,
        "longitude": city.longitude,
        "current": ",".join(CURRENT),
        "wind_speed_unit": "ms",
        "timezone": "GMT",
    }
    url = f"{base_url}{'&' if '?' in base_url else '?'}{urlencode(params)}"
    for attempt in range(1, attempts + 1):
        try:
            answer = outbound.fetch(
                url, deadline=timeout, max_bytes=MAX_ANSWER_BYTES, headers=HEADERS
            )
        except outbound.FetchError as exc:
            if not exc.transient:
                raise WeatherError(str(exc)) from None
            problem = str(exc)
        else:
            if answer.status < 500:
                break
            problem = f"HTTP {answer.status}: {_reason(answer)}"
        if attempt == attempts:
            raise WeatherError(f"{problem} (tried {attempts} times)")
    if answer.status != 200:
        raise WeatherError(f"HTTP {answer.status}: {_reason(answer)}")
    return parse(_json(answer.content))


def _json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        text = content[:80].decode("utf-8", "replace")
        raise WeatherError(f"the answer is not JSON: {text!r}") from None
    except RecursionError:
        raise WeatherError("the answer is JSON nested too deeply") from None


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
    if abs(offset) > MAX_OFFSET_SECONDS:
        raise WeatherError(f"utc_offset_seconds {offset} is not an offset of any zone")
    return (local - timedelta(seconds=offset)).replace(tzinfo=UTC)


def _reason(answer: outbound.Answer) -> str:
    """Open-Meteo explains errors as {"error": true, "reason": "..."}."""
    try:
        reason = json.loads(answer.content).get("reason")
    except (ValueError, AttributeError, RecursionError):
        reason = None
    return str(reason) if reason else answer.content[:80].decode("utf-8", "replace")
