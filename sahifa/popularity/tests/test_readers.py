"""Who sent a beacon: client address behind proxies, bots, speculative loads."""

import pytest
from django.test import RequestFactory

from sahifa.popularity import readers

factory = RequestFactory()


def request(address="198.51.100.4", forwarded=None, **meta):
    """The META of a beacon request (what the readers' functions look at)."""
    extra = {"REMOTE_ADDR": address, **meta}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.post("/api/views/1/", **extra).META


def test_forwarded_for_is_ignored_from_anyone_but_our_proxies(settings):
    settings.SAHIFA_TRUSTED_PROXIES = []
    assert readers.client_address(request(forwarded="10.1.1.1")) == "198.51.100.4"
    settings.SAHIFA_TRUSTED_PROXIES = ["127.0.0.1"]
    assert readers.client_address(request(forwarded="10.1.1.1")) == "198.51.100.4"


def test_behind_a_trusted_proxy_the_nearest_untrusted_hop_is_the_reader(settings):
    settings.SAHIFA_TRUSTED_PROXIES = ["127.0.0.1", "172.16.0.0/12"]
    # A reader may send a forged first hop; only what our proxies appended counts.
    got = readers.client_address(request("127.0.0.1", "1.2.3.4, 203.0.113.9, 172.20.0.5"))
    assert got == "203.0.113.9"
    assert readers.client_address(request("127.0.0.1", "")) == "127.0.0.1"
    assert readers.client_address(request("127.0.0.1", "172.20.0.5")) == "172.20.0.5"


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "   ",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
        "TelegramBot (like TwitterBot)",
        "curl/8.5.0",
        "python-requests/2.32.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/120.0 Safari/537.36",
    ],
)
def test_bots_scripts_and_nameless_clients_are_bots(agent):
    assert readers.is_bot(agent)


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
    ],
)
def test_browsers_are_readers(agent):
    assert not readers.is_bot(agent)


@pytest.mark.parametrize(
    "header,value",
    [
        ("HTTP_SEC_PURPOSE", "prefetch"),
        ("HTTP_SEC_PURPOSE", "prefetch;prerender"),
        ("HTTP_PURPOSE", "prefetch"),
        ("HTTP_X_MOZ", "prefetch"),
    ],
)
def test_prefetch_and_prerender_are_speculative(header, value):
    assert readers.is_speculative(request(**{header: value}))


def test_an_ordinary_request_is_not_speculative():
    assert not readers.is_speculative(request())


def test_keys_do_not_contain_the_address_or_agent_and_change_with_the_salt():
    one = readers.reader_key(b"a" * 16, "203.0.113.7", "Firefox", 5)
    assert "203.0.113.7" not in one and "Firefox" not in one
    assert one == readers.reader_key(b"a" * 16, "203.0.113.7", "Firefox", 5)
    assert one != readers.reader_key(b"b" * 16, "203.0.113.7", "Firefox", 5)
    assert one != readers.reader_key(b"a" * 16, "203.0.113.7", "Firefox", 6)
