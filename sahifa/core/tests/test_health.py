"""/healthz, /readyz and /metrics through Django's real request handling."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from conftest import free_port
from sahifa.core.tests.observing import run_python, sample, site_env


def test_healthz_answers_without_the_database(client):
    # No `db` fixture: any query would raise.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_database_cache_and_queue(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["checks"] == {"database": "ok", "cache": "ok", "jobs": "ok"}
    assert body["failed"] == [] and body["status"] == "ok"
    assert "no-store" in response["Cache-Control"]


def test_readyz_names_the_cache_that_fails(client, db, settings):
    down = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": down},
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["cache"]
    assert body["checks"]["database"] == "ok" and "Connection" in body["checks"]["cache"]


@pytest.mark.slow
def test_readyz_names_every_service_that_is_down(tmp_path):
    """A site whose database, cache and queue servers are all unreachable: 503, and the
    body says which failed and why (a fresh process with those settings)."""
    env = site_env(
        tmp_path / "var",
        DATABASE_URL=f"postgres://sahifa@127.0.0.1:{free_port()}/nothing",
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
    )
    code = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/readyz'); print(r.status_code); print(r.content.decode())\n"
    )
    done = run_python(code, env)
    assert done.returncode == 0, done.stderr
    status, body = done.stdout.splitlines()[:2]
    assert status == "503"
    answer = json.loads(body)
    assert answer["failed"] == ["database", "cache", "jobs"]
    assert "OperationalError" in answer["checks"]["database"]
    assert "ConnectionError" in answer["checks"]["cache"]
    assert "ConnectionError" in answer["checks"]["jobs"]


def test_health_is_outside_the_language_prefixes(client, db):
    for path in ("/healthz", "/readyz"):
        assert client.get(path).status_code == 200
        assert client.get(f"/en{path}/").status_code == 404


def scrape(client: Client, **extra: Any):
    return client.get("/metrics", **extra)


def test_metrics_only_for_allowed_addresses_or_the_token(client, db, settings):
    settings.SAHIFA_METRICS_ALLOW = ["127.0.0.1", "10.0.0.0/8"]
    settings.SAHIFA_METRICS_TOKEN = "s3cret-token"
    assert scrape(client, REMOTE_ADDR="127.0.0.1").status_code == 200
    assert scrape(client, REMOTE_ADDR="10.2.3.4").status_code == 200
    assert scrape(client, REMOTE_ADDR="203.0.113.9").status_code == 403
    # Through a proxy the address is the proxy's: not enough on its own.
    proxied = scrape(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert proxied.status_code == 403
    settings.SAHIFA_TRUSTED_PROXIES = ["10.0.0.1"]
    assert scrape(client, REMOTE_ADDR="10.0.0.1").status_code == 403
    good = scrape(client, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert good.status_code == 200
    bad = scrape(client, REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-tokeN")
    assert bad.status_code == 403
    settings.SAHIFA_METRICS_TOKEN = ""
    assert scrape(client, REMOTE_ADDR="9.9.9.9", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_metrics_count_requests_by_route_and_status(client, make_article):
    article = make_article(headline="Counted page")
    before = scrape(client).content.decode()
    for _ in range(3):
        assert client.get(article.get_url()).status_code == 200
    assert client.get("/en/no-such-section/").status_code == 404
    after = scrape(client).content.decode()

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    page = {"route": "sahifa_serve", "method": "GET"}
    assert grew("sahifa_http_requests_total", status="200", **page) == 3
    assert grew("sahifa_http_requests_total", status="404", **page) == 1
    # A static file: WhiteNoise answers before any URL pattern (or a 404 without one).
    client.get("/static/no-such-file.css")
    later = scrape(client).content.decode()
    assert sample(later, "sahifa_http_requests_total", route="static") >= 1
    assert grew("sahifa_http_request_duration_seconds_count", route="sahifa_serve") == 4
    # The route is the URL pattern's name: no raw paths in the labels.
    assert article.get_url() not in after
    # The pages read cached blocks: the second and third page hit the first one's.
    assert grew("sahifa_cache_reads_total", result="hit") > 0
    assert grew("sahifa_cache_reads_total", result="miss") > 0
    assert "sahifa_job_queue_pending" in after


def test_every_answer_carries_a_request_id(client, db):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    echoed = client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234.abc")
    assert echoed["X-Request-ID"] == "lb-1234.abc"
    # Something that is not an id is replaced, not echoed into logs and headers.
    odd = client.get("/healthz", HTTP_X_REQUEST_ID="x" * 200)
    assert odd["X-Request-ID"] != "x" * 200
