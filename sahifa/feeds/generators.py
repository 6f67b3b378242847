"""RSS 2.0 and Atom as Django writes them, plus what news readers look for: the whole
body (`content:encoded` in RSS, `content` in Atom), the main picture with its size and
type (Media RSS `media:content`), and in RSS the time of the last edit (`atom:updated`)."""

from __future__ import annotations

from typing import Any

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.xmlutils import SimplerXMLGenerator

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def add_media(handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
    picture = item.get("picture")
    if picture is None:
        return
    # Attributes as a dict, as Django's own feeds pass them (the stubs want AttributesImpl).
    handler.startElement(
        "media:content",
        {  # type: ignore[arg-type]
            "url": picture.url,
            "fileSize": str(picture.size),
            "type": picture.media_type,
            "medium": "image",
            "width": str(picture.width),
            "height": str(picture.height),
        },
    )
    if picture.caption:
        handler.addQuickElement("media:description", picture.caption, {"type": "plain"})
    if picture.credit:
        handler.addQuickElement("media:credit", picture.credit)
    handler.endElement("media:content")


class NewsRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content_html"])
        add_media(handler, item)


class NewsAtomFeed(Atom1Feed):
    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler: SimplerXMLGenerator, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media(handler, item)
