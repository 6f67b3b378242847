"""A block past its time is served as it is and built again after the response, by one
process: no reader's request waits for the rebuild. A change (a new generation) is
built at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone

from sahifa.core import blocks


@pytest.fixture(autouse=True)
def _requests_keep_the_test_connection():
    """As Django's test client does: a request's start and end do not close the test
    database's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Build:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def in_request(read):
    request_started.send(sender=None)
    try:
        return read()
    finally:
        request_finished.send(sender=None)


def test_an_old_block_is_renewed_after_the_response():
    build = Build()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert in_request(lambda: blocks.cached("numbers", build, ["weather"])) == 1
        clock.shift(timedelta(seconds=blocks.BLOCK_SECONDS + 1))
        request_started.send(sender=None)
        assert blocks.cached("numbers", build, ["weather"]) == 1  # served as it was
        assert build.calls == 1  # nothing built inside the request
        request_finished.send(sender=None)  # the response has gone
        assert build.calls == 2
        assert in_request(lambda: blocks.cached("numbers", build, ["weather"])) == 2


def test_a_renewed_scope_is_built_at_once():
    build = Build()
    assert in_request(lambda: blocks.cached("numbers", build, ["weather"])) == 1
    blocks.renew("weather")
    assert in_request(lambda: blocks.cached("numbers", build, ["weather"])) == 2


def test_outside_a_request_an_old_block_is_built_before_it_is_read_again():
    build = Build()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        assert blocks.cached("numbers", build, ["weather"]) == 1
        clock.shift(timedelta(seconds=blocks.BLOCK_SECONDS + 1))
        blocks.cached("numbers", build, ["weather"])
        assert build.calls == 2
