"""The real Open-Meteo client against a local server playing documented answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from sahifa.weather import client
from sahifa.weather.cities import City
from sahifa.weather.conditions import CONDITIONS
from sahifa.weather.tests.conftest import RESPONSES, OpenMeteoDouble

TASHKENT = City("tashkent", 41.2995, 69.2401)


def fetch(double: OpenMeteoDouble, timeout: float = 0.5) -> client.Reading:
    return client.fetch(TASHKENT, double.url, timeout)


def test_normal_answer_is_read_and_the_request_asks_for_metres_per_second(open_meteo):
    observed = datetime(2026, 11, 26, 15, 15, tzinfo=UTC)
    open_meteo.answer(body=open_meteo.body(observed))
    reading = fetch(open_meteo)
    assert reading == client.Reading(
        temperature=10.2, weather_code=3, wind_speed=2.4, wind_direction=268, observed_at=observed
    )
    (query,) = open_meteo.requests
    assert query["current"] == ["temperature_2m,weather_code,wind_speed_10m,wind_direction_10m"]
    assert query["wind_speed_unit"] == ["ms"]
    assert (query["latitude"], query["longitude"]) == (["41.2995"], ["69.2401"])


def test_local_time_with_an_offset_is_turned_into_utc(open_meteo):
    payload = open_meteo.payload()
    payload.update(utc_offset_seconds=18000, timezone="Asia/Tashkent")
    payload["current"]["time"] = "2026-11-26T20:15"
    open_meteo.answer(body=payload)
    assert fetch(open_meteo).observed_at == datetime(2026, 11, 26, 15, 15, tzinfo=UTC)


@pytest.mark.parametrize("code", sorted(CONDITIONS))
def test_every_documented_weather_code_is_accepted(open_meteo, code):
    open_meteo.answer(body=open_meteo.body(weather_code=code))
    assert fetch(open_meteo).weather_code == code


@pytest.mark.parametrize("code", [4, 42, 100, 3.5])
def test_an_undocumented_weather_code_is_refused(open_meteo, code):
    open_meteo.answer(body=open_meteo.body(weather_code=code))
    with pytest.raises(client.WeatherError, match="not a known WMO code"):
        fetch(open_meteo)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.pop("current"), "no 'current' object"),
        (lambda d: d.pop("current_units"), "no 'current_units' object"),
        (lambda d: d["current"].pop("temperature_2m"), "current.temperature_2m is missing"),
        (lambda d: d["current"].pop("weather_code"), "current.weather_code is missing"),
        (lambda d: d["current"].pop("wind_speed_10m"), "current.wind_speed_10m is missing"),
        (lambda d: d["current"].pop("wind_direction_10m"), "wind_direction_10m is missing"),
        (lambda d: d["current"].pop("time"), "current.time is missing"),
        (lambda d: d["current"].update(temperature_2m=None), "temperature_2m is missing"),
        (lambda d: d["current"].update(wind_speed_10m="2.4"), "wind_speed_10m is not a number"),
        (lambda d: d["current"].update(weather_code=True), "weather_code is not a number"),
        (lambda d: d["current"].update(time="yesterday"), "not an ISO 8601 time"),
        (lambda d: d["current"].update(temperature_2m=612.0), "out of range"),
        (lambda d: d["current"].update(wind_direction_10m=-5), "out of range"),
        (lambda d: d["current_units"].update(wind_speed_10m="km/h"), "expected 'm/s'"),
        (lambda d: d["current_units"].update(temperature_2m="°F"), "expected '°C'"),
    ],
)
def test_missing_or_wrong_fields_are_refused_with_the_field_named(open_meteo, damage, message):
    payload = open_meteo.payload()
    damage(payload)
    open_meteo.answer(body=payload)
    with pytest.raises(client.WeatherError, match=message):
        fetch(open_meteo)


def test_http_500_is_retried_once_then_reported(open_meteo):
    open_meteo.answer(status=500, body=b"Internal Server Error")
    with pytest.raises(client.WeatherError, match="HTTP 500"):
        fetch(open_meteo)
    assert len(open_meteo.requests) == 2


def test_one_500_then_a_good_answer_succeeds_on_the_retry(open_meteo):
    open_meteo.queue(status=500, body=b"")
    assert fetch(open_meteo).temperature == 10.2
    assert len(open_meteo.requests) == 2


def test_open_meteo_error_reason_is_passed_on(open_meteo):
    open_meteo.answer(status=400, body=json.loads((RESPONSES / "error.json").read_text()))
    with pytest.raises(client.WeatherError, match="HTTP 400: Latitude must be in range"):
        fetch(open_meteo)
    assert len(open_meteo.requests) == 1  # a client error is not retried


@pytest.mark.parametrize("body", [b'{"current": {"time": "2026-11-', b"<html>busy</html>", b""])
def test_malformed_json_is_refused(open_meteo, body):
    open_meteo.answer(body=body)
    with pytest.raises(client.WeatherError, match="not JSON"):
        fetch(open_meteo)


def test_a_json_list_is_refused(open_meteo):
    open_meteo.answer(body=b"[1, 2]")
    with pytest.raises(client.WeatherError, match="not a JSON object"):
        fetch(open_meteo)


def test_slow_answer_past_the_timeout_is_retried_once_then_reported(open_meteo):
    open_meteo.answer(delay=1.0)
    with pytest.raises(
        client.WeatherError, match=r"no whole answer within 0.2 s \(tried 2 times\)"
    ):
        fetch(open_meteo, timeout=0.2)
    assert len(open_meteo.requests) == 2


def test_slow_first_answer_then_a_quick_one_succeeds(open_meteo):
    open_meteo.queue(delay=1.0)
    assert fetch(open_meteo, timeout=0.2).weather_code == 3


def test_nobody_listening_is_reported(loopback_fetches):
    double = OpenMeteoDouble()  # bound, never served: nothing accepts, so connect fails
    double.server.server_close()
    with pytest.raises(
        client.WeatherError, match="could not connect to 127.0.0.1: .*tried 2 times"
    ):
        fetch(double)


def test_observed_time_is_kept_to_the_minute(open_meteo):
    when = datetime.now(UTC) - timedelta(hours=2)
    open_meteo.answer(body=open_meteo.body(when))
    assert fetch(open_meteo).observed_at <= when
