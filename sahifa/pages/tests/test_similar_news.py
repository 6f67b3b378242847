"""Similar news under an article on a new site: six items whenever six other published
articles exist in the language, the engine's own picks first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup

from sahifa.related.rebuild import rebuild
from sahifa.related.selectors import stored_similar
from sahifa.related.tests.conftest import SUBJECTS

pytestmark = pytest.mark.django_db


DETAILS = [
    "Reporters in Samarkand asked about tickets.",
    "Officials in Bukhara declined to comment.",
    "Shops in Namangan closed early on Friday.",
    "Students in Andijan followed it closely.",
    "Drivers in Fergana waited for hours.",
    "Farmers near Termez watched the news.",
    "Teachers in Nukus held a meeting.",
    "Doctors in Karshi were on call all night.",
    "Bakers in Khiva sold out by noon.",
    "Pensioners in Jizzakh wrote letters.",
]


@pytest.fixture
def new_site(make_article, make_category):
    """Ten English articles in three categories, on four subjects, the similar lists
    computed as the jobs compute them, and one Russian article (never shown)."""
    categories = [make_category("en", slug) for slug in ("world", "sport", "culture")]
    subjects = list(SUBJECTS)[:4]
    articles = [
        make_article(
            headline=f"Story {n} on {subjects[n % 4]}",
            lead="",
            # The same subject in other words: not copies of each other.
            body=f"<p>{SUBJECTS[subjects[n % 4]]} {DETAILS[n]}</p>",
            category=categories[n % 3],
            age=timedelta(hours=n + 1),
        )
        for n in range(10)
    ]
    make_article(language="ru", headline="Новость по-русски")
    rebuild()
    return articles


def similar_on_page(client, article) -> list[str]:
    page = BeautifulSoup(client.get(article.get_url()).content, "html.parser")
    return [str(a["href"]) for a in page.select(".similar .card-title a")]


def test_every_article_shows_six_others_of_its_language(client, new_site):
    for article in new_site:
        shown = similar_on_page(client, article)
        assert len(shown) == 6, article.headline
        assert len(set(shown)) == 6
        assert article.get_url() not in shown
        assert all(url.startswith("/en/") for url in shown)


def test_the_engines_picks_come_first_then_the_category_then_the_language(client, new_site):
    article = new_site[0]
    picked = [item.get_url() for item in stored_similar(article)]
    assert 0 < len(picked) < 6  # a new site: the engine keeps only what is close enough
    shown = similar_on_page(client, article)
    assert shown[: len(picked)] == picked
    by_url = {new.get_url(): new for new in new_site}
    rest = [by_url[url] for url in shown[len(picked) :]]
    same_category = [new for new in rest if new.category_id == article.category_id]
    # The category's newest before the language's, newest first within each.
    assert rest == same_category + [new for new in rest if new not in same_category]
    others = [new for new in rest if new not in same_category]
    for part in (same_category, others):
        assert part == sorted(part, key=lambda new: new.published_at, reverse=True)
