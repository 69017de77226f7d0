"""One fetched resource as the page types see it: address, bytes, format, and how it writes dates.

The format is sniffed from the Content-Type and the first bytes, so a feed
served as `text/plain` or a page served without a type is still read.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from bs4 import BeautifulSoup

from ..series import Series
from .dates import ISO_DATE, YEAR_WORD, DateReader, locale_order, order_of
from .markup import tags_in

CALENDAR_TYPES = ("text/calendar", "application/ics")
FEED_TYPES = ("application/rss+xml", "application/x-rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
XML_TYPES = ("application/xml", "text/xml")
YEAR_PLACES = ("title", "h1", "h2", "h3", "h4", "caption", "summary", "time")


def parse_html(body: bytes | str, encoding: str | None = None) -> BeautifulSoup:
    if isinstance(body, bytes):
        return BeautifulSoup(body, "lxml", from_encoding=encoding)
    return BeautifulSoup(body, "lxml")


@dataclass
class Document:
    url: str
    body: bytes | None
    series: Series
    content_type: str = ""
    encoding: str | None = None
    parsed: BeautifulSoup | None = None  # a soup already made from the body
    memo: dict = field(default_factory=dict, repr=False)

    def remember(self, key: str, compute: Callable[[], object]):
        """What `compute` gives, worked out once per document (detection and extraction share it)."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    @cached_property
    def format(self) -> str:
        """"icalendar", "feed" or "html"."""
        ctype = self.content_type.split(";")[0].strip().lower()
        head = (self.body or b"")[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if ctype in CALENDAR_TYPES or head.startswith(b"begin:vcalendar"):
            return "icalendar"
        is_xml = ctype in XML_TYPES or head.startswith(b"<?xml")
        if ctype in FEED_TYPES or (is_xml and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))):
            return "feed"
        return "html"

    @cached_property
    def soup(self) -> BeautifulSoup:
        if self.parsed is not None:
            return self.parsed
        return parse_html(self.body or b"", self.encoding)

    @cached_property
    def html(self) -> str:
        if self.body is None:
            return str(self.soup)
        return self.body.decode(self.encoding or "utf-8", errors="replace")

    @cached_property
    def text(self) -> str:
        if self.format != "html":
            return self.html
        return self.soup.get_text(" ")

    @cached_property
    def reader(self) -> DateReader:
        """How this page writes dates: numeric order from its own dates, else the hint or locale."""
        hinted = self.series.hints.date_order
        fallback = hinted or locale_order(self.series.locale, self.series.timezone)
        order = hinted or order_of([self.text], fallback)
        return DateReader(order, self.years)

    @cached_property
    def years(self) -> tuple[int, ...]:
        """The years the page is about, most likely first: its address, headings, then its text."""
        votes: Counter[int] = Counter()
        for year in YEAR_WORD.findall(self.url):
            votes[int(year)] += 3
        if self.format == "html":
            for node in tags_in(self.soup, YEAR_PLACES):
                for year in YEAR_WORD.findall(node.get_text(" ")):
                    votes[int(year)] += 2
        for year in YEAR_WORD.findall(self.text) + [m.group("y") for m in ISO_DATE.finditer(self.text)]:
            votes[int(year)] += 1
        return tuple(year for year, _ in votes.most_common())
