"""Pictures an attacker names: files outside the import's folder, internal services,
and pictures with more pixels than any page needs."""

from __future__ import annotations

import struct
import zlib

import pytest

from sahifa.articles.models import Article
from sahifa.images.models import NewsImage
from sahifa.interchange.importer import import_ninjs
from sahifa.interchange.tests.conftest import jpeg_bytes, lines
from sahifa.interchange.tests.test_pictures import with_picture

pytestmark = pytest.mark.django_db


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` (its pixels never follow): what a
    decompression bomb looks like to anything that reads the header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 16))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def import_dir(tmp_path):
    folder = tmp_path / "feed"
    (folder / "pics").mkdir(parents=True)
    (folder / "pics" / "ok.jpg").write_bytes(jpeg_bytes())
    (tmp_path / "secret.jpg").write_bytes(jpeg_bytes())
    (folder / "pics" / "link.jpg").symlink_to(tmp_path / "secret.jpg")
    return folder


@pytest.mark.parametrize(
    "href",
    [
        "/etc/passwd",
        "../secret.jpg",
        "pics/../../secret.jpg",
        "file:///etc/passwd",
        "file:../secret.jpg",
        "pics/link.jpg",
    ],
)
def test_files_outside_the_import_folder_are_not_read(import_dir, href):
    report = import_ninjs(lines(with_picture(href)), source="news.jsonl", base_dir=import_dir)
    assert report.created == 1
    assert "is outside the import's folder" in report.warnings[0].reason
    assert not NewsImage.objects.exists()


def test_files_inside_the_import_folder_are_read(import_dir):
    href = f"file://{import_dir}/pics/ok.jpg"
    report = import_ninjs(
        lines(with_picture("pics/ok.jpg", uri="a"), with_picture(href, uri="b")),
        base_dir=import_dir,
    )
    assert report.ok and not report.warnings
    assert Article.objects.filter(image__isnull=False).count() == 2


@pytest.mark.parametrize(
    "href",
    ["http://127.0.0.1:6379/x.jpg", "http://169.254.169.254/latest/x.jpg", "http://[::1]/x.jpg"],
)
def test_pictures_on_internal_addresses_are_refused(href):
    report = import_ninjs(lines(with_picture(href)))
    assert report.created == 1
    assert "is a private address" in report.warnings[0].reason


def test_a_picture_over_the_pixel_limit_is_refused_before_decoding(import_dir, settings):
    (import_dir / "pics" / "bomb.png").write_bytes(png_header(20_000, 20_000))
    (import_dir / "pics" / "big.png").write_bytes(png_header(9_000, 8_000))
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
    report = import_ninjs(
        lines(with_picture("pics/bomb.png", uri="a"), with_picture("pics/big.png", uri="b")),
        base_dir=import_dir,
    )
    assert report.created == 2
    reasons = [w.reason for w in report.warnings]
    assert reasons[0].endswith("left out: the picture has more than 64 megapixels")
    assert reasons[1].endswith(
        "left out: the picture is 9000 × 8000 pixels, more than 64 megapixels"
    )
    assert not NewsImage.objects.exists()
