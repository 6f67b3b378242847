"""A real Varnish (the shipped VCL) in front of the test's live server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conftest import free_port
from sahifa.core.testing import varnish


@pytest.fixture
def varnish_url(live_server, tmp_path, settings) -> Iterator[str]:
    """Varnish on its own loopback port before the live server; the site purges it."""
    reason = varnish.unavailable()
    if reason:
        pytest.skip(reason)
    servers = varnish.server_at(live_server.url)
    with varnish.running_varnish(free_port(), tmp_path / "varnish", servers) as url:
        settings.SAHIFA_PURGE_URLS = [url + "/"]
        yield url
