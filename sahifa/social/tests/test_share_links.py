"""Share links on article pages: each platform's own address with the article's
absolute URL, labels in the page's language, and no platform's script."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from sahifa.social.tests.conftest import EDITIONS, LANGUAGES, soup_of

pytestmark = pytest.mark.django_db

BASE = settings.SAHIFA_BASE_URL
LABELS = {
    "uz": ("Ulashish", "Telegram orqali ulashish (yangi varaqda ochiladi)", "Havolani nusxalash"),
    "uz-cyrl": ("Улашиш", "Telegram орқали улашиш (янги варақда очилади)", "Ҳаволани нусхалаш"),
    "ru": ("Поделиться", "Поделиться в Telegram (откроется в новой вкладке)", "Копировать ссылку"),
    "en": ("Share", "Share on Telegram (opens in a new tab)", "Copy link"),
}


def shared_address(href: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(href)
    return f"{parts.scheme}://{parts.netloc}{parts.path}", parse_qs(parts.query)


@pytest.mark.parametrize("language", LANGUAGES)
def test_article_page_has_share_links_with_its_address(client, story, language):
    article = story[language]
    url, title = f"{BASE}{article.get_url()}", EDITIONS[language].headline
    soup = soup_of(client.get(article.get_url()))
    share = soup.find("section", class_="share")
    heading, telegram_label, copy_label = LABELS[language]

    assert share["aria-labelledby"] == share.h2["id"] and share.h2.get_text() == heading
    links = {a.get_text(): a for a in share.find_all("a")}
    assert list(links) == ["Telegram", "WhatsApp", "Facebook", "X"]
    assert links["Telegram"]["aria-label"] == telegram_label
    assert all(a["rel"] == ["noopener", "noreferrer"] for a in links.values())

    assert shared_address(links["Telegram"]["href"]) == (
        "https://t.me/share/url",
        {"url": [url], "text": [title]},
    )
    assert shared_address(links["WhatsApp"]["href"]) == (
        "https://wa.me/",
        {"text": [f"{title} {url}"]},
    )
    assert shared_address(links["Facebook"]["href"]) == (
        "https://www.facebook.com/sharer/sharer.php",
        {"u": [url]},
    )
    assert shared_address(links["X"]["href"]) == (
        "https://x.com/intent/post",
        {"text": [title], "url": [url]},
    )

    copy = share.find("button")
    assert copy["data-share-url"] == url and copy.get_text() == copy_label
    assert copy.has_attr("hidden")  # shown by the script, which alone can copy
    assert share.find(attrs={"role": "status"}) is not None


def test_no_script_comes_from_another_site(client, story):
    soup = soup_of(client.get(story["en"].get_url()))
    sources = [script["src"] for script in soup.find_all("script", src=True)]
    assert "/static/social/js/share.js" in sources
    assert all(src.startswith("/static/") for src in sources)


def test_list_pages_have_no_share_links(client, story):
    for path in ("/en/", "/en/latest/", "/en/world/"):
        assert soup_of(client.get(path)).find("section", class_="share") is None
