"""Scheduled talks listed on other pages: plan tables and "Upcoming seminars" lists.

A plan table has a date column and a speaker column. A row that links a page
is a scheduled talk; a row marked cancelled is a cancelled talk (its text kept
as the title, e.g. the holiday); any other row (a placeholder such as "Up for
grabs" or "?") is not a talk. An upcoming list has one entry per talk,
"DATE[, TIME]: Speaker, Affiliation", and may state a common time for all
("All seminars are 15:00 CET").
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from .dates import ISO_DATE, find_date, find_time
from .fields import Field
from .speakers import parse_speakers
from .text import clean_line

CANCELLED = re.compile(r"\b(cancel+ed|inställt|inställd)\b", re.I)
DATE_HEADER = re.compile(r"^\s*(date|datum|when|day)\s*$", re.I)
SPEAKER_HEADER = re.compile(r"^\s*(speakers?|presenters?|talare|who|name|talk)\s*$", re.I)
ENTRY = re.compile(r"^\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:\s*,?\s*(?P<time>\d{1,2}[:.]\d{2}))?\s*:\s*(?P<rest>.*)$", re.S)
PAGE_LINK = re.compile(r"\.(html?|php|aspx?)$|/[^./]*$", re.I)


@dataclass
class ScheduledTalk:
    """A talk as a schedule lists it."""

    date: date
    speaker_text: str
    time: time | None = None
    cancelled: bool = False
    page_url: str | None = None
    title_text: str | None = None

    @property
    def speakers(self):
        return [] if self.cancelled else parse_speakers(self.speaker_text)

    @property
    def title(self) -> str | None:
        """The title the entry gives; for a cancelled row, its text (often the holiday)."""
        if self.cancelled:
            return clean_line(self.speaker_text)
        return clean_line(self.title_text)


def _columns(table: Tag) -> tuple[int, int] | None:
    header = table.find("tr")
    if header is None:
        return None
    cells = [cell.get_text(" ", strip=True) for cell in header.find_all(["th", "td"])]
    date_col = next((i for i, c in enumerate(cells) if DATE_HEADER.match(c)), None)
    speaker_col = next((i for i, c in enumerate(cells) if SPEAKER_HEADER.match(c)), None)
    if date_col is None or speaker_col is None:
        return None
    return date_col, speaker_col


def _page_link(cell: Tag, base_url: str) -> str | None:
    anchor = cell.find("a", href=True)
    if anchor is None:
        return None
    url = urljoin(base_url, anchor["href"])
    return url if PAGE_LINK.search(urlsplit(url).path) else None


def plan_rows(soup, base_url: str) -> Iterator[ScheduledTalk]:
    """Talks from plan tables: linked rows and cancelled rows."""
    for table in soup.find_all("table"):
        columns = _columns(table)
        if columns is None:
            continue
        date_col, speaker_col = columns
        for row in table.find_all("tr")[1:]:
            cells = row.find_all(["td", "th"])
            if len(cells) <= max(date_col, speaker_col):
                continue
            day = find_date(cells[date_col].get_text(" ", strip=True))
            if day is None:
                continue
            cancelled = any(CANCELLED.search(cell.get_text(" ")) for cell in cells)
            link = _page_link(cells[speaker_col], base_url)
            if link or cancelled:
                text = cells[speaker_col].get_text(" ", strip=True)
                yield ScheduledTalk(day, text, None, cancelled, link)


def _entry_title(item: Tag) -> str | None:
    """An emphasised or quoted title in a list entry ("DATE: *Title*, Speaker")."""
    marked = item.find(["em", "i", "cite", "q"])
    return marked.get_text(" ", strip=True) if marked else None


def upcoming_entries(upcoming: Field) -> Iterator[ScheduledTalk]:
    """Talks of an "Upcoming seminars" list, with the list's common time where stated."""
    items = [item for node in upcoming.all_nodes if isinstance(node, Tag)
             for item in ([node] if node.name == "li" else node.find_all("li"))]
    texts = [item.get_text(" ") for item in items]
    common = next((find_time(t) for t in texts if not ISO_DATE.match(t.strip()) and find_time(t)), None)
    for item, text in zip(items, texts):
        match = ENTRY.match(text)
        if not match:
            continue
        title = _entry_title(item)
        rest = match.group("rest").replace(title, "", 1) if title else match.group("rest")
        clock = find_time(match.group("time") or "") or common
        yield ScheduledTalk(find_date(match.group("date")), rest, clock, title_text=title)
