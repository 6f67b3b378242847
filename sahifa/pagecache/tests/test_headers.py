"""What a public page tells caches in front and browsers, compression, and the responses
that are never kept."""

from __future__ import annotations

import gzip

import brotli
import pytest

pytestmark = pytest.mark.django_db


def test_a_public_page_carries_cache_control_and_its_keys(page_cache, client, make_article):
    article = make_article("Cacheable story")
    response = client.get(article.get_url())
    control = response.headers["Cache-Control"]
    for part in ("public", "s-maxage=60", "stale-while-revalidate=30", "stale-if-error=86400"):
        assert part in control
    keys = response.headers["Surrogate-Key"].split()
    assert f"article:{article.pk}" in keys and "lang:en" in keys
    assert response.headers["xkey"] == response.headers["Surrogate-Key"]
    assert "Accept-Encoding" in response.headers["Vary"]
    assert "Set-Cookie" not in response.headers


def test_pages_are_compressed_as_the_client_asks(page_cache, client, make_article):
    article = make_article("Compressed story")
    plain = client.get(article.get_url()).content
    assert b"Compressed story" in plain

    br = client.get(article.get_url(), headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain
    assert int(br.headers["Content-Length"]) == len(br.content) < len(plain)

    gz = client.get(article.get_url(), headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == plain

    refused = client.get(article.get_url(), headers={"Accept-Encoding": "br;q=0, gzip;q=0"})
    assert "Content-Encoding" not in refused.headers and refused.content == plain


def test_an_unchanged_page_answers_304(page_cache, client, make_article):
    article = make_article()
    etag = client.get(article.get_url()).headers["ETag"]
    again = client.get(article.get_url(), headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""


def test_each_coding_has_its_own_entity_tag(page_cache, client, make_article):
    article = make_article()
    tags = {
        asked: client.get(article.get_url(), headers={"Accept-Encoding": asked}).headers["ETag"]
        for asked in ("br", "gzip", "identity")
    }
    assert len(set(tags.values())) == 3, tags
    # A browser holding the gzip copy revalidates it; a Brotli client with that tag does not.
    gzip_tag = {"If-None-Match": tags["gzip"]}
    revalidated = client.get(article.get_url(), headers={"Accept-Encoding": "gzip", **gzip_tag})
    assert revalidated.status_code == 304 and revalidated.headers["ETag"] == tags["gzip"]
    other = client.get(article.get_url(), headers={"Accept-Encoding": "br", **gzip_tag})
    assert other.status_code == 200 and other.headers["Content-Encoding"] == "br"


def test_feeds_and_sitemaps_are_kept_too(page_cache, client, make_article):
    make_article("Syndicated story")
    for path in ("/en/feed/", "/en/feed/atom/", "/sitemap.xml", "/sitemap-news-en-1.xml"):
        assert client.get(path).headers["X-Sahifa-Cache"] == "miss", path
        again = client.get(path)
        assert again.headers["X-Sahifa-Cache"] == "hit", path
        assert "s-maxage" in again.headers["Cache-Control"], path
    assert "feeds:en" in client.get("/en/feed/").headers["Surrogate-Key"].split()


def test_an_editor_gets_private_pages_never_kept(
    page_cache, client, make_article, django_user_model
):
    article = make_article("Seen by an editor")
    editor = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(editor)
    for _ in range(2):
        response = client.get(article.get_url())
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "private, no-store"
        assert "X-Sahifa-Cache" not in response.headers and "Surrogate-Key" not in response.headers
    admin = client.get("/admin/")
    assert (
        "no-store" in admin.headers["Cache-Control"]
        and "public" not in admin.headers["Cache-Control"]
    )
    client.logout()
    assert client.get(article.get_url()).headers["X-Sahifa-Cache"] == "miss"  # never kept


def test_beacons_posts_and_unknown_queries_are_not_kept(page_cache, client, make_article):
    article = make_article()
    beacon = client.post(f"/api/views/{article.pk}/", HTTP_USER_AGENT="Mozilla/5.0 Chrome/120")
    assert "public" not in beacon.headers.get("Cache-Control", "")
    for _ in range(2):  # rendered every time: a query string could change the page
        assert "X-Sahifa-Cache" not in client.get(article.get_url() + "?q=x").headers
    shared = client.get(article.get_url() + "?utm_source=telegram&fbclid=x")
    assert shared.headers["X-Sahifa-Cache"] == "miss"  # the same page as without them
    assert client.get(article.get_url()).headers["X-Sahifa-Cache"] == "hit"


def test_media_is_immutable(page_cache, client, settings):
    folder = settings.MEDIA_ROOT / "images"
    folder.mkdir(exist_ok=True)
    (folder / "photo.fill-300x200.jpg").write_bytes(b"\xff\xd8 not really")
    response = client.get("/media/images/photo.fill-300x200.jpg")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_with_the_page_cache_off_every_request_renders(settings, client, make_article):
    settings.SAHIFA_PAGE_CACHE = False
    article = make_article()
    for _ in range(2):
        response = client.get(article.get_url())
        assert "X-Sahifa-Cache" not in response.headers
        assert "s-maxage" in response.headers["Cache-Control"]  # a cache in front may keep it
