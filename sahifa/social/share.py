"""Share links of an article page: each platform's own share address, opened by the
reader's click. No platform's script is loaded, so nothing reaches a platform before
the reader chooses it."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext

# key -> (the platform's name, its share address, its query with {url} and {text}).
NETWORKS: dict[str, tuple[str, str, dict[str, str]]] = {
    "telegram": ("Telegram", "https://t.me/share/url", {"url": "{url}", "text": "{text}"}),
    "whatsapp": ("WhatsApp", "https://wa.me/", {"text": "{text} {url}"}),
    "facebook": ("Facebook", "https://www.facebook.com/sharer/sharer.php", {"u": "{url}"}),
    "x": ("X", "https://x.com/intent/post", {"text": "{text}", "url": "{url}"}),
}


@dataclass(frozen=True)
class ShareLink:
    key: str
    name: str  # the platform's own name, the link's visible text
    href: str
    label: str  # the accessible name: what the link does


def share_links(url: str, title: str) -> list[ShareLink]:
    """A link per platform sharing the absolute ``url`` with ``title``."""
    links = []
    for key, (name, address, query) in NETWORKS.items():
        values = {field: value.format(url=url, text=title) for field, value in query.items()}
        links.append(
            ShareLink(
                key=key,
                name=name,
                href=f"{address}?{urlencode(values, quote_via=quote)}",
                label=gettext("Share on %(network)s (opens in a new tab)") % {"network": name},
            )
        )
    return links
