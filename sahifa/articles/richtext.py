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


def sanitize_body_html(html: str) -> str:
    """Reduce untrusted HTML to the tags the body editor allows (scripts, styles,
    event handlers and javascript: links are dropped with their content)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
