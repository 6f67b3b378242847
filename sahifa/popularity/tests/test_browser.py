"""In a real browser: the article page counts its view after loading and shows the new
total in place, without moving anything; a reload by the same reader does not count."""

import pytest

from sahifa.articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Headless Chromium names itself "HeadlessChrome", which is rightly taken for a bot.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
# Before any page script runs: remember where the element after the counter is drawn
# when the page is parsed, and again whenever the counter's text changes.
WATCH_COUNTER = """
document.addEventListener('DOMContentLoaded', () => {
  const counter = document.querySelector('[data-view-beacon]');
  if (!counter) return;
  const views = counter.closest('.views');
  const next = views.nextElementSibling || views;
  window.__counter = {before: next.getBoundingClientRect().left, text: counter.textContent};
  new MutationObserver(() => {
    window.__counter.after = next.getBoundingClientRect().left;
    window.__counter.text = counter.textContent;
  }).observe(counter, {childList: true, characterData: true, subtree: true});
});
"""


def counter_after_beacon(browser, url: str, expected: str) -> dict:
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return window.__counter && window.__counter.text") == expected
    )
    return browser.execute_script("return window.__counter")


def test_the_counter_counts_once_and_updates_in_place(browser, live_server, buffer, make_article):
    article = make_article(view_count=99)
    browser.execute_cdp_cmd("Network.setUserAgentOverride", {"userAgent": READER_AGENT})
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_COUNTER})
    url = live_server.url + article.get_url()

    first = counter_after_beacon(browser, url, "100")  # 99 stored + this view
    assert first["after"] == first["before"], "the line moved when the number grew"
    assert buffer.pending_total() == 1

    # The same reader again within 30 minutes: shown, not counted.
    counter_after_beacon(browser, url, "100")
    assert buffer.pending_total() == 1
    assert Article.objects.get(pk=article.pk).view_count == 99  # written by the next flush
