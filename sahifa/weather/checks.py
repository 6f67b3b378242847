"""Start-up check: a mistyped SAHIFA_WEATHER_CITIES is reported before the first page."""

from __future__ import annotations

from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from sahifa.weather.cities import configured_cities


@register()
def check_weather_cities(app_configs=None, **kwargs) -> list[Error]:
    try:
        configured_cities()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="sahifa_weather.E001")]
    return []
