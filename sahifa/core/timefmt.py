"""How the site writes a news item's time: `Today, 09:47`, `Yesterday, 17:48`,
older items `19:48, 1-08-2025`, always in the site's time zone."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _


def news_time(value: datetime, now: datetime | None = None) -> str:
    """The reader-facing time of ``value``, relative to ``now`` (default: the clock)."""
    local = timezone.localtime(value)
    today = timezone.localtime(now or timezone.now()).date()
    clock = local.strftime("%H:%M")
    if local.date() == today:
        return _("Today, %(time)s") % {"time": clock}
    if local.date() == today - timedelta(days=1):
        return _("Yesterday, %(time)s") % {"time": clock}
    return f"{clock}, {local.day}-{local:%m-%Y}"
