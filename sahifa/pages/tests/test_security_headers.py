"""Every response says what a browser may do with it: a Content-Security-Policy (no
inline scripts on the public site; the admin's own looser one), Permissions-Policy,
Referrer-Policy and no framing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_public_pages_allow_only_the_sites_own_script_files(client, make_article):
    article = make_article()
    for path in ("/en/", article.get_url(), "/en/latest/", "/api/similar/urn:x/", "/sitemap.xml"):
        response = client.get(path)
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_kept_pages_carry_the_policy_too(page_cache, client, make_article):
    """Kept pages are served from in front of the policy's middleware: with the policy
    they were kept with."""
    article = make_article()
    first = client.get(article.get_url())
    kept = client.get(article.get_url())
    assert (first["X-Sahifa-Cache"], kept["X-Sahifa-Cache"]) == ("miss", "hit")
    assert kept["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert directives(kept)["script-src"] == ["'self'"]
    assert "camera=()" in kept["Permissions-Policy"]
    assert kept["X-Frame-Options"] == "DENY"


def test_not_found_pages_carry_the_policy_too(client):
    response = client.get("/en/no-such/story/")
    assert response.status_code == 404
    assert directives(response)["script-src"] == ["'self'"]


def test_the_admin_has_its_own_policy(admin_client):
    response = admin_client.get("/admin/")
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "Permissions-Policy" in response


def test_public_templates_have_no_inline_scripts(client, make_article):
    """What the policy would block: any <script> without src (JSON-LD data excepted)."""
    from bs4 import BeautifulSoup

    article = make_article()
    for path in ("/en/", article.get_url(), "/en/latest/"):
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        for script in soup.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", script


def test_an_idle_admin_session_ends_and_an_active_one_goes_on(client, django_user_model, settings):
    import time_machine
    from django.utils import timezone

    settings.SESSION_COOKIE_AGE = 600  # SAHIFA_ADMIN_IDLE_MINUTES=10
    django_user_model.objects.create_superuser("boss", "boss@example.com", "pw-long-enough-1")
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        assert client.login(username="boss", password="pw-long-enough-1")
        for _ in range(3):  # active: a request every 9 minutes keeps it open
            clock.shift(9 * 60)
            assert client.get("/admin/").status_code == 200
        clock.shift(11 * 60)  # idle longer than 10 minutes
        response = client.get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
