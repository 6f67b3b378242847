"""`{% weather_widget %}`: the header's weather, read from stored rows only."""

from __future__ import annotations

import logging
from typing import Any

from django import template
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from sahifa.core import blocks
from sahifa.weather import display
from sahifa.weather.service import configured_cities, shown_observations

register = template.Library()
logger = logging.getLogger(__name__)


@register.inclusion_tag("weather/widget.html")
def weather_widget() -> dict[str, Any]:
    """Every configured city with a fresh reading; the first is shown, the browser may
    switch to the reader's choice. Nothing at all when no reading is fresh."""
    try:
        # Every page shows it: kept in the cache (sahifa.core.blocks), renewed by new readings.
        cities = ",".join(city.key for city in configured_cities())
        pairs = blocks.cached(f"weather:{cities}", shown_observations, ["weather"])
    except (ImproperlyConfigured, DatabaseError) as exc:
        # The weather must never take a page down with it.
        logger.error("Weather widget left out: %s", exc)
        pairs = []
    return {
        "entries": [
            {"city": city, "observation": obs, "shown": display.shown(obs)} for city, obs in pairs
        ]
    }
