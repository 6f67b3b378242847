"""An editor's uploaded file, opened by a superuser, cannot act as the superuser: files
under /media/ never run as pages of the site's origin (a download, sandboxed, no
sniffing), whatever a file holds and however it got there."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import OperationalError
from selenium.webdriver.common.by import By

from conftest import free_port

# Committed rows: the site runs in its own server thread, with its own connection.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long boss password 7"
# What the attacker's file does when it runs: make a superuser through the admin's form.
ATTACK = """
fetch('/admin/users/new/').then(r => r.text()).then(page => {
  const token = page.match(/name="csrfmiddlewaretoken" value="([^"]+)"/)[1];
  const form = new FormData();
  for (const [k, v] of Object.entries({
    csrfmiddlewaretoken: token, username: 'mallory', email: 'mallory@example.com',
    first_name: 'Mal', last_name: 'Lory', password1: 'Zx9-long-pass-word',
    password2: 'Zx9-long-pass-word', is_superuser: 'on', is_active: 'on'})) form.append(k, v);
  return fetch('/admin/users/new/', {method: 'POST', body: form});
});
"""
FILES = {
    "report.html": f"<html><body><h1>Report</h1><script>{ATTACK}</script></body></html>",
    "chart.svg": (
        f'<svg xmlns="http://www.w3.org/2000/svg"><script><![CDATA[{ATTACK}]]></script></svg>'
    ),
}


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site_url() -> Iterator[str]:
    """The site's own WSGI application (what `sahifa serve` runs) on a local port; the
    test live server would serve /media/ by itself, around the site's own view."""
    from sahifa.wsgi import application

    server = make_server("127.0.0.1", free_port(), application, ThreadedWSGIServer, QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def log_in(browser, url: str, username: str) -> None:
    browser.get(f"{url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    for _ in range(50):
        if "/admin/login/" not in browser.current_url:
            return
        time.sleep(0.1)
    raise AssertionError("the superuser could not log in")


def mallory_appears(seconds: float) -> bool:
    users = get_user_model().objects
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if users.filter(username="mallory").exists():
                return True
        except OperationalError:  # SQLite in memory: the server thread is writing
            pass
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_planted_document_opened_by_a_superuser_makes_no_superuser(browser, site_url, name):
    get_user_model().objects.create_superuser("boss", "boss@example.com", PASSWORD)
    folder = Path(settings.MEDIA_ROOT) / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(FILES[name])
    log_in(browser, site_url, "boss")
    browser.get(f"{site_url}/media/documents/{name}")
    assert not mallory_appears(seconds=4)
