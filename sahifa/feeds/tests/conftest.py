"""Fixtures of the feed tests: a small English site with pictures, bylines and a body
that links to a page and shows a picture."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sahifa.pages.tests.conftest import make_image  # noqa: F401  (a shared fixture)


def body_with_picture(picture) -> str:
    return (
        '<p>First paragraph with <a href="/en/world/">a link</a> & more.</p>'
        f'<embed embedtype="image" id="{picture.pk}" format="left" alt="Inline"/>'
        "<p>Second paragraph.</p>"
    )


@pytest.fixture
def world(make_category):
    return make_category("en", "world", "World")


@pytest.fixture
def add_articles(make_article, make_image, world):  # noqa: F811
    """``add(n)``: n published English articles in World, newest first, each with a main
    picture and a picture in its body."""

    def add(count: int, start: int = 0) -> list:
        made = []
        for n in range(start, start + count):
            picture = make_image(
                f"Main {n}", caption=f"Caption {n}", credit="Agency", size=(64, 36)
            )
            made.append(
                make_article(
                    f"Story {n}",
                    category=world,
                    image=picture,
                    byline=f"Reporter {n}",
                    lead=f"Lead {n} <with> care",
                    body=body_with_picture(picture),
                    age=timedelta(hours=n + 1),
                )
            )
        return made

    return add
