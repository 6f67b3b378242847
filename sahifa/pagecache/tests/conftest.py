"""A way to ask which of a set of pages are still served from the page cache (on by
the `page_cache` fixture of the project's conftest)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest


@pytest.fixture
def served_from_cache(client) -> Callable[[Iterable[str]], dict[str, str]]:
    """For each path: "hit" when the page cache served it, else what it did."""

    def served(paths: Iterable[str]) -> dict[str, str]:
        return {path: client.get(path).headers.get("X-Sahifa-Cache", "none") for path in paths}

    return served
