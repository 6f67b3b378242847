"""Beacons in the metrics: counted, and each kind of drop, whichever way they arrive."""

import pytest
from django.test import Client

from sahifa.core.metrics import exposition
from sahifa.core.tests.observing import sample

pytestmark = pytest.mark.django_db


def beacons(outcome: str) -> float:
    return sample(exposition().decode(), "sahifa_view_beacons_total", outcome=outcome)


def test_beacons_counted_and_dropped(beacon, buffer, make_article, settings):
    settings.SAHIFA_VIEWS_RATE_PER_MINUTE = 3
    article = make_article()
    before = {o: beacons(o) for o in ("counted", "repeat", "limited", "bot", "unknown")}
    assert beacon(article).status_code == 200
    assert beacon(article).status_code == 200  # the same reader again
    assert beacon(article, agent="curl/8.0").status_code == 204
    assert beacon(999_999).status_code == 404
    beacon(article, address="203.0.113.50")
    beacon(article, address="203.0.113.50", agent="Other/1.0 Firefox/120.0")
    beacon(article, address="203.0.113.50", agent="Third/1.0 Firefox/121.0")
    assert beacon(article, address="203.0.113.50", agent="Fourth Firefox/122.0").status_code == 429
    grew = {o: beacons(o) - before[o] for o in before}
    assert grew == {"counted": 4, "repeat": 1, "limited": 1, "bot": 1, "unknown": 1}


def test_beacons_through_the_short_way_count_as_requests(buffer, make_article):
    from sahifa.popularity.tests.conftest import BROWSER_AGENT, call_wsgi

    article = make_article()
    name, route = "sahifa_http_requests_total", {"route": "popularity:beacon", "method": "POST"}
    before = sample(exposition().decode(), name, status="200", **route)
    sent = call_wsgi("POST", f"/api/views/{article.pk}/", HTTP_USER_AGENT=BROWSER_AGENT)
    assert sent.status_code == 200
    assert Client().post(f"/api/views/{article.pk}/").status_code == 204  # no user agent
    text = exposition().decode()
    assert sample(text, name, status="200", **route) - before == 1
    assert sample(text, name, status="204", **route) >= 1
