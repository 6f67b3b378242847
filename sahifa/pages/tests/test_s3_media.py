"""Media on S3-compatible storage (django-storages) against a real local S3 server
(moto's server mode): uploads and picture sizes land in the bucket with a year's
immutable lifetime, and pages name them at the bucket's public address."""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator

import boto3
import pytest
from django.test import override_settings

from conftest import free_port
from sahifa.core.media_config import s3_media_storage
from sahifa.core.testing.s3 import KEYS, local_s3, moto_server_path
from sahifa.images import renditions

BUCKET = "sahifa-media"


@pytest.fixture
def s3(tmp_path, monkeypatch) -> Iterator[tuple[str, object]]:
    """Settings pointing media at a fresh local S3 server: (endpoint, boto3 client)."""
    if moto_server_path() is None:
        pytest.skip("moto_server is not installed (pip install 'moto[server]')")
    for name, value in KEYS.items():
        monkeypatch.setenv(name, value)
    with local_s3(free_port(), BUCKET, tmp_path / "moto.log") as endpoint:
        env = {"SAHIFA_S3_ENDPOINT_URL": endpoint, "SAHIFA_S3_REGION": "us-east-1"}
        default, media_url = s3_media_storage(BUCKET, env)
        from django.conf import settings

        storages = {**settings.STORAGES, "default": default}
        # An empty local media folder of its own: the test checks nothing lands there.
        local = tmp_path / "media"
        local.mkdir()
        with override_settings(STORAGES=storages, MEDIA_URL=media_url, MEDIA_ROOT=str(local)):
            client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
            yield endpoint, client


def stored(client, name: str) -> dict:
    return client.head_object(Bucket=BUCKET, Key=name)


def test_uploads_and_picture_sizes_go_to_the_bucket(s3, make_image):
    endpoint, client = s3
    image = make_image("On object storage", size=(1280, 720))
    card = image.get_rendition(renditions.CARD)

    for name in (image.file.name, card.file.name):
        head = stored(client, name)
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
        assert head["ContentLength"] > 0
    # Nothing was written to the local media folder.
    from django.conf import settings

    assert not any(os.scandir(settings.MEDIA_ROOT))

    # Public, unsigned addresses on the bucket that readers can fetch as they are.
    assert card.url == f"{endpoint}/{BUCKET}/{card.file.name}"
    with urllib.request.urlopen(card.url, timeout=10) as answer:
        assert answer.read(3) == b"\xff\xd8\xff"  # a JPEG


def test_an_article_page_names_its_pictures_on_the_bucket(s3, make_image, make_article, client):
    endpoint, s3_client = s3
    article = make_article(headline="Pictured on the bucket", image=make_image("Bucket"))
    page = client.get(article.get_url())
    assert page.status_code == 200
    hero = article.image.get_rendition(renditions.HERO)
    assert f"{endpoint}/{BUCKET}/{hero.file.name}".encode() in page.content
    assert stored(s3_client, hero.file.name)["ContentLength"] > 0
