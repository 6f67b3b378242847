"""In Chromium: the home and article pages load with no failed request (icons included),
and "Copy link" copies the article's address."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.wait import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Every resource the page loaded, and a fetch of each icon and manifest it links (and
# of /favicon.ico, which browsers ask for by themselves): [address, status] pairs.
STATUSES = """
const done = arguments[arguments.length - 1];
const loaded = performance.getEntriesByType("resource").map(e => [e.name, e.responseStatus]);
const linked = [...document.querySelectorAll(
  "link[rel~=icon], link[rel=apple-touch-icon], link[rel=manifest]")].map(l => l.href);
const manifest = document.querySelector("link[rel=manifest]").href;
fetch(manifest).then(r => r.json()).then(m => {
  const icons = m.icons.map(i => new URL(i.src, location.href).href);
  const asked = [...linked, ...icons, new URL("/favicon.ico", location.href).href];
  return Promise.all(asked.map(u => fetch(u).then(r => [u, r.status], () => [u, 0])));
}).then(fetched => done({loaded, fetched}), error => done({error: String(error)}));
"""


def statuses(browser, url: str) -> dict:
    browser.get(url)
    browser.execute_script("return document.readyState")  # wait for the load
    found = browser.execute_async_script(STATUSES)
    assert "error" not in found, found
    return found


def test_home_and_article_pages_load_without_a_failed_request(browser, live_server, story):
    browser.set_script_timeout(20)
    for path in ("/en/", story["en"].get_url(), "/uz-cyrl/", story["uz-cyrl"].get_url()):
        found = statuses(browser, live_server.url + path)
        assert found["loaded"], path  # the stylesheet and scripts at least
        failed = [(u, s) for u, s in found["loaded"] + found["fetched"] if not 200 <= s < 400]
        assert failed == [], path
        assert len(found["fetched"]) >= 8  # 4 links, 4 manifest icons, /favicon.ico


def test_copy_link_copies_the_articles_address(browser, live_server, story, settings):
    article = story["ru"]
    browser.get(live_server.url + "/")  # an origin to grant the clipboard to
    browser.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": live_server.url,
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    browser.get(live_server.url + article.get_url())
    button = browser.find_element("css selector", ".share-copy")
    assert button.is_displayed()  # the script shows it
    button.click()
    status = browser.find_element("css selector", "[data-share-status]")
    WebDriverWait(browser, 10).until(lambda _: status.text)
    assert status.text == "Ссылка скопирована"
    copied = browser.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done(''));"
    )
    assert copied == f"{settings.SAHIFA_BASE_URL}{article.get_url()}"
