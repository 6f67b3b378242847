"""Uploaded files are never pages of the site: documents of an allowed kind only, and
everything under /media/ sandboxed, unsniffed, and (but for pictures) a download."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["page.html", "page.htm", "chart.svg", "feed.xml", "x.js"])
def test_documents_of_kinds_a_browser_runs_are_refused_at_upload(admin_client, name):
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>", content_type="text/html")
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Hostile", "file": upload, "collection": 1}
    )
    assert response.status_code == 200  # the form again, with the reason
    assert not get_document_model().objects.exists()


def test_an_allowed_document_is_uploaded_and_served_as_a_download(admin_client, client):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4 report", content_type="application/pdf")
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "Report", "file": upload, "collection": 1}
    )
    assert response.status_code == 302
    document = get_document_model().objects.get()
    served = client.get(document.url)
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    "name, content, download",
    [
        ("documents/report.html", b"<script>alert(1)</script>", True),
        ("documents/chart.svg", b"<svg><script>alert(1)</script></svg>", True),
        ("original_images/photo.png", b"\x89PNG\r\n\x1a\n", False),
    ],
)
def test_media_files_are_sandboxed_and_unsniffed(client, name, content, download):
    path = Path(settings.MEDIA_ROOT) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert policy.startswith("default-src 'none'") and policy.endswith("sandbox")
    assert (response.get("Content-Disposition") == "attachment") is download
