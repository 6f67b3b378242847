"""Two-step sign-in in the newsroom (django-otp, TOTP): a member of staff enrols an
authenticator app from their account page (a QR code, then a code from the app to
confirm) and from then on gives its current code at every sign-in; they may turn it
off again with a current code."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


@require_http_methods(["GET", "POST"])
def two_step(request: HttpRequest) -> HttpResponse:
    user = request.user
    confirmed = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if request.method == "POST":
        return _disable(request, confirmed) if confirmed else _confirm(request)
    if confirmed:
        return TemplateResponse(request, "core/admin/two_step.html", {"enabled": True})
    device = _pending_device(request)
    return TemplateResponse(
        request,
        "core/admin/two_step.html",
        {
            "enabled": False,
            "qr_svg": segno.make(device.config_url).svg_inline(scale=5),
            "secret": base64.b32encode(device.bin_key).decode(),
        },
    )


def _pending_device(request: HttpRequest) -> TOTPDevice:
    """The device being enrolled (unconfirmed), made on the first visit."""
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
    return device


def _code(request: HttpRequest) -> str:
    return request.POST.get("otp_token", "").replace(" ", "")[:12]


def _confirm(request: HttpRequest) -> HttpResponse:
    device = _pending_device(request)
    if not device.verify_token(_code(request)):
        messages.error(request, _("That code is not the current one; try the next."))
        return redirect("sahifa_two_step")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    messages.success(request, _("Two-step sign-in is on: sign-ins now ask for a code."))
    return redirect("sahifa_two_step")


def _disable(request: HttpRequest, device: TOTPDevice) -> HttpResponse:
    if not device.verify_token(_code(request)):
        messages.error(request, _("That code is not the current one; try the next."))
        return redirect("sahifa_two_step")
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("sahifa_two_step")


def account_menu_item(request: HttpRequest) -> dict[str, str]:
    return {
        "url": reverse("sahifa_two_step"),
        "label": str(gettext_lazy("Two-step sign-in")),
        "help_text": str(
            gettext_lazy("Ask for a code from an authenticator app at every sign-in.")
        ),
    }
