"""Pictures inside an article body: Wagtail's format names, written out as figures."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from wagtail.images.formats import get_image_format
from wagtail.rich_text import expand_db_html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "css_class", "width"),
    [
        ("fullwidth", "figure-full", 960),
        ("left", "figure-left", 480),
        ("right", "figure-right", 480),
    ],
)
def test_each_format_writes_a_figure_with_caption_and_credit(make_image, name, css_class, width):
    image = make_image("Market", caption="Chorsu market at noon.", credit="Sahifa")
    html = expand_db_html(
        f'<embed embedtype="image" id="{image.pk}" format="{name}" alt="Stalls"/>'
    )
    figure = BeautifulSoup(html, "html.parser").figure
    assert css_class in figure["class"]
    assert figure.img["alt"] == "Stalls" and int(figure.img["width"]) == width
    assert figure.img["loading"] == "lazy"
    assert figure.figcaption.get_text(" ", strip=True) == "Chorsu market at noon. Sahifa"


def test_no_caption_no_figcaption_and_markup_is_escaped(make_image):
    plain = make_image("Plain")
    html = expand_db_html(f'<embed embedtype="image" id="{plain.pk}" format="left" alt=""/>')
    assert "<figcaption" not in html
    hostile = make_image("Hostile", caption="<script>alert(1)</script>")
    html = expand_db_html(f'<embed embedtype="image" id="{hostile.pk}" format="left" alt=""/>')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_editor_still_gets_a_plain_image(make_image):
    image = make_image("Editor view", caption="Not in the editor")
    html = get_image_format("fullwidth").image_to_editor_html(image, "Alt")
    assert html.startswith("<img") and 'data-embedtype="image"' in html
