"""What an article body may hold: one list for the editor and for imported HTML."""

import nh3

# Features of the body editor (Draftail).
BODY_FEATURES = [
    "h2",
    "h3",
    "h4",
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "blockquote",
    "hr",
    "image",
    "embed",
]

# The HTML those features store; imported HTML is cut down to this.
ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "b",
    "strong",
    "i",
    "em",
    "a",
    "ol",
    "ul",
    "li",
    "blockquote",
    "hr",
    "br",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def _no_other_host(tag: str, attribute: str, value: str) -> str | None:
    """Drop links that name another host without a scheme: ``//host/x`` (and ``\\host``,
    which browsers read the same way) would pass the scheme check as relative links."""
    if attribute == "href" and value.strip().replace("\\", "/").startswith("//"):
        return None
    return value


def sanitize_body_html(html: str) -> str:
    """Reduce untrusted HTML to the tags the body editor allows (scripts, styles,
    event handlers, title attributes and javascript: or protocol-relative links are
    dropped)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        # No generic attributes ("*"): nh3 would otherwise keep lang and title everywhere.
        attributes={**ALLOWED_ATTRIBUTES, "*": set()},
        attribute_filter=_no_other_host,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
