"""Headers every response carries beyond Django's own: the Content-Security-Policy
(strict on the public site, no inline scripts; looser only where the Wagtail admin needs
it) and the Permissions-Policy. The policies themselves are settings
(``SAHIFA_CSP_PUBLIC``, ``SAHIFA_CSP_ADMIN``); docs/security.md explains each."""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIXES = ("/admin/", "/django-admin/")

# Nothing on the site asks for these; a script that got in cannot either.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for admin addresses and for the
    newsroom's previews (Wagtail renders them through the middleware again, on a request
    of its own marked ``is_preview`` at the previewed object's address)."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin = request.path.startswith(ADMIN_PREFIXES) or getattr(request, "is_preview", False)
        if not report_only and parts.config is None and admin:
            parts.config = settings.SAHIFA_CSP_ADMIN
        return parts


def permissions_policy(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[[HttpRequest], HttpResponseBase]:
    def middleware(request: HttpRequest) -> HttpResponseBase:
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware
