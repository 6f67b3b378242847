"""Signing in: failed attempts are limited per account and per client address (the
address behind our own proxies, never the proxy's), and staff who enrolled an
authenticator app must give its code."""

from __future__ import annotations

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password 1"
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def limits(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.SAHIFA_TRUSTED_PROXIES = [PROXY]


@pytest.fixture
def staff(db):
    users = get_user_model().objects
    return [
        users.create_superuser(name, f"{name}@example.com", PASSWORD) for name in ("boss", "ed")
    ]


LOCKED = (
    "Too many failed sign-ins. Try again in %(minutes)d minutes, or ask an "
    "administrator to unlock the account."
)


def says(response, message: str) -> bool:
    """Whether the response shows ``message`` in the language it answered in."""
    with translation.override(response["Content-Language"]):
        return gettext(message)[:24] in response.content.decode()


def sign_in(client, username: str, password: str, address: str, **fields: str):
    """A sign-in through our proxy, from ``address``."""
    data = {"username": username, "password": password, **fields}
    return client.post("/admin/login/", data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def test_an_account_is_locked_after_repeated_failures_even_with_the_right_password(
    client, limits, staff
):
    codes = [sign_in(client, "boss", f"guess {i}", f"203.0.113.{i}").status_code for i in range(5)]
    assert codes == [200] * 4 + [429]  # the form again, then locked at the fifth
    locked = sign_in(client, "boss", PASSWORD, "198.51.100.1")
    assert locked.status_code == 429
    assert says(locked, LOCKED)


def test_an_address_is_locked_but_others_behind_the_same_proxy_sign_in(client, limits, staff):
    for i in range(5):  # one attacker tries many accounts from one address
        sign_in(client, f"user{i}", "guess", "203.0.113.9")
    assert sign_in(client, "ed", PASSWORD, "203.0.113.9").status_code == 429
    # Everyone else reaches the site through the same proxy and is not locked out.
    response = sign_in(client, "ed", PASSWORD, "198.51.100.7")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_a_forged_forwarded_for_from_outside_does_not_dodge_the_limit(client, limits, staff):
    for i in range(6):  # straight to the server, inventing a new address each time
        response = client.post(
            "/admin/login/",
            {"username": f"user{i}", "password": "guess"},
            REMOTE_ADDR="203.0.113.50",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{i}",
        )
    assert response.status_code == 429


def enrol(client, user, clock) -> TOTPDevice:
    client.force_login(user)
    page = client.get("/admin/account/two-step/")
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post("/admin/account/two-step/", {"otp_token": "000000"})
    device.refresh_from_db()
    assert response.status_code == 302 and not device.confirmed
    clock.shift(60)  # django-otp waits a little after a wrong code
    client.post("/admin/account/two-step/", {"otp_token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed
    client.logout()
    return device


def test_after_enrolling_sign_in_needs_the_apps_code(client, staff):
    with time_machine.travel(timezone.now(), tick=True) as clock:
        device = enrol(client, staff[0], clock)
        without = sign_in(client, "boss", PASSWORD, "198.51.100.1")
        assert without.status_code == 200
        assert says(without, "Enter the current code from your authenticator app.")
        clock.shift(60)
        wrong = sign_in(client, "boss", PASSWORD, "198.51.100.1", otp_token="123456")
        assert wrong.status_code == 200
        clock.shift(120)
        code = f"{totp(device.bin_key):06d}"
        right = sign_in(client, "boss", PASSWORD, "198.51.100.1", otp_token=code)
    assert right.status_code == 302
    assert client.get("/admin/").status_code == 200
    # Staff without an app sign in with their password alone.
    client.logout()
    assert sign_in(client, "ed", PASSWORD, "198.51.100.2").status_code == 302


def test_the_account_page_offers_two_step_sign_in(admin_client):
    page = admin_client.get("/admin/account/")
    assert "/admin/account/two-step/" in page.content.decode()
