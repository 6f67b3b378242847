"""The language switch as a reader uses it, in a real browser on a phone-sized screen."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def switch_to(browser, hreflang: str) -> None:
    link = browser.find_element(By.CSS_SELECTOR, f'nav.languages a[hreflang="{hreflang}"]')
    assert link.is_displayed()
    link.click()


def test_reader_switches_between_versions_of_a_story(browser, live_server, story):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True},
    )
    browser.get(live_server.url + story["en"].get_url())
    assert browser.find_element(By.TAG_NAME, "h1").text == story["en"].headline

    switch_to(browser, "ru")
    assert browser.current_url == live_server.url + story["ru"].get_url()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
    assert browser.find_element(By.TAG_NAME, "h1").text == story["ru"].headline
    current = browser.find_element(By.CSS_SELECTOR, 'nav.languages [aria-current="true"]')
    assert current.text == "Русский"

    switch_to(browser, "uz-Latn")
    assert browser.current_url == live_server.url + story["uz"].get_url()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "uz-Latn"

    # The Cyrillic version was written from the Latin one when it was saved.
    switch_to(browser, "uz-Cyrl")
    assert browser.current_url.startswith(live_server.url + "/uz-cyrl/jahon/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "uz-Cyrl"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Музокаралар учун 1-февраль чегараси"


def test_switch_without_a_version_leads_to_the_front_page(browser, live_server, make_article):
    article = make_article("Only in English")
    browser.get(live_server.url + article.get_url())
    switch_to(browser, "uz-Cyrl")
    assert browser.current_url == live_server.url + "/uz-cyrl/"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "uz-Cyrl"
