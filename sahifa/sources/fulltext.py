"""The full text of an item from its page, for sources whose feeds carry only a summary
(per source, off by default): the pages fetched together through `core.outbound`, the
article's text found by trafilatura, cleaned as every body is."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext as _

from sahifa.articles.richtext import sanitize_body_html
from sahifa.core import outbound
from sahifa.sources.items import Candidate, plain
from sahifa.sources.readers import charset, decode

# A body shorter than this (letters) is a summary: its page is read.
SUMMARY_ONLY = 600
PAGE_BYTES = 3 * 1024 * 1024
_TITLE = re.compile(r"<h1\b.*?</h1>", re.S | re.I)


def fill(candidates: list[Candidate]) -> None:
    """Give the candidates that have a link and only a summary the text of their page;
    a page that cannot be had or read leaves the item as it is, with a note."""
    wanted = [c for c in candidates if c.link and len(plain(c.body)) < SUMMARY_ONLY]
    if not wanted:
        return
    deadline = float(getattr(settings, "SAHIFA_SOURCES_TIMEOUT", 10))
    requests = [
        outbound.Request(c.link, deadline, PAGE_BYTES, headers={"Accept": "text/html"})
        for c in wanted
    ]
    for candidate, answer in zip(wanted, outbound.fetch_many(requests), strict=True):
        problem = _use_page(candidate, answer)
        if problem:
            candidate.notes.append(
                _("%(item)s: the full text was not taken: %(problem)s")
                % {"item": candidate.headline, "problem": problem}
            )


def _use_page(candidate: Candidate, answer: outbound.Answer | outbound.FetchError) -> str:
    if isinstance(answer, outbound.FetchError):
        return answer.message
    if answer.status != 200:
        return _("the page answered HTTP %(status)d") % {"status": answer.status}
    page = decode(answer.content, charset(answer.headers.get("Content-Type", "")), [])
    body = sanitize_body_html(_TITLE.sub("", extract(page, answer.url)))
    if len(plain(body)) <= len(plain(candidate.body)):
        return _("no more text found on the page")
    candidate.payload["body_html"] = body
    candidate.text = " ".join((candidate.headline, candidate.payload.get("description_text", ""),
                               plain(body)))  # fmt: skip
    return ""


def extract(page: str, url: str) -> str:
    # Imported here: only polls of such sources need it (a web process never does).
    import trafilatura

    found = trafilatura.extract(
        page, url=url, output_format="html", include_comments=False, include_tables=False,
        include_images=False, favor_precision=True,
    )  # fmt: skip
    return found or ""
