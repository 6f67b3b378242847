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


def start_writing(newsroom, language: str) -> None:
    from django.urls import reverse

    newsroom.get(reverse(f"{NS}:add") + f"?locale={language}")
    newsroom.wait_for("#id_headline")
    wait_for_edit_watch(newsroom)


def wait_for_edit_watch(newsroom) -> None:
    """Wait until the admin watches the form for edits (it starts after a moment, as a
    person would start typing; edits before that are taken as the form's first state)."""
    newsroom.wait_until(
        lambda browser: browser.execute_script(
            "const c = window.wagtail.app.queryController('w-unsaved');"
            "return Boolean(c && c.initialFormData !== undefined);"
        )
    )


def test_everything_required_is_on_the_first_tab_and_autosave_keeps_up(newsroom, categories):
    from sahifa.articles.models import Article

    start_writing(newsroom, "en")
    # The category is on the tab the editor writes on, already chosen.
    category = newsroom.find("#id_category")
    assert newsroom.find('[role="tabpanel"]:not([hidden]) #id_category') == category
    assert category.get_attribute("value") == str(categories["en"].pk)

    newsroom.find("#id_headline").send_keys("Metro line opens to the airport")
    newsroom.find("#id_lead").send_keys("Trains run every six minutes.")
    # Autosave stores the draft while the editor is still on the first tab.
    newsroom.wait_until(lambda _: Article.objects.filter(lead__startswith="Trains run").exists())
    newsroom.wait_until(lambda _: "/edit/" in newsroom.browser.current_url)
    assert "validation errors" not in newsroom.find("body").text
    article = Article.objects.get()
    assert article.category == categories["en"] and not article.live


def click_button(newsroom, text: str) -> None:
    from selenium.webdriver.common.by import By

    newsroom.browser.find_element(By.XPATH, f"//form//button[contains(., '{text}')]").click()


def test_save_draft_while_an_autosave_is_on_its_way_makes_one_article(newsroom, categories):
    """The editor clicks *Save draft* while the first autosave is still travelling (a
    slow connection): the form has not yet learnt the article exists."""
    from sahifa.articles.models import Article

    start_writing(newsroom, "en")
    browser = newsroom.browser
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 3000, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    newsroom.find("#id_headline").send_keys("Metro line opens to the airport")
    indicator = newsroom.find("#w-autosave-indicator")
    newsroom.wait_until(
        lambda _: indicator.get_attribute("data-w-autosave-state-value") == "saving"
    )
    click_button(newsroom, "Save draft")
    newsroom.wait_until(lambda _: "/add/" not in browser.current_url)
    browser.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    newsroom.wait_for("main")
    headlines = list(Article.objects.values_list("headline", "slug"))
    assert headlines == [("Metro line opens to the airport", "metro-line-opens-to-the-airport")]


PREVIEWED = """
const frame = document.querySelector('iframe#w-preview-iframe');
const page = frame && frame.contentDocument;
if (!page || !page.querySelector('main h1')) return null;
const text = (selector) => (page.querySelector(selector) || {}).textContent;
return {lang: page.documentElement.lang, h1: text('main h1').trim(),
        rail: (text('#rail-heading') || '').trim()};
"""


def open_preview(newsroom) -> dict:
    """Open the preview side panel; what the page in it shows once it has loaded."""
    newsroom.find('[data-side-panel-toggle="preview"]').click()
    return newsroom.wait_until(lambda browser: browser.execute_script(PREVIEWED))


def test_preview_is_in_the_article_language_whatever_the_admin_is_in(newsroom, make_article):
    from django.urls import reverse

    rail = make_article("Соседняя новость", language="ru")
    article = make_article("Новая линия метро", language="ru", category=rail.category)
    for admin_language in ("en", "uz"):
        newsroom.set_language(admin_language)
        newsroom.get(reverse(f"{NS}:edit", args=[article.pk]))
        shown = open_preview(newsroom)
        assert shown == {"lang": "ru", "h1": "Новая линия метро", "rail": "Последние новости"}


def test_headline_counters_warn_and_the_link_card_follows_the_typing(newsroom, categories):
    from sahifa.articles.panels import CARD_TITLE_LIMIT, SEARCH_TITLE_LIMIT

    start_writing(newsroom, "en")
    long_headline = "Metro line opens " + "to the airport and beyond " * 5
    assert len(long_headline.strip()) > SEARCH_TITLE_LIMIT
    newsroom.find("#id_headline").send_keys(long_headline)
    newsroom.find("#id_lead").send_keys("Trains run every six minutes.")
    counter = newsroom.find('[data-counter-for="id_headline"]')
    assert "link-card-counter--warning" in counter.get_attribute("class")
    assert f"{len(long_headline.strip())} characters" in counter.text
    assert f"Longer than {SEARCH_TITLE_LIMIT} characters: search results" in counter.text
    assert f"Longer than {CARD_TITLE_LIMIT} characters: link cards" in counter.text
    card = newsroom.find("[data-card]")
    assert card.is_displayed()
    assert newsroom.find("[data-card-title]").text == long_headline.strip()
    assert newsroom.find("[data-card-description]").text == "Trains run every six minutes."
    assert newsroom.find("[data-card-no-picture]").is_displayed()

    # A short social headline: the card takes it, and only search may cut the headline.
    newsroom.find("#id_social_headline").send_keys("Metro reaches the airport")
    assert newsroom.find("[data-card-title]").text == "Metro reaches the airport"
    social = newsroom.find('[data-counter-for="id_social_headline"]')
    assert social.text == "25 characters"
    assert "link cards" not in counter.text and "search results" in counter.text
