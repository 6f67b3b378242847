"""The weather job: every 10 minutes, fetch and store each city's current weather."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from sahifa.weather import service


@db_periodic_task(crontab(minute="*/10"))
def refresh_weather() -> None:
    # Failures are logged per city inside; the job itself never raises for them.
    service.refresh()
