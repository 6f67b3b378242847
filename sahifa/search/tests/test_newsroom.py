"""The newsroom's article list search: the site's engine, every language and state,
headline, lead, body, byline and ninjs URI; and the Articles area of the admin search."""

from __future__ import annotations

import pytest

LIST = "/admin/snippets/articles/article/"


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(user)
    return client


def listed(editor, query: str) -> str:
    response = editor.get(LIST, {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_article_list_finds_by_each_field_in_every_language(editor, write):
    write("Budget vote delayed", "Parliament met late.", byline="Ann Reporter")
    write("Выборы в парламент", "Избиратели пришли на участки.", language="ru")
    write("Saylovlar boʻlib oʻtdi", "Saylovchilar keldi.", language="uz")
    draft = write("Unseen harvest figures", "Wheat and barley.", live=False)

    assert "Budget vote delayed" in listed(editor, "budgets")
    assert "Budget vote delayed" in listed(editor, "parliament")
    assert "Budget vote delayed" in listed(editor, "Reporter")
    assert "Выборы в парламент" in listed(editor, "выборов")
    assert "Saylovlar boʻlib oʻtdi" in listed(editor, "сайловлар")
    assert "Unseen harvest figures" in listed(editor, "barley")
    assert "Unseen harvest figures" in listed(editor, draft.uri)
    assert "Budget vote delayed" not in listed(editor, "barley")


def test_admin_search_offers_the_articles_area(editor, write):
    write("Budget vote delayed")
    page = editor.get("/admin/pages/search/", {"q": "budget"}).content.decode()
    assert f"{LIST}?q=budget" in page


def test_the_sidebar_search_finds_articles_by_headline(editor, write):
    write("Budget vote delayed")
    dashboard = editor.get("/admin/").content.decode()
    # The sidebar's search box is set up by the page's JSON props: it searches articles.
    search_box = '{"_type": "wagtail.sidebar.SearchModule", "_args": ["' + LIST + '"]}'
    assert search_box in dashboard
    found = listed(editor, "Budget vote")
    assert "Budget vote delayed" in found
