"""An editor's day in the newsroom, in a real browser: choosing the language before
writing, the first tab, saving against autosave, preview, the admin's language."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import Select

from sahifa.articles.tests.conftest import NS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def add_article_from_list(newsroom, list_query: str = "") -> Select:
    from django.urls import reverse

    newsroom.get(reverse(f"{NS}:list") + list_query)
    newsroom.wait_for("main")
    add = newsroom.find(f'a[href^="{reverse(f"{NS}:add")}"]')
    assert add.is_displayed()
    add.click()
    return Select(newsroom.wait_for("select#id_locale"))


def test_the_editor_chooses_the_language_before_writing(newsroom):
    # From the unfiltered list: the editor's own admin language is offered.
    choice = add_article_from_list(newsroom)
    assert choice.first_selected_option.get_attribute("value") == "en"
    assert {o.get_attribute("value") for o in choice.options} == {"uz", "uz-cyrl", "ru", "en"}

    # From the Russian list: Russian is offered; the form is then in Russian.
    choice = add_article_from_list(newsroom, "?locale=ru")
    assert choice.first_selected_option.get_attribute("value") == "ru"
    newsroom.find("form[data-choose-language] button[type=submit]").click()
    newsroom.wait_for("#id_headline")
    assert "locale=ru" in newsroom.browser.current_url
    assert "locale=ru" in newsroom.find("form[data-edit-form]").get_attribute("action")
