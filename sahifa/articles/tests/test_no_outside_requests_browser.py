"""No newsroom page asks an outside service for anything (avatars included): every
request the browser makes goes to the site itself."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from sahifa.articles.tests.conftest import NS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension"}


def requested_urls(browser) -> list[str]:
    """The addresses the browser asked for since the last call (its network log)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_newsroom_pages_ask_nothing_from_outside(newsroom, make_article, live_server):
    article = make_article("Metro line opens", language="en")
    site = urlsplit(live_server.url).netloc
    pages = {
        "dashboard": reverse("wagtailadmin_home"),
        "list": reverse(f"{NS}:list"),
        "edit": reverse(f"{NS}:edit", args=[article.pk]),
    }
    outside = {}
    for name, path in pages.items():
        requested_urls(newsroom.browser)  # forget the earlier pages' requests
        newsroom.get(path)
        newsroom.wait_for("main")
        newsroom.wait_until(lambda b: b.execute_script("return document.readyState") == "complete")
        urls = requested_urls(newsroom.browser)
        assert any(urlsplit(url).netloc == site for url in urls), name
        outside[name] = [
            url
            for url in urls
            if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != site
        ]
    assert outside == {name: [] for name in pages}
