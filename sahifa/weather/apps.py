from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WeatherConfig(AppConfig):
    name = "sahifa.weather"
    verbose_name = _("Weather")

    def ready(self) -> None:
        # Registers the check that reports a bad SAHIFA_WEATHER_CITIES at start-up.
        from sahifa.core import blocks
        from sahifa.weather import checks  # noqa: F401

        blocks.renew_on_save("weather", "weather.Observation")
