"""The last good weather reading of each city: written by the periodic job, read by pages."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A reading older than this is not shown: better no weather than a wrong one.
MAX_AGE = timedelta(hours=3)


class ObservationQuerySet(models.QuerySet):
    def fresh(self, now: datetime | None = None) -> ObservationQuerySet:
        """Readings still young enough to show."""
        return self.filter(observed_at__gt=(now or timezone.now()) - MAX_AGE)


class Observation(models.Model):
    """One row per city, replaced whole by each successful fetch."""

    city = models.SlugField(_("city"), max_length=50, unique=True)
    temperature = models.FloatField(_("temperature, °C"))
    weather_code = models.PositiveSmallIntegerField(_("WMO weather code"))
    wind_speed = models.FloatField(_("wind speed, m/s"))
    wind_direction = models.PositiveSmallIntegerField(
        _("wind direction, degrees"), help_text=_("Where the wind blows from; 0 is north.")
    )
    observed_at = models.DateTimeField(_("observed at"))
    fetched_at = models.DateTimeField(_("fetched at"))

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("weather observation")
        verbose_name_plural = _("weather observations")

    def __str__(self) -> str:
        return f"{self.city} {self.temperature}°C at {self.observed_at:%Y-%m-%d %H:%M}"

    @property
    def expires_at(self) -> datetime:
        return self.observed_at + MAX_AGE
