"""Pictures from ninjs associations, fetched from a real local HTTP server and from
files beside the import file; every way a picture can fail is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahifa.articles.models import Article
from sahifa.images.models import NewsImage
from sahifa.interchange.importer import import_ninjs
from sahifa.interchange.tests.conftest import jpeg_bytes, lines, ninjs

pytestmark = pytest.mark.django_db


def with_picture(
    href: str, uri: str = "urn:test:article:1", picture_uri: str | None = None, **fields
) -> dict:
    """A ninjs item whose featuremedia picture is at ``href`` (its identity
    ``picture_uri``, else the href)."""
    association = {
        "type": "picture",
        "uri": picture_uri or href,
        "description_text": "Cotton pickers near Urgench",
        "byline": "Photo: A. Karimov",
        "copyrightholder": "Example Agency",
        "renditions": {
            "thumbnail": {"href": "ignored.jpg", "width": 10},
            "original": {"href": href, "mimetype": "image/jpeg", "width": 64, "height": 48},
        },
    }
    return ninjs(uri=uri, associations={"featuremedia": association}, **fields)


def media_files(settings) -> set[Path]:
    return {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}


def test_a_picture_is_fetched_once_and_kept_with_caption_and_credit(picture_server):
    href = f"{picture_server.url}/pic/olive.jpg"
    report = import_ninjs(lines(with_picture(href, uri="a"), with_picture(href, uri="b")))
    assert report.ok and not report.warnings
    image = NewsImage.objects.get()
    assert (image.width, image.height, image.source_uri) == (64, 48, href)
    assert image.caption == "Cotton pickers near Urgench"
    assert image.credit == "Photo: A. Karimov / Example Agency"
    assert image.file_hash and image.file_size == len(jpeg_bytes(color="olive"))
    for article in Article.objects.all():
        assert article.image == image
        assert article.caption == "Cotton pickers near Urgench"
        assert article.credit == "Photo: A. Karimov / Example Agency"
    assert picture_server.requests.count("/pic/olive.jpg") == 1  # reused by its uri


@pytest.mark.parametrize(
    "path, reason",
    [
        ("/page.html", "not an image (Content-Type 'text/html')"),
        ("/fake.jpg", "not an image"),
        ("/huge.jpg", "the answer is larger than 15 MB"),
        ("/missing.jpg", "HTTP 404"),
        ("/slow.jpg", "no whole answer within 1 s"),
        ("/trickle.jpg", "no whole answer within 1 s"),
    ],
)
def test_a_picture_that_cannot_be_had_is_a_warning(
    picture_server, fast_picture_timeout, settings, path, reason
):
    href = f"{picture_server.url}{path}"
    before = media_files(settings)
    report = import_ninjs(lines(with_picture(href)), source="news.jsonl")
    assert report.ok and report.created == 1
    assert [str(w) for w in report.warnings] == [f"news.jsonl:1: picture {href} left out: {reason}"]
    assert Article.objects.get().image is None
    assert not NewsImage.objects.exists() and media_files(settings) == before


def test_a_server_that_is_down_is_a_warning(closed_port_url):
    href = f"{closed_port_url}/pic/a.jpg"
    report = import_ninjs(lines(with_picture(href)))
    assert report.ok and report.created == 1
    assert "could not connect to 127.0.0.1" in report.warnings[0].reason


def test_a_picture_larger_than_the_limit_is_cut_off_while_reading(picture_server, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100  # the served JPEG is larger
    report = import_ninjs(lines(with_picture(f"{picture_server.url}/pic/red.jpg")))
    assert "the answer is larger than" in report.warnings[0].reason
    assert not NewsImage.objects.exists()


def test_pictures_beside_the_import_file(tmp_path):
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.jpg").write_bytes(jpeg_bytes(30, 20))
    (tmp_path / "notes.txt").write_text("not a picture")
    source = tmp_path / "news.jsonl"
    source.write_text(
        "\n".join(
            lines(
                with_picture("pics/a.jpg", uri="a"),
                with_picture("file:pics/a.jpg", uri="b", picture_uri="other-identity"),
                with_picture("notes.txt", uri="c"),
                with_picture("pics/none.jpg", uri="d"),
            )
        )
    )
    with source.open("rb") as stream:
        report = import_ninjs(stream, source=str(source))
    assert report.created == 4
    images = dict(Article.objects.values_list("uri", "image__width"))
    assert images == {"a": 30, "b": 30, "c": None, "d": None}
    reasons = [w.reason for w in report.warnings]
    assert reasons[0].endswith("left out: not an image")
    assert reasons[1].startswith("picture pics/none.jpg left out: cannot read")


def test_a_failed_line_leaves_no_picture_row_or_file(picture_server, make_article, settings):
    clash = str(make_article(language="en").translation_key)
    before = media_files(settings)
    item = with_picture(f"{picture_server.url}/pic/teal.jpg", x_sahifa_translation_key=clash)
    report = import_ninjs(lines(item))
    assert report.errors and report.errors[0].reason.startswith("could not save")
    assert not NewsImage.objects.exists()
    assert media_files(settings) == before


def test_an_update_whose_picture_fails_keeps_the_picture_it_has(picture_server):
    import_ninjs(lines(with_picture(f"{picture_server.url}/pic/navy.jpg")))
    image = Article.objects.get().image
    report = import_ninjs(lines(with_picture(f"{picture_server.url}/missing.jpg")))
    assert report.updated == 1 and report.warnings
    assert Article.objects.get().image == image
    import_ninjs(lines(ninjs()))  # no associations: the article has no picture any more
    assert Article.objects.get().image is None
