"""When the database is unreachable: readers get the last kept version of a page, or a
short translated 503 page; for ``SAHIFA_DB_RETRY_SECONDS`` after a failure a process does
not try the database again for pages (each try can wait for a connect timeout), then it
tries again by itself: no restart is needed when the database is back."""

from __future__ import annotations

import logging
import time

from csp.utils import build_policy
from django.conf import settings
from django.db import DatabaseError, InterfaceError, connection
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import translation

from sahifa.pagecache import headers

log = logging.getLogger(__name__)
DB_ERRORS = (DatabaseError, InterfaceError)
_down_until = 0.0


def failed(exception: BaseException) -> bool:
    """Note a database that cannot be reached (True) or say this is another kind of error
    (False): a query the database refused (a missing table, say) is a bug to report, not
    an outage, so the database is asked once more whether it answers at all."""
    global _down_until
    if not isinstance(exception, DB_ERRORS) or answers():
        return False
    if not is_down():
        log.warning("database unreachable, serving kept pages: %s", exception)
    _down_until = time.monotonic() + settings.SAHIFA_DB_RETRY_SECONDS
    return True


def answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DB_ERRORS:
        return False


def is_down() -> bool:
    return time.monotonic() < _down_until


def recovered() -> None:
    global _down_until
    _down_until = 0.0


def unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page, in the language of the address, without the database."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        html = loader.get_template("pagecache/unavailable.html").render({"language_code": language})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.SAHIFA_PAGE_CACHE_RETRY_AFTER)
    # Answered before the policy's middleware (the page cache serves from in front of it).
    response["Content-Security-Policy"] = build_policy()
    headers.mark_private(response)
    return response
