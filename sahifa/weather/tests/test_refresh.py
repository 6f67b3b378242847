"""The job: store good readings, keep the last good one on failure, show it for 3 hours."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sahifa.weather import service
from sahifa.weather.models import Observation
from sahifa.weather.tasks import refresh_weather

pytestmark = pytest.mark.django_db


def warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "sahifa.weather.service"]


def test_refresh_stores_the_reading(open_meteo):
    observed = datetime.now(UTC) - timedelta(minutes=20)
    open_meteo.answer(body=open_meteo.body(observed, temperature_2m=-2.6, wind_direction_10m=359))
    (outcome,) = service.refresh()
    assert outcome.ok
    row = Observation.objects.get(city="tashkent")
    assert (row.temperature, row.weather_code, row.wind_speed, row.wind_direction) == (
        -2.6,
        3,
        2.4,
        359,
    )
    assert row.observed_at <= observed < row.observed_at + timedelta(minutes=15)


@pytest.mark.parametrize(
    ("status", "body", "delay", "reason"),
    [
        (500, b"Internal Server Error", 0, "HTTP 500"),
        (200, b'{"current": ', 0, "not JSON"),
        (200, b'{"current": {}, "current_units": {}}', 0, "current_units.temperature_2m"),
        (200, None, 1.0, "no whole answer within 0.5 s"),
        (200, b"[" * 20_000 + b"]" * 20_000, 0, "nested too deeply"),
    ],
)
def test_a_failure_keeps_the_last_good_reading_and_logs_one_line(
    open_meteo, caplog, status, body, delay, reason
):
    service.refresh()
    before = Observation.objects.get(city="tashkent")
    open_meteo.answer(status=status, body=body, delay=delay)
    caplog.set_level(logging.WARNING)
    (outcome,) = service.refresh()
    assert not outcome.ok and reason in outcome.error
    (line,) = warnings(caplog)
    assert line.startswith("Weather for tashkent not updated from http://127.0.0.1:")
    assert reason in line and "keeping the reading of" in line
    after = Observation.objects.get(city="tashkent")
    assert (after.temperature, after.observed_at, after.fetched_at) == (
        before.temperature,
        before.observed_at,
        before.fetched_at,
    )


def test_failure_with_no_earlier_reading_says_so(open_meteo, caplog):
    open_meteo.answer(status=503, body=b"")
    caplog.set_level(logging.WARNING)
    service.refresh()
    (line,) = warnings(caplog)
    assert "no earlier reading to show" in line
    assert not Observation.objects.exists()


def test_a_reading_from_the_future_is_refused(open_meteo):
    open_meteo.answer(body=open_meteo.body(datetime.now(UTC) + timedelta(hours=5)))
    (outcome,) = service.refresh()
    assert "in the future" in outcome.error
    assert not Observation.objects.exists()


def test_one_failing_city_does_not_stop_the_others(open_meteo, settings, caplog):
    settings.SAHIFA_WEATHER_CITIES = "tashkent,samarkand,nowhere:95.0:0"  # a bad entry
    with pytest.raises(Exception, match="entry 3"):
        service.refresh()
    settings.SAHIFA_WEATHER_CITIES = "tashkent,samarkand"
    open_meteo.queue(status=400, body={"error": True, "reason": "Parameter broken"})
    caplog.set_level(logging.WARNING)
    outcomes = service.refresh()
    assert [(o.city.key, o.ok) for o in outcomes] == [("tashkent", False), ("samarkand", True)]
    assert list(Observation.objects.values_list("city", flat=True)) == ["samarkand"]
    assert len(warnings(caplog)) == 1
    assert open_meteo.requests[1]["latitude"] == ["39.6542"]


def test_stale_rules_with_a_controlled_clock(open_meteo):
    service.refresh()
    observed = Observation.objects.get().observed_at
    shown = [
        c.key for c, _ in service.shown_observations(now=observed + timedelta(hours=2, minutes=59))
    ]
    assert shown == ["tashkent"]
    assert service.shown_observations(now=observed + timedelta(hours=3)) == []
    # A later good reading brings the widget back.
    open_meteo.answer(body=open_meteo.body(observed + timedelta(hours=4)))
    service.refresh(now=observed + timedelta(hours=4, minutes=1))
    later = observed + timedelta(hours=4, minutes=2)
    assert [c.key for c, _ in service.shown_observations(now=later)] == ["tashkent"]


def test_readings_of_cities_no_longer_configured_are_not_shown(open_meteo, settings):
    settings.SAHIFA_WEATHER_CITIES = "samarkand"
    service.refresh()
    settings.SAHIFA_WEATHER_CITIES = "tashkent"
    assert service.shown_observations() == []


def test_command_refresh_reports_each_city(open_meteo, capsys):
    call_command("weather", "refresh")
    assert "tashkent: stored" in capsys.readouterr().out
    open_meteo.answer(status=500, body=b"")
    with pytest.raises(CommandError, match="not updated for tashkent; last good readings kept"):
        call_command("weather", "refresh")
    assert "tashkent: not updated: HTTP 500" in capsys.readouterr().err


def test_command_needs_an_action():
    with pytest.raises(CommandError):
        call_command("weather")


def test_the_job_runs_every_ten_minutes_and_stores(open_meteo):
    at = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    runs = [refresh_weather.s().validate_datetime(at + timedelta(minutes=m)) for m in range(60)]
    assert [m for m, run in enumerate(runs) if run] == [0, 10, 20, 30, 40, 50]
    refresh_weather()  # tests run jobs inline
    assert Observation.objects.filter(city="tashkent").exists()


def test_the_job_does_not_raise_when_the_service_is_down(open_meteo):
    open_meteo.answer(status=500, body=b"")
    refresh_weather()
    assert not Observation.objects.exists()


def test_expires_three_hours_after_observation(open_meteo):
    service.refresh()
    row = Observation.objects.get()
    assert row.expires_at - row.observed_at == timedelta(hours=3)
    assert row.observed_at <= timezone.now()


def test_a_trickling_answer_is_cut_off_at_the_deadline_of_the_whole_fetch(open_meteo):
    open_meteo.answer(trickle=0.1)  # a byte every 0.1 s: each read well within 0.5 s
    (outcome,) = service.refresh()
    assert "no whole answer within 0.5 s" in outcome.error
    assert not Observation.objects.exists()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ({"utc_offset_seconds": 10**18}, "utc_offset_seconds 1000000000000000000 is not an offset"),
        ({"utc_offset_seconds": -(10**9)}, "is not an offset of any zone"),
    ],
)
def test_an_absurd_answer_aborts_only_its_city(open_meteo, settings, caplog, damage, reason):
    settings.SAHIFA_WEATHER_CITIES = "tashkent,samarkand"
    open_meteo.queue(body={**open_meteo.payload(), **damage})
    caplog.set_level(logging.WARNING)
    outcomes = service.refresh()
    assert [(o.city.key, o.ok) for o in outcomes] == [("tashkent", False), ("samarkand", True)]
    assert reason in outcomes[0].error
    (line,) = warnings(caplog)
    assert line.startswith("Weather for tashkent not updated")


def test_the_weather_service_on_a_private_address_is_refused(settings):
    settings.SAHIFA_WEATHER_URL = "http://127.0.0.1:6379/v1/forecast"
    (outcome,) = service.refresh()
    assert "is a private address" in outcome.error
