"""What a feed line says about an article, as plain checked values: the input of the
bulk import (`actions.import_articles`), whatever format it was read from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class PictureRef:
    """A picture named by an association, not yet fetched."""

    uri: str
    href: str
    caption: str = ""
    credit: str = ""
    title: str = ""


@dataclass
class SubjectRef:
    name: str
    code: str
    slug: str = ""


@dataclass
class ArticleData:
    uri: str
    headline: str
    language: str
    # None: the line names no category; it goes into the site's default one.
    subject: SubjectRef | None
    first_published_at: datetime | None
    updated_at: datetime
    live: bool = True
    lead: str = ""
    body: str = ""
    byline: str = ""
    is_top_story: bool = False
    source_name: str = ""
    source_url: str = ""
    view_count: int | None = None
    slug: str = ""
    social_headline: str = ""
    translation_key: uuid.UUID | None = None
    keywords: list[str] = field(default_factory=list)
    picture: PictureRef | None = None
    warnings: list[str] = field(default_factory=list)
