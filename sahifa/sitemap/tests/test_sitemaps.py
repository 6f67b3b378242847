"""The sitemap index and every file it lists are valid against the published schemas
(sitemaps.org, Google's image and news extensions, XHTML's link), and say for every
address when it last changed, where its versions in other languages are and which
picture it shows."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from sahifa.articles import actions
from sahifa.sitemap import rows

pytestmark = pytest.mark.django_db

BASE = settings.SAHIFA_BASE_URL
SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
LANGUAGES = ("uz", "ru", "en")  # of the site fixture (no Uzbek Cyrillic)
TIME_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    return {
        name: etree.XMLSchema(etree.parse(str(SCHEMAS / f"{name}.xsd")))
        for name in ("siteindex", "urlset")
    }


def fetch(client, url: str) -> bytes:
    response = client.get(url.removeprefix(BASE))
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return b"".join(response.streaming_content) if response.streaming else response.content


def valid(client, url: str, schema: etree.XMLSchema) -> etree._Element:
    document = etree.fromstring(fetch(client, url))
    schema.assertValid(document)
    return document


def files(client, schemas) -> dict[str, etree._Element]:
    """Every file the index lists, each checked against the schemas."""
    index = valid(client, f"{BASE}/sitemap.xml", schemas["siteindex"])
    for lastmod in index.xpath("//s:sitemap/s:lastmod/text()", namespaces=NS):
        assert TIME_WITH_OFFSET.match(lastmod), lastmod
    urls = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    return {url.removeprefix(BASE): valid(client, url, schemas["urlset"]) for url in urls}


def entries(document: etree._Element) -> dict[str, etree._Element]:
    return {url.findtext("s:loc", namespaces=NS): url for url in document.findall("s:url", NS)}


def alternates(entry: etree._Element) -> dict[str, str]:
    links = entry.findall("xhtml:link", NS)
    assert all(link.get("rel") == "alternate" for link in links)
    return {link.get("hreflang"): link.get("href") for link in links}


@pytest.fixture
def site(make_article, make_category, make_image):
    """English, Russian and Uzbek articles; one story in all three, with a picture."""
    key, section = uuid.uuid4(), uuid.uuid4()
    world = {code: make_category(code, "world", translation_key=section) for code in LANGUAGES}
    picture = make_image("Main", size=(64, 36))
    story = {
        code: make_article(
            f"Story in {code}", language=code, category=world[code], translation_key=key,
            image=picture if code == "en" else None,
        )
        for code in LANGUAGES
    }  # fmt: skip
    old = make_article("Old English story", category=world["en"], age=timedelta(days=3))
    make_article("A draft", category=world["en"], live=False)
    return story, old, picture


def test_every_file_is_valid_and_every_address_has_its_time(client, schemas, site):
    found = files(client, schemas)
    assert set(found) == {
        "/sitemap-pages.xml",
        *(f"/sitemap-articles-{code}-1.xml" for code in ("uz", "ru", "en")),
        *(f"/sitemap-news-{code}-1.xml" for code in ("uz", "ru", "en")),
    }
    for path, document in found.items():
        for loc, entry in entries(document).items():
            assert TIME_WITH_OFFSET.match(entry.findtext("s:lastmod", namespaces=NS)), loc
            assert "x-default" in alternates(entry), (path, loc)


def test_an_article_names_its_versions_and_its_picture(client, schemas, site):
    story, old, picture = site
    found = files(client, schemas)
    english = entries(found["/sitemap-articles-en-1.xml"])
    assert set(english) == {f"{BASE}{story['en'].get_url()}", f"{BASE}{old.get_url()}"}
    entry = english[f"{BASE}{story['en'].get_url()}"]
    assert alternates(entry) == {
        "uz-Latn": f"{BASE}{story['uz'].get_url()}",
        "ru": f"{BASE}{story['ru'].get_url()}",
        "en": f"{BASE}{story['en'].get_url()}",
        "x-default": f"{BASE}{story['uz'].get_url()}",
    }
    assert entry.findtext("image:image/image:loc", namespaces=NS) == f"{BASE}{picture.file.url}"
    # Without translations: itself, and itself as x-default.
    alone = english[f"{BASE}{old.get_url()}"]
    assert alternates(alone) == {
        "en": f"{BASE}{old.get_url()}",
        "x-default": f"{BASE}{old.get_url()}",
    }
    assert alone.find("image:image", NS) is None


def test_news_files_have_the_last_two_days(client, schemas, site, make_article, make_category):
    story, old, _picture = site
    cyrillic = make_article(
        "Янгилик", language="uz-cyrl", category=make_category("uz-cyrl", "jahon")
    )
    found = files(client, schemas)
    news = entries(found["/sitemap-news-en-1.xml"])
    assert list(news) == [f"{BASE}{story['en'].get_url()}"]  # not the 3-day-old one
    item = news[f"{BASE}{story['en'].get_url()}"].find("news:news", NS)
    assert item.findtext("news:publication/news:name", namespaces=NS) == "Sahifa"
    assert item.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert item.findtext("news:title", namespaces=NS) == "Story in en"
    assert TIME_WITH_OFFSET.match(item.findtext("news:publication_date", namespaces=NS))
    (cyrillic_item,) = entries(found["/sitemap-news-uz-cyrl-1.xml"]).values()
    assert cyrillic_item.findtext("news:news/news:title", namespaces=NS) == "Янгилик"
    # Google News knows both Uzbek scripts as "uz".
    assert cyrillic_item.findtext("news:news/news:publication/news:language", namespaces=NS) == "uz"
    assert cyrillic.pk


def test_the_list_pages_file(client, schemas, site, make_category):
    make_category("en", "empty", "Empty")  # no articles: not listed
    pages = entries(files(client, schemas)["/sitemap-pages.xml"])
    # Languages with articles (not Uzbek Cyrillic here), categories with articles.
    homes = [f"{BASE}/{code}/" for code in LANGUAGES]
    latest = [f"{BASE}/{code}/latest/" for code in LANGUAGES]
    worlds = [f"{BASE}/{code}/world/" for code in LANGUAGES]
    assert set(pages) == {*homes, *latest, *worlds}
    assert alternates(pages[f"{BASE}/en/"]) == {
        "uz-Latn": f"{BASE}/uz/",
        "ru": f"{BASE}/ru/",
        "en": f"{BASE}/en/",
        "x-default": f"{BASE}/uz/",
    }
    assert alternates(pages[f"{BASE}/ru/world/"])["x-default"] == f"{BASE}/uz/world/"


def test_article_files_split_at_the_limit(client, schemas, settings, make_article, world):
    settings.SAHIFA_SITEMAP_URLS_PER_FILE = 2
    made = [make_article(f"Story {n}", category=world) for n in range(5)]
    found = files(client, schemas)
    english = [f"/sitemap-articles-en-{n}.xml" for n in (1, 2, 3)]
    assert [path for path in found if "articles" in path] == english
    listed = [list(entries(found[path])) for path in english]
    assert [len(urls) for urls in listed] == [2, 2, 1]
    assert sum(listed, []) == [f"{BASE}{article.get_url()}" for article in made]  # oldest first
    assert client.get("/sitemap-articles-en-4.xml").status_code == 404


def test_news_files_split_at_the_limit(client, schemas, monkeypatch, make_article, world):
    monkeypatch.setattr(rows, "NEWS_PER_FILE", 2)
    for n in range(3):
        make_article(f"Story {n}", category=world, age=timedelta(hours=n + 1))
    found = files(client, schemas)
    assert [len(entries(found[f"/sitemap-news-en-{n}.xml"])) for n in (1, 2)] == [2, 1]
    assert client.get("/sitemap-news-en-3.xml").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/sitemap-articles-xx-1.xml", "/sitemap-articles-en-0.xml", "/sitemap-articles-ru-1.xml",
     "/sitemap-news-ru-1.xml", "/sitemap-news-en-0.xml"],
)  # fmt: skip
def test_files_that_do_not_exist(client, make_article, world, path):
    make_article("English only", category=world)
    assert client.get(path).status_code == 404


def test_a_new_article_reaches_the_cached_files(
    client, schemas, make_article, world, django_capture_on_commit_callbacks
):
    make_article("First", category=world)
    assert len(entries(files(client, schemas)["/sitemap-news-en-1.xml"])) == 1
    article = make_article("Second", category=world, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(article.save_revision(), via=actions.ADMIN)
    assert len(entries(files(client, schemas)["/sitemap-news-en-1.xml"])) == 2


def test_a_site_without_articles_has_a_valid_index(client, schemas):
    found = files(client, schemas)
    assert list(found) == ["/sitemap-pages.xml"]
    homes = {f"{BASE}/{code}/" for code, _name in settings.LANGUAGES}
    assert set(entries(found["/sitemap-pages.xml"])) == homes


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    for path in (
        "/admin/",
        "/api/",
        "/uz/search/",
        "/uz-cyrl/search/",
        "/ru/search/",
        "/en/search/",
    ):
        assert f"Disallow: {path}" in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
