""""Upcoming seminars" lists on a talk's page (plan tables are `table.py`).

An upcoming list has one entry per talk,
"DATE[, TIME]: Speaker, Affiliation", and may state a common time for all
("All seminars are 15:00 CET").
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time

from bs4 import Tag

from .dates import ISO_DATE, find_date, find_time
from .fields import Field
from .markup import first_in, tags_in
from .speakers import parse_speakers
from .text import clean_line

ENTRY = re.compile(r"^\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:\s*,?\s*(?P<time>\d{1,2}[:.]\d{2}))?\s*:\s*(?P<rest>.*)$", re.S)


@dataclass
class ScheduledTalk:
    """A talk as an upcoming list names it."""

    date: date
    speaker_text: str
    time: time | None = None
    title_text: str | None = None

    @property
    def speakers(self):
        return parse_speakers(self.speaker_text)

    @property
    def title(self) -> str | None:
        return clean_line(self.title_text)


def _entry_title(item: Tag) -> str | None:
    """An emphasised or quoted title in a list entry ("DATE: *Title*, Speaker")."""
    marked = first_in(item, ("em", "i", "cite", "q"))
    return marked.get_text(" ", strip=True) if marked else None


def upcoming_entries(upcoming: Field) -> Iterator[ScheduledTalk]:
    """Talks of an "Upcoming seminars" list, with the list's common time where stated."""
    items = [item for node in upcoming.all_nodes if isinstance(node, Tag)
             for item in ([node] if node.name == "li" else tags_in(node, "li"))]
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
