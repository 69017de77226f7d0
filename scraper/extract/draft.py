"""What a page type reads of one talk (a `Draft`) and how it becomes a clean `Talk`.

Every page type fills a Draft with what its source says, as raw text or as
values already typed (an iCalendar DTSTART); `build_talk` does the rest the
same way for all of them: speakers parsed, text cleaned, the date read the
way the page writes dates, times put in the series' zone.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from ..talk import Link, SourceKind, Speaker, Talk
from .dates import find_times, in_zone, local_start
from .document import Document
from .speakers import parse_speakers
from .text import CANCELLED, clean_line, clean_text


@dataclass
class Draft:
    title: str | None = None
    speakers: str | list[Speaker] | None = None
    abstract: str | None = None
    bio: str | None = None
    location: str | None = None
    when: str | None = None            # text that holds the date and/or the time
    day: date | None = None
    start: datetime | time | None = None
    end: datetime | time | None = None
    links: list[Link] = field(default_factory=list)
    status: str | None = None


def _moment(value: datetime | time | None, day: date, timezone: str) -> datetime | None:
    if isinstance(value, datetime):
        return in_zone(value, timezone)
    return local_start(day, value, timezone)


def _speakers(value: str | list[Speaker] | None) -> list[Speaker]:
    if isinstance(value, list):
        return value
    return parse_speakers(clean_line(value))


def talk_day(doc: Document, draft: Draft, default: date | None = None) -> date | None:
    """The talk's date: typed, else read from its date text, else the default (heading, address)."""
    if draft.day:
        return draft.day
    if isinstance(draft.start, datetime):
        return in_zone(draft.start, doc.series.timezone).date()
    return doc.reader.find(draft.when) or default


def build_talk(doc: Document, draft: Draft, kind: SourceKind, *, default_day: date | None = None,
               source_date: date | None = None) -> Talk | None:
    """The talk a draft describes, or None when no date can be found for it."""
    day = talk_day(doc, draft, default_day)
    if day is None:
        return None
    zone = doc.series.timezone
    start, end = draft.start, draft.end
    if start is None:
        start, end = find_times(draft.when, doc.reader)
    start = start or doc.series.hints.default_time
    title, status = clean_line(draft.title), draft.status
    if title and CANCELLED.search(title):  # "Cancelled – River deltas", "Title (CANCELLED)"
        title, status = clean_line(CANCELLED.sub(" ", title).strip(" -–—:()[]")), "cancelled"
    return Talk(
        series=doc.series.name,
        date=day,
        source_url=doc.url,
        source_kind=kind,
        source_date=source_date,
        timezone=zone,
        title=title,
        speakers=_speakers(draft.speakers),
        abstract=clean_text(draft.abstract),
        bio=clean_text(draft.bio),
        start=_moment(start, day, zone),
        end=_moment(end, day, zone) if start else None,
        location=clean_line(draft.location),
        status=status,
        links=list(draft.links),
    )


def talks_in_order(doc: Document, items: Iterable, read: Callable[[object, date | None], Draft | None],
                   kind: SourceKind = SourceKind.PLAN) -> Iterator[Talk]:
    """The talks of a list read in page order; `read` drafts an item, given the date of the talk before it."""
    previous: date | None = None
    for item in items:
        draft = read(item, previous)
        talk = build_talk(doc, draft, kind) if draft is not None else None
        if talk:
            previous = talk.date
            yield talk
