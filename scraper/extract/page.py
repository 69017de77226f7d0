"""From one fetched resource to talk records and the links to follow.

Each page type (schema.org events, an iCalendar or RSS/Atom feed, a talk's
own page with labelled fields, a programme table, a listing of repeated
blocks) is a small module behind one interface, `PageType`: `detect` says
how strongly a document looks like that type (0 to 1) and `talks` reads
its talks. The strongest signal wins; a source's `page_type` hint wins
wherever that type finds anything at all.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from bs4 import BeautifulSoup

from ..series import Series
from ..talk import Talk
from .calendar import ICalendar
from .document import Document, parse_html
from .feed import Feed
from .labelled import LabelledFields
from .listing import Listing
from .markup import tags_in
from .structured import StructuredEvents
from .table import Table
from .text import PLACEHOLDERS


class PageType(Protocol):
    name: str
    ceiling: float

    def detect(self, doc: Document) -> float:
        """How strongly the document looks like this type: 0 (not at all) to 1."""

    def talks(self, doc: Document) -> Iterator[Talk]:
        """The talks the document describes."""


PAGE_TYPES: tuple[PageType, ...] = (StructuredEvents(), ICalendar(), Feed(), LabelledFields(), Table(), Listing())
BY_NAME = {page_type.name: page_type for page_type in PAGE_TYPES}
BY_CEILING = sorted(PAGE_TYPES, key=lambda page_type: -page_type.ceiling)


@dataclass
class PageExtraction:
    """What one page says: talks, outgoing links, its robots directives, and the type it was read as."""

    url: str
    talks: list[Talk] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    robots: set[str] = field(default_factory=set)
    page_type: str | None = None

    @property
    def noindex(self) -> bool:
        return "noindex" in self.robots or "none" in self.robots

    @property
    def nofollow(self) -> bool:
        return "nofollow" in self.robots or "none" in self.robots


def page_type_of(doc: Document) -> PageType | None:
    """The type the document is read as: the source's hint if it applies, else the strongest signal."""
    hinted = BY_NAME.get(doc.series.hints.page_type or "")
    if hinted is not None and hinted.detect(doc) > 0:
        return hinted
    strength, best = 0.0, None
    for page_type in BY_CEILING:  # a type that cannot beat the best signal so far is not asked
        if strength >= page_type.ceiling:
            break
        signal = page_type.detect(doc)
        if signal > strength:
            strength, best = signal, page_type
    return best


def extract(url: str, body: bytes, content_type: str, series: Series, encoding: str | None = None) -> PageExtraction:
    """Talks and links of a fetched resource of any kind (HTML page, iCalendar, RSS or Atom feed)."""
    return read(Document(url, body, series, content_type, encoding))


def extract_page(url: str, soup: BeautifulSoup, series: Series) -> PageExtraction:
    """Talks and links of an HTML page already parsed."""
    return read(Document(url, None, series, "text/html", parsed=soup))


def read(doc: Document) -> PageExtraction:
    chosen = page_type_of(doc)
    result = PageExtraction(doc.url, page_type=chosen.name if chosen else None)
    if chosen:
        result.talks = list(chosen.talks(doc))
    if doc.format == "html":
        result.robots, result.links = _robots(doc.soup), _hrefs(doc.soup)
    elif chosen is not None and hasattr(chosen, "pages"):
        result.links = chosen.pages(doc)
    return result


def _robots(soup: BeautifulSoup) -> set[str]:
    directives = set()
    for meta in tags_in(soup, "meta"):
        if (meta.get("name") or "").lower() not in ("robots", "googlebot"):
            continue
        directives.update(d.strip().lower() for d in (meta.get("content") or "").split(",") if d.strip())
    return directives


def _hrefs(soup: BeautifulSoup) -> list[str]:
    """Every link target on the page, less placeholders a draft left ("N/A")."""
    hrefs = (a["href"].strip() for a in tags_in(soup, "a") if a.has_attr("href"))
    return [href for href in hrefs if href and href.casefold() not in PLACEHOLDERS]


__all__ = ["PAGE_TYPES", "PageExtraction", "PageType", "extract", "extract_page", "parse_html", "read"]
