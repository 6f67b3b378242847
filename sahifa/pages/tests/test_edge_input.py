"""Edge input an attacker sends to every kind of address: the JSON endpoints answer
JSON 4xx, the pages 404; nothing is a server error or a redirect to a language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/similar/%C2%B2/", 404),
        (f"/api/similar/{HUGE}/", 404),
        ("/api/similar/123456789/", 404),
        ("/api/similar/99999999999999999999/", 404),
        ("/api/similar/%00/", 404),
        ("/api/similar/{ok}/?limit=%C2%B2", 400),
        (f"/api/similar/{{ok}}/?limit={HUGE}", 400),
        ("/api/similar/{ok}/?limit=-1", 400),
        (f"/api/views/{HUGE}/", 404),
        ("/api/views/99999999999999999999/", 404),
        ("/api/views/123456789/", 404),
        ("/api/views/%C2%B2/", 404),
        ("/api/nothing/here/", 404),
    ],
)
def test_json_endpoints_answer_json_errors_for_bad_input(client, make_article, path, status):
    article = make_article()
    path = path.replace("{ok}", str(article.pk))
    method = client.post if path.startswith("/api/views/") else client.get
    response = method(path, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == status, response.content[:200]
    assert response["Content-Type"] == "application/json"
    assert "error" in response.json()


@pytest.mark.parametrize(
    "path",
    [
        f"/en/latest/page/{HUGE}/",
        "/en/latest/page/99999999999999999999/",
        "/en/latest/page/999999999/",
        f"/en/world/page/{HUGE}/",
        "/en/world/page/%D9%A3/",  # an Arabic-Indic digit
        f"/sitemap-articles-en-{HUGE}.xml",
    ],
)
def test_huge_page_numbers_are_not_found(client, make_article, path):
    make_article()
    client.raise_request_exception = False
    assert client.get(path).status_code == 404
