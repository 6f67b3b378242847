import pytest


@pytest.mark.django_db
def test_each_language_has_a_home_page(client):
    # <html lang> carries the script subtag: uz-Latn, uz-Cyrl.
    for code, lang in (("uz", "uz-Latn"), ("uz-cyrl", "uz-Cyrl"), ("ru", "ru"), ("en", "en")):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert f'<html lang="{lang}"' in response.content.decode()


@pytest.mark.django_db
def test_article_page_shows_headline_lead_and_category(client, make_article):
    article = make_article("Talks reach a February deadline", lead="Both sides agreed.")
    response = client.get(article.get_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Talks reach a February deadline" in html
    assert "Both sides agreed." in html
    assert article.category.get_url() in html
