"""Signing in to the newsroom: failed attempts are limited (django-axes, per account
and per client address, the address found as `sahifa.core.clients` finds it), and staff
who enrolled an authenticator app (django-otp, TOTP) give its current code as well."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import match_token, user_has_device
from wagtail.admin.forms.auth import LoginForm


class SignInForm(LoginForm):
    """Wagtail's sign-in form with a field for the authenticator app's code, needed
    only by users who have enrolled one."""

    otp_token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        help_text=gettext_lazy("Only if you have set up two-step sign-in."),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        user = self.get_user()
        if user is None or not user_has_device(user):
            return cleaned
        device = match_token(user, cleaned.get("otp_token", "").replace(" ", ""))
        if device is None:
            # A wrong code counts as a failed sign-in: the limits hold guessing too.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            self.user_cache = None
            raise ValidationError(
                _("Enter the current code from your authenticator app."), code="otp"
            )
        # django-otp marks the session as verified with this device at login.
        user.otp_device = device
        return cleaned


def locked_out(request: HttpRequest, *args: Any) -> HttpResponse:
    """What a client that failed too often is told (django-axes calls this)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    message = _(
        "Too many failed sign-ins. Try again in %(minutes)d minutes, or ask an "
        "administrator to unlock the account."
    ) % {"minutes": minutes}
    return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
