"""The newsroom speaks one language at a time: an editor whose admin is in English, or
in Russian, reads no word of another language on the article pages (models, fields,
panels, choosers), in a real browser (the admin draws some widgets with JavaScript)."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from sahifa.articles.tests.conftest import NS

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CATALOGUE_DIRS = {"uz": "uz", "uz-cyrl": "uz_Cyrl", "ru": "ru"}
# Every text node of the page and the words of its buttons' tooltips.
PAGE_WORDS = """
const words = new Set();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  // The article's own words (its fields, its link card) are content, not the admin's.
  const skipped = 'script, style, template, noscript, textarea, [contenteditable], '
    + '[data-card-title], [data-card-description]';
  if (node.parentElement.closest(skipped)) continue;
  const text = node.textContent.trim();
  if (text) words.add(text);
}
document.querySelectorAll('[title], [aria-label]').forEach((el) => {
  for (const name of ['title', 'aria-label']) {
    const text = (el.getAttribute(name) || '').trim();
    if (text) words.add(text);
  }
});
return [...words];
"""


def catalogue_entries(language: str) -> list[polib.POEntry]:
    folder = CATALOGUE_DIRS[language]
    files = Path(settings.BASE_DIR).glob(f"**/locale/{folder}/LC_MESSAGES/django.po")
    return [entry for path in files for entry in polib.pofile(str(path)) if entry.msgstr]


def foreign_words(admin_language: str) -> dict[str, str]:
    """Our messages as they read in the languages the admin is not in (text -> language)."""
    words: dict[str, str] = {}
    for language in CATALOGUE_DIRS:
        if language == admin_language:
            continue
        for entry in catalogue_entries(language):
            if entry.msgstr != entry.msgid and "%" not in entry.msgstr:
                words[entry.msgstr.strip()] = language
    if admin_language != "en":
        for entry in catalogue_entries(admin_language):
            if entry.msgstr != entry.msgid and "%" not in entry.msgid:
                words.setdefault(entry.msgid.strip(), "en")
    return words


def leaks(newsroom, admin_language: str) -> list[tuple[str, str]]:
    """Texts of the page that are (or, for one-word names such as a model's, hold) a
    message in another language."""
    foreign = foreign_words(admin_language)
    names = {text.lower(): lang for text, lang in foreign.items() if re.fullmatch(r"\w{4,}", text)}
    found = []
    for text in newsroom.browser.execute_script(PAGE_WORDS):
        if text in foreign:
            found.append((text, foreign[text]))
        found += [(text, names[w]) for w in re.findall(r"\w+", text.lower()) if w in names]
    return sorted(set(found))


@pytest.mark.parametrize(
    ("admin_language", "expected"),
    [("en", "Choose an article"), ("ru", "Выбрать статью")],
)
def test_article_pages_speak_the_admin_language(newsroom, make_article, admin_language, expected):
    article = make_article("Metro line opens", language="en")
    newsroom.set_language(admin_language)
    pages = {
        "list": reverse(f"{NS}:list"),
        "choose language": reverse(f"{NS}:add"),
        "add": reverse(f"{NS}:add") + "?locale=en",
        "edit": reverse(f"{NS}:edit", args=[article.pk]),
    }
    found = {}
    for name, path in pages.items():
        newsroom.get(path)
        newsroom.wait_for("main")
        if name == "edit":
            # Both tabs drawn, and a similar-news pin added (an article chooser).
            click = "arguments[0].click()"
            for tab in newsroom.find_all('[role="tab"]'):
                newsroom.browser.execute_script(click, tab)
            newsroom.browser.execute_script(click, newsroom.find("#id_related_pins-ADD"))
            newsroom.wait_for("#id_related_pins-0-target-chooser")
            assert expected in newsroom.browser.execute_script(PAGE_WORDS)
        found[name] = leaks(newsroom, admin_language)
    assert found == {name: [] for name in pages}
