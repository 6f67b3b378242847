"""The shipped Varnish configuration, run for real (varnishd on loopback) in front of a
live server: it keeps what the site marks public, drops exactly the pages a publish
touches when the site purges by key, refuses purges from elsewhere, and passes the
newsroom and logged-in editors to the app."""

from __future__ import annotations

import gzip
import signal
import time
import urllib.error
import urllib.request
from email.message import Message

import brotli
import pytest

from conftest import free_port
from sahifa.articles import actions
from sahifa.core.testing import varnish
from sahifa.core.tests.test_serve import serving

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def get(url: str, **headers: str) -> tuple[int, Message, str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def purge(url: str, keys: str) -> int:
    request = urllib.request.Request(url + "/", method="PURGE", headers={"xkey-purge": keys})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def cached(url: str) -> str:
    """Fetch twice; the cache state of the second answer."""
    get(url)
    return get(url)[1]["X-Cache"]


def test_a_publish_purges_its_pages_and_nothing_else(
    varnish_url, make_article, django_capture_on_commit_callbacks
):
    story = make_article(headline="Old headline", language="en")
    other = make_article(headline="A Russian story", language="ru")
    assert cached(varnish_url + story.get_url()) == "HIT"
    assert cached(varnish_url + "/en/") == "HIT"
    assert cached(varnish_url + other.get_url()) == "HIT"
    assert cached(varnish_url + "/ru/") == "HIT"

    story.headline = "New headline"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(story.save_revision(), via=actions.ADMIN)

    status, headers, page = get(varnish_url + story.get_url())
    assert status == 200 and "New headline" in page and headers["X-Cache"] == "MISS"
    status, headers, page = get(varnish_url + "/en/")
    assert "New headline" in page and headers["X-Cache"] == "MISS"
    # Another language's pages showed nothing that changed: still kept.
    assert get(varnish_url + other.get_url())[1]["X-Cache"] == "HIT"
    assert get(varnish_url + "/ru/")[1]["X-Cache"] == "HIT"


# What a browser, an older client and a plain one send; the coding each gets.
CLIENTS = {"br": "gzip, deflate, br, zstd", "gzip": "gzip, deflate", "identity": ""}
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, "identity": bytes}


def get_coded(url: str, accept: str) -> tuple[Message, str]:
    """A page as a client taking ``accept`` gets it: (headers, the body decoded)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept} if accept else {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        coding = answer.headers.get("Content-Encoding", "identity")
        return answer.headers, DECODE[coding](answer.read()).decode()


def test_each_client_gets_its_coding_and_a_purge_drops_every_copy(
    page_cache, varnish_url, make_article, django_capture_on_commit_callbacks
):
    story = make_article(headline="Headline in every coding")
    url = varnish_url + story.get_url()
    for coding, accept in CLIENTS.items():
        first, page = get_coded(url, accept)
        again = get_coded(url, accept)[0]
        # A copy of its own: the first request in each coding is fetched from the app.
        assert (first["X-Cache"], again["X-Cache"]) == ("MISS", "HIT"), coding
        assert again.get("Content-Encoding", "identity") == coding
        assert "Headline in every coding" in page
        assert "Accept-Encoding" in again["Vary"]
    # A coding refused with q=0 is not sent: the gzip copy.
    assert get_coded(url, "br;q=0, gzip")[0]["Content-Encoding"] == "gzip"

    story.headline = "New headline in every coding"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(story.save_revision(), via=actions.ADMIN)

    for coding, accept in CLIENTS.items():
        headers, page = get_coded(url, accept)
        assert headers.get("Content-Encoding", "identity") == coding
        assert "New headline in every coding" in page, f"the {coding} copy was not purged"


def test_purges_only_from_allowed_addresses(live_server, tmp_path, make_article):
    if reason := varnish.unavailable():
        pytest.skip(reason)
    servers = varnish.server_at(live_server.url)
    story = make_article(headline="Kept until its time")
    # Only a documentation address may purge: this test's loopback may not.
    with varnish.running_varnish(
        free_port(), tmp_path / "v", servers, purgers=["192.0.2.1"]
    ) as url:
        assert cached(url + story.get_url()) == "HIT"
        assert purge(url, f"article:{story.pk}") == 405
        assert get(url + story.get_url())[1]["X-Cache"] == "HIT"


def test_the_newsroom_and_logged_in_editors_pass(varnish_url, make_article):
    story = make_article(headline="Seen by an editor")
    assert cached(varnish_url + story.get_url()) == "HIT"
    # Another reader's cookies (analytics, say) do not matter: the kept page.
    assert get(varnish_url + story.get_url(), Cookie="_ga=GA1.1")[1]["X-Cache"] == "HIT"
    # An editor's session goes to the app.
    answer = get(varnish_url + story.get_url(), Cookie="sessionid=abc; csrftoken=x")
    assert answer[0] == 200 and answer[1]["X-Cache"] == "PASS"
    assert get(varnish_url + "/admin/login/")[1]["X-Cache"] == "PASS"


def test_an_unreachable_varnish_never_breaks_a_publish(
    settings, make_article, django_capture_on_commit_callbacks, caplog
):
    settings.SAHIFA_PURGE_URLS = [f"http://127.0.0.1:{free_port()}/"]  # nobody listens
    story = make_article(headline="Published anyway")
    story.headline = "Published anyway, edited"
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish(story.save_revision(), via=actions.ADMIN)
    story.refresh_from_db()
    assert story.headline == "Published anyway, edited" and story.live
    assert "purge of" in caplog.text and "failed" in caplog.text


def test_a_kept_page_is_served_stale_while_the_app_is_down(
    transactional_db, make_article, tmp_path, monkeypatch
):
    """stale-if-error: the app server stops; Varnish serves the page it kept."""
    if reason := varnish.unavailable():
        pytest.skip(reason)
    # Pages go stale after a second and past stale-while-revalidate one second later.
    monkeypatch.setenv("SAHIFA_PAGE_CACHE_SECONDS", "1")
    monkeypatch.setenv("SAHIFA_PAGE_CACHE_SWR_SECONDS", "1")
    story = make_article(headline="Still readable when the app is down")
    with (
        serving(tmp_path) as (base, _log, server),
        varnish.running_varnish(free_port(), tmp_path / "v", varnish.server_at(base)) as url,
    ):
        assert cached(url + story.get_url()) == "HIT"
        server.send_signal(signal.SIGTERM)
        server.wait(30)
        time.sleep(3)  # past s-maxage and stale-while-revalidate
        status, headers, page = get(url + story.get_url())
        assert status == 200 and "Still readable when the app is down" in page
        assert "stale" in headers["X-Cache"]
        # A page never kept has nothing to fall back on.
        assert get(url + "/en/latest/")[0] == 503
