"""Fixtures of the newsroom tests: the demo's editor logged in to the Wagtail admin in a
real browser."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.wait import WebDriverWait

NS = "wagtailsnippets_articles_article"
# Generous: the suite shares a small machine with browsers and live servers.
WAIT_SECONDS = 45


@dataclass
class Newsroom:
    browser: Any
    url: str
    user: Any

    def get(self, path: str) -> None:
        self.browser.get(self.url + path)

    def find(self, selector: str) -> Any:
        return self.browser.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector: str) -> list[Any]:
        return self.browser.find_elements(By.CSS_SELECTOR, selector)

    def wait_for(self, selector: str) -> Any:
        return WebDriverWait(self.browser, WAIT_SECONDS).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, selector))
        )

    def wait_until(self, condition: Any) -> Any:
        return WebDriverWait(self.browser, WAIT_SECONDS).until(condition)

    def set_language(self, code: str) -> None:
        """The editor's admin language (their account's preference)."""
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(self.user)
        profile.preferred_language = code
        profile.save()


def log_in(browser: Any, url: str, username: str, password: str) -> None:
    browser.get(url + "/admin/login/")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    # The login page has a <main> too: wait for the address to leave it, then for the page.
    try:
        WebDriverWait(browser, WAIT_SECONDS).until(lambda b: "/admin/login/" not in b.current_url)
    except TimeoutException:
        raise AssertionError("the editor could not log in") from None
    WebDriverWait(browser, WAIT_SECONDS).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "main"))
    )


@pytest.fixture
def editor_client(client, settings, tmp_path):
    """The test client logged in as the demo's editor."""
    from sahifa.demo.editors import ensure_editor

    settings.VAR_DIR = tmp_path
    credentials = ensure_editor()
    assert client.login(username=credentials.username, password=credentials.password)
    return client


@pytest.fixture
def categories(make_category) -> dict[str, Any]:
    """A category in each language, so every language's article can be saved."""
    return {
        "uz": make_category("uz", "jamiyat", "Jamiyat"),
        "uz-cyrl": make_category("uz-cyrl", "zhamiyat", "Жамият"),
        "ru": make_category("ru", "obshchestvo", "Общество"),
        "en": make_category("en", "society", "Society"),
    }


@pytest.fixture
def newsroom(browser, live_server, settings, tmp_path, categories) -> Newsroom:
    """The demo's editor (Editors group, no superuser) logged in, admin in English."""
    from django.contrib.auth import get_user_model

    from sahifa.demo.editors import ensure_editor

    settings.VAR_DIR = tmp_path
    credentials = ensure_editor()
    user = get_user_model().objects.get(username=credentials.username)
    room = Newsroom(browser, live_server.url, user)
    room.set_language("en")
    browser.set_window_size(1400, 1000)
    log_in(browser, live_server.url, credentials.username, credentials.password)
    return room
