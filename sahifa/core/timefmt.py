"""How the site writes a news item's time: `Today, 09:47`, `Yesterday, 17:48`,
older items `19:48, 1-08-2025`, always in the site's time zone.

Plain functions, usable by templates, feeds and anything else. Pages also carry the
exact moment in `<time datetime>`, and `core/js/newstime.js` rewrites the words in the
browser from it, so a page cached before midnight does not call yesterday "Today".
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

TIME_SLOT = "{time}"  # where the browser puts the clock time in the words below


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


def exact_time(value: datetime) -> str:
    """The machine-readable moment for `<time datetime>`, with the site's offset."""
    return timezone.localtime(value).isoformat(timespec="minutes")


def relative_words() -> dict[str, str]:
    """The active language's "Today"/"Yesterday" phrases, with ``{time}`` for the clock:
    what the browser needs to redo `news_time` itself."""
    return {
        "today": _("Today, %(time)s") % {"time": TIME_SLOT},
        "yesterday": _("Yesterday, %(time)s") % {"time": TIME_SLOT},
        "zone": settings.TIME_ZONE,
    }


def seconds_until_local_midnight(now: datetime | None = None) -> int:
    """How long until the date changes in the site's time zone: the most a cache may
    keep a page whose words say "Today" for a browser that runs no script."""
    local = timezone.localtime(now or timezone.now())
    midnight = datetime.combine(local.date() + timedelta(days=1), time(), local.tzinfo)
    return max(1, int((midnight - local).total_seconds()))
