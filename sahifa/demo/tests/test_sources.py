"""The demo's inputs: the BBC corpus reader and the drawn pictures."""

from __future__ import annotations

import io
from collections import Counter

from sahifa.demo.bbc import bbc_items, corpus_dir, read_text
from sahifa.demo.pictures import SIZE, draw_picture


def test_bbc_corpus_gives_every_article_once_in_mapped_categories():
    items = list(bbc_items())
    assert len(items) == 2225
    assert len({item["uri"] for item in items}) == 2225
    codes = Counter(item["subject"][0]["code"] for item in items)
    assert codes == {"sport": 511, "economy": 510, "world": 417, "technology": 401, "culture": 386}
    assert all(item["headline"] and item["description_text"] for item in items)


def test_bbc_times_are_spread_and_the_same_on_every_run():
    first = [item["firstcreated"] for item in bbc_items(limit=50)]
    again = [item["uri"] for item in bbc_items(limit=50)]
    assert again == [item["uri"] for item in bbc_items(limit=50)]
    assert first == sorted(first, reverse=True)


def test_a_windows_1252_file_of_the_corpus_is_read():
    text = read_text(corpus_dir() / "sports" / "199.txt")
    assert "£" in text


def test_pictures_are_drawn_the_same_for_a_story_and_differ_by_category():
    def jpeg(key: str, category: str) -> bytes:
        buffer = io.BytesIO()
        draw_picture(key, category).save(buffer, "JPEG")
        return buffer.getvalue()

    assert draw_picture("story", "sport").size == SIZE
    assert jpeg("story", "sport") == jpeg("story", "sport")
    assert jpeg("story", "sport") != jpeg("story", "economy")
