"""Fixtures of the sitemap tests."""

from __future__ import annotations

import pytest

from sahifa.pages.tests.conftest import make_image  # noqa: F401  (a shared fixture)


@pytest.fixture
def world(make_category):
    return make_category("en", "world", "World")
