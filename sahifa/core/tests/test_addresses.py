"""The site's address when the operator names none: where `sahifa serve` listens."""

from sahifa.core.addresses import base_url


def test_the_address_follows_host_and_port():
    assert base_url({}) == "http://127.0.0.1:8000"
    assert base_url({"PORT": "8131"}) == "http://127.0.0.1:8131"
    assert base_url({"HOST": "localhost", "PORT": "9000"}) == "http://localhost:9000"


def test_every_interface_is_named_by_the_local_address():
    assert base_url({"HOST": "0.0.0.0", "PORT": "8131"}) == "http://127.0.0.1:8131"
    assert base_url({"HOST": "::1", "PORT": "8131"}) == "http://[::1]:8131"


def test_an_address_the_operator_gives_wins():
    environ = {"SAHIFA_BASE_URL": "https://news.example.uz/", "PORT": "8131"}
    assert base_url(environ) == "https://news.example.uz"
