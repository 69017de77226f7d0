"""Page type "feed": RSS or Atom (read by feedparser), one item a talk.

An item's title is the headline (speaker and title) and its content or
summary is read like any block (labelled fields first, then by role). The
talk's date is the one its text gives, else the one in its link's address;
never the feed's publication date, which says when it was announced. The
item's link is the talk's own page, for the crawl to follow.
"""
from __future__ import annotations

import feedparser

from .block import block_draft
from .calendar import headed_block
from .dates import date_in_url
from .document import Document
from .draft import Draft
from .items import FormatItems


def entries(doc: Document) -> list:
    return doc.remember("entries", lambda: list(feedparser.parse(doc.body or b"").entries))


def _html(entry) -> str:
    content = entry.get("content") or []
    return content[0].get("value", "") if content else entry.get("summary", "")


def entry_draft(doc: Document, entry) -> Draft:
    link = entry.get("link") or doc.url
    draft = block_draft(headed_block(entry.get("title", ""), _html(entry)), link, doc.reader)
    draft.day = doc.reader.find(draft.when) or date_in_url(link)
    return draft


class Feed(FormatItems):
    name = "feed"
    ceiling = 0.95  # the strongest signal `detect` can give
    format = "feed"
    items = staticmethod(entries)
    draft = staticmethod(entry_draft)

    def pages(self, doc: Document) -> list[str]:
        return [entry.get("link") for entry in entries(doc) if entry.get("link")]
