"""Media on S3-compatible object storage, from the environment (for settings.py: no
Django imports). Several app servers then share uploads, picture sizes and cards.

    SAHIFA_S3_BUCKET=sahifa-media            # turns it on
    SAHIFA_S3_ENDPOINT_URL=https://s3.example.net   # not AWS: MinIO, Ceph, R2, moto...
    SAHIFA_S3_REGION=eu-central-1
    SAHIFA_S3_MEDIA_URL=https://media.example.net/  # where readers fetch them (a CDN)
    SAHIFA_S3_ACCESS_KEY_ID / SAHIFA_S3_SECRET_ACCESS_KEY  (else boto3's AWS_* variables)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

# Stored names never change their bytes (uploads get a new name, picture sizes carry their
# filter and focal point, cards a digest of what they show): caches may keep them a year.
IMMUTABLE = "public, max-age=31536000, immutable"


def public_media_url(bucket: str, env: Mapping[str, str]) -> str:
    """Where readers fetch media: the configured address, else the bucket's own."""
    if url := env.get("SAHIFA_S3_MEDIA_URL", "").strip():
        return url.rstrip("/") + "/"
    if endpoint := env.get("SAHIFA_S3_ENDPOINT_URL", "").strip():
        return f"{endpoint.rstrip('/')}/{bucket}/"
    region = env.get("SAHIFA_S3_REGION", "").strip()
    host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
    return f"https://{bucket}.{host}/"


def s3_media_storage(bucket: str, env: Mapping[str, str]) -> tuple[dict[str, Any], str]:
    """The `STORAGES["default"]` entry for django-storages' S3 backend, and MEDIA_URL."""
    media_url = public_media_url(bucket, env)
    parts = urlsplit(media_url)
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": env.get("SAHIFA_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": env.get("SAHIFA_S3_REGION", "").strip() or None,
        # Public, unsigned addresses that pages and caches can keep.
        "custom_domain": f"{parts.netloc}{parts.path}".rstrip("/"),
        "url_protocol": f"{parts.scheme}:",
        "querystring_auth": False,
        "file_overwrite": False,
        "object_parameters": {"CacheControl": IMMUTABLE},
    }
    if key := env.get("SAHIFA_S3_ACCESS_KEY_ID", "").strip():
        options["access_key"] = key
        options["secret_key"] = env.get("SAHIFA_S3_SECRET_ACCESS_KEY", "")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, media_url
