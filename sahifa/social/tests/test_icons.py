"""Icons a browser asks for, and the web app manifest: each answers, at the size it says."""

from __future__ import annotations

import io
import json
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from PIL import Image, ImageChops

from sahifa.social import icons

pytestmark = pytest.mark.django_db


def body_of(response) -> bytes:
    return b"".join(response) if response.streaming else response.content


@pytest.mark.parametrize(
    ("path", "sizes"),
    [
        ("/favicon.ico", {(16, 16), (32, 32), (48, 48)}),
        ("/apple-touch-icon.png", {(180, 180)}),
        ("/apple-touch-icon-precomposed.png", {(180, 180)}),
    ],
)
def test_root_icons_answer(client, path, sizes):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/")
    picture = Image.open(io.BytesIO(body_of(response)))
    assert set(picture.info.get("sizes", {picture.size})) == sizes


def test_the_manifest_names_the_site_its_colours_and_icons(client):
    response = client.get("/manifest.webmanifest", headers={"accept-language": "ru"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == manifest["short_name"] == "Sahifa"
    assert manifest["description"] == "Новости Узбекистана и мира"
    assert manifest["lang"] == "ru"
    assert manifest["start_url"] == "/" and manifest["display"] == "minimal-ui"
    assert manifest["theme_color"] == "#0a3a66" and manifest["background_color"] == "#ffffff"
    for icon in manifest["icons"]:
        assert icon["src"].startswith("/static/social/")
        found = finders.find(icon["src"].removeprefix("/static/"))
        assert found, icon["src"]
        if icon["type"] == "image/png":
            width, height = map(int, icon["sizes"].split("x"))
            assert Image.open(found).size == (width, height)
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes


def test_the_committed_icons_are_what_the_mark_draws(tmp_path):
    """`sahifa draw_icons` writes them: the files in the repository are up to date."""
    for path in icons.write_all(tmp_path):
        committed = icons.STATIC / path.relative_to(tmp_path)
        if path.suffix == ".svg":
            assert committed.read_text() == path.read_text()
            continue
        with Image.open(path) as drawn, Image.open(committed) as kept:
            assert drawn.size == kept.size and drawn.mode == kept.mode, path.name
            assert ImageChops.difference(drawn, kept).getbbox() is None, path.name


@pytest.mark.parametrize("page", ["home", "article"])
def test_every_icon_a_page_links_answers(live_server, make_article, page):
    """Over real HTTP, as browsers ask: each <link> icon and manifest, /favicon.ico, and
    each icon the manifest names."""
    article = make_article()
    path = "/en/" if page == "home" else article.get_url()
    with urlopen(live_server.url + path) as response:
        soup = BeautifulSoup(response.read(), "html.parser")
    links = soup.find_all("link", rel=lambda rel: rel in {"icon", "apple-touch-icon", "manifest"})
    hrefs = {link["href"] for link in links}
    assert {"/favicon.ico", "/apple-touch-icon.png", "/manifest.webmanifest"} <= hrefs
    assert any(href.endswith(".svg") for href in hrefs)
    with urlopen(live_server.url + "/manifest.webmanifest") as response:
        hrefs |= {icon["src"] for icon in json.load(response)["icons"]}
    for href in sorted(hrefs | {"/favicon.ico"}):
        with urlopen(live_server.url + href) as response:
            assert response.status == 200, href
            assert response.read(), href
