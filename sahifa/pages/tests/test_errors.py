"""The site's own 404 and 500 pages."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_404_page_is_a_real_page_in_the_language_of_the_url(client):
    response = client.get("/ru/no-such-section/no-such-story/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "ru"
    assert soup.find("main", id="main").h1
    assert soup.find("a", class_="button")["href"] == "/ru/"
    assert soup.find("a", class_="skip-link")
    assert soup.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.urls("sahifa.pages.tests.failing_urls")
def test_500_page_renders_through_handler500(client):
    client.raise_request_exception = False
    response = client.get("/en/boom/")
    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Something went wrong"
    assert soup.find("a")["href"] == "/en/"
    # It stands alone: no stylesheet or database needed to show it.
    assert soup.find("style") and not soup.find("link", rel="stylesheet")
