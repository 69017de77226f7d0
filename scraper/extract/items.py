"""Page types whose talks are the items of one format: calendar events, feed entries, schema.org events.

Such a type names its format, how to list the document's items and how to
read one item; it gives its ceiling wherever the document is of that format
and has items, and reads the items in order.
"""
from __future__ import annotations

from collections.abc import Iterator

from ..talk import Talk
from .document import Document
from .draft import Draft, talks_in_order


class FormatItems:
    name: str
    ceiling: float
    format: str  # the `Document.format` this type reads

    def items(self, doc: Document) -> list:
        raise NotImplementedError

    def draft(self, doc: Document, item) -> Draft:
        raise NotImplementedError

    def detect(self, doc: Document) -> float:
        return self.ceiling if doc.format == self.format and self.items(doc) else 0.0

    def talks(self, doc: Document) -> Iterator[Talk]:
        return talks_in_order(doc, self.items(doc), lambda item, _: self.draft(doc, item))
