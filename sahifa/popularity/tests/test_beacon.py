"""The beacon endpoint, sent to the Django view and to the server's application (its
short way), with each buffer."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from sahifa.popularity.buffers import Outcome
from sahifa.popularity.flush import flush

from .conftest import BROWSER_AGENT, call_wsgi

pytestmark = pytest.mark.django_db


def agent_number(i: int) -> str:
    """A distinct browser user agent per reader."""
    return BROWSER_AGENT.replace("Chrome/120.0", f"Chrome/120.{i}")


def pending(buffer) -> int:
    return buffer.pending_total()


def test_a_reader_counts_once_and_sees_the_total(buffer, beacon, make_article):
    article = make_article()
    first = beacon(article)
    assert first.status_code == 200
    assert first.json() == {"views": 1, "counted": True}
    assert first["Cache-Control"] == "no-store"
    again = beacon(article)
    assert again.json() == {"views": 1, "counted": False}
    assert pending(buffer) == 1


def test_other_readers_and_other_articles_count(buffer, beacon, make_article):
    article, other = make_article(), make_article()
    assert beacon(article).json()["counted"]
    assert beacon(article, agent=BROWSER_AGENT + " Edg/120").json()["counted"]
    assert beacon(article, address="198.51.100.20").json() == {"views": 3, "counted": True}
    assert beacon(other).json() == {"views": 1, "counted": True}
    assert pending(buffer) == 4


def test_the_total_shown_adds_stored_and_buffered_views(buffer, beacon, make_article):
    article = make_article()
    article.view_count = 55
    article.save()
    assert beacon(article).json() == {"views": 56, "counted": True}


@pytest.mark.parametrize(
    "agent,headers",
    [
        ("", {}),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", {}),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", {}),
        (BROWSER_AGENT, {"HTTP_SEC_PURPOSE": "prefetch"}),
        (BROWSER_AGENT, {"HTTP_SEC_PURPOSE": "prefetch;prerender"}),
        (BROWSER_AGENT, {"HTTP_PURPOSE": "prefetch"}),
    ],
)
def test_bots_and_prefetches_are_not_counted(buffer, beacon, make_article, agent, headers):
    article = make_article()
    response = beacon(article, agent=agent, **headers)
    assert response.status_code == 204
    assert pending(buffer) == 0


def test_unknown_and_unpublished_articles_are_refused(buffer, beacon, make_article):
    draft = make_article(live=False)
    expired = make_article(expire_at=timezone.now() - timedelta(minutes=1))
    for article_id in (draft.pk, expired.pk, draft.pk + 1000):
        response = beacon(article_id)
        assert response.status_code == 404, article_id  # not a redirect to /uz/api/...
        assert str(article_id) in response.json()["error"]
    assert pending(buffer) == 0


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT"])
def test_only_post_is_accepted(buffer, client, make_article, method):
    article = make_article()
    path = f"/api/views/{article.pk}/"
    response = client.generic(method, path, HTTP_USER_AGENT=BROWSER_AGENT)
    assert response.status_code == 405
    assert call_wsgi(method, path, HTTP_USER_AGENT=BROWSER_AGENT).status_code == 405
    assert pending(buffer) == 0


def test_refusals_speak_the_readers_language(buffer, beacon, make_article, settings):
    draft = make_article(live=False)
    english = beacon(draft, HTTP_ACCEPT_LANGUAGE="en").json()["error"]
    russian = beacon(draft, HTTP_ACCEPT_LANGUAGE="ru").json()["error"]
    assert english == f"No published article has the number {draft.pk}."
    assert russian != english and str(draft.pk) in russian
    settings.SAHIFA_VIEWS_RATE_PER_MINUTE = 0
    response = beacon(make_article(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert response.json() == {"error": "Too many views from this address."}
    assert response["Cache-Control"] == "no-store"


def test_other_paths_go_on_to_the_site(buffer, client, make_article):
    """The short way answers beacons only: the rest of the site is Django's."""
    article = make_article()
    page = call_wsgi("GET", article.get_url())
    assert page.status_code == 200 and article.headline.encode() in page.content
    for path in ("/api/views/abc/", f"/api/views/{article.pk}/extra/", "/api/views/"):
        assert call_wsgi("POST", path).status_code == client.post(path).status_code != 200
    assert pending(buffer) == 0


def test_one_address_may_send_many_beacons_from_many_readers(buffer, beacon, make_article):
    """A mobile carrier's NAT address is thousands of readers: 120 a minute must pass."""
    articles = [make_article() for _ in range(4)]
    codes = {beacon(articles[i % 4], agent=agent_number(i)).status_code for i in range(120)}
    assert codes == {200}
    assert pending(buffer) == 120


def test_one_address_over_the_rate_is_refused_and_not_counted(
    buffer, beacon, make_article, settings, one_rate_window
):
    settings.SAHIFA_VIEWS_RATE_PER_MINUTE = 5
    article = make_article()
    answers = [beacon(article, agent=agent_number(i)) for i in range(8)]
    assert [a.status_code for a in answers] == [200] * 5 + [429] * 3
    assert answers[-1]["Retry-After"] == "60"
    assert pending(buffer) == 5
    # Another address is not held back by the first one's rate.
    assert beacon(article, address="198.51.100.99").status_code == 200


def test_one_address_rotating_its_user_agent_adds_few_views_to_an_article(
    buffer, beacon, make_article, settings
):
    settings.SAHIFA_VIEWS_PER_ADDRESS_AND_ARTICLE = 10
    article, other = make_article(), make_article()
    answers = [beacon(article, agent=agent_number(i)) for i in range(50)]
    assert {a.status_code for a in answers} == {200}  # readers behind it still see totals
    assert [a.json()["counted"] for a in answers].count(True) == 10
    assert pending(buffer) == 10
    # Another article, or another address on the same article, is not held back.
    assert beacon(other, agent=agent_number(99)).json()["counted"]
    assert beacon(article, address="198.51.100.99").json()["counted"]


def test_beacons_for_unknown_articles_count_against_the_rate(
    buffer, beacon, make_article, settings, one_rate_window
):
    settings.SAHIFA_VIEWS_RATE_PER_MINUTE = 5
    article = make_article()
    codes = [beacon(article.pk + 1000 + i).status_code for i in range(8)]
    assert codes == [404] * 5 + [429] * 3
    assert beacon(article).status_code == 429  # the address is over its rate
    assert beacon(article, address="198.51.100.99").status_code == 200


def test_a_reader_counts_again_after_thirty_minutes(buffer, make_article):
    article = make_article()
    start = timezone.now().replace(hour=12, minute=0)
    record = [
        buffer.record(article.pk, "203.0.113.7", BROWSER_AGENT, start + timedelta(minutes=m))
        for m in (0, 29)
    ]
    assert [r.outcome for r in record] == [Outcome.COUNTED, Outcome.REPEAT]
    if buffer.__class__.__name__ == "RedisViewBuffer":
        # Redis expires the key on its own clock: the window it was given is 30 minutes.
        ttls = [buffer.redis.ttl(k) for k in buffer.redis.scan_iter(buffer.key("seen", "*"))]
        assert ttls and all(1790 <= t <= 1800 for t in ttls)
    else:
        later = buffer.record(
            article.pk, "203.0.113.7", BROWSER_AGENT, start + timedelta(minutes=31)
        )
        assert later.outcome is Outcome.COUNTED


def test_midnight_does_not_count_a_reader_twice(buffer, make_article):
    """The salt changes at midnight (Tashkent), the 30 minutes still hold across it."""
    article = make_article()
    today = timezone.localdate()
    evening = timezone.make_aware(datetime.combine(today - timedelta(days=1), datetime.min.time()))
    evening += timedelta(hours=23, minutes=50)
    outcomes = [
        buffer.record(article.pk, "203.0.113.7", BROWSER_AGENT, evening + timedelta(minutes=m))
        for m in (0, 20)
    ]
    assert outcomes[0].outcome is Outcome.COUNTED
    assert outcomes[1].outcome is Outcome.REPEAT
    assert buffer.salt(today) != buffer.salt(today - timedelta(days=1))


def test_views_are_kept_per_day(buffer, make_article):
    from sahifa.popularity.models import DailyViews

    article = make_article()
    # Midday: in the half hour after midnight yesterday's reader would (rightly) be the
    # same reader, and Redis keeps its key on its own clock.
    now = timezone.localtime().replace(hour=12, minute=0)
    buffer.record(article.pk, "203.0.113.7", BROWSER_AGENT, now - timedelta(days=1))
    buffer.record(article.pk, "203.0.113.8", BROWSER_AGENT, now - timedelta(days=1))
    buffer.record(article.pk, "203.0.113.7", BROWSER_AGENT, now)
    assert flush(buffer) == 3
    days = dict(DailyViews.objects.filter(article=article).values_list("day", "views"))
    today = timezone.localdate(now)
    assert days == {today - timedelta(days=1): 2, today: 1}
