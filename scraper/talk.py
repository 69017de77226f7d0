"""The talk record: what the scraper extracts and the archive stores.

One typed definition shared by both sides. `scraper/` produces `Talk`
objects from pages; `archive/` merges them into SQLite. Nothing here knows
about HTTP or databases.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date, datetime
from enum import IntEnum

LINK_KINDS = ("meeting", "video", "slides", "paper", "homepage", "other")
STATUSES = ("scheduled", "cancelled")


class SourceKind(IntEnum):
    """How a talk was seen; a higher value is a more authoritative source.

    A talk's own announcement page beats a row of a plan page, which beats
    an entry in another page's "Upcoming seminars" list.
    """

    UPCOMING = 1
    PLAN = 2
    PAGE = 3


@dataclass(frozen=True)
class Speaker:
    name: str
    affiliation: str | None = None


@dataclass(frozen=True)
class Link:
    url: str
    kind: str = "other"  # one of LINK_KINDS
    text: str | None = None


@dataclass
class Talk:
    """One talk as one source describes it.

    `date` is always known. `start` is an aware datetime in the series' time
    zone, or None when the source gives no time; `end` likewise. `status` is None when the
    source says nothing about it (only plan pages mark talks cancelled).
    `source_date` orders sources of the same kind: the newer one wins.
    """

    series: str
    date: Date
    source_url: str
    source_kind: SourceKind
    timezone: str
    title: str | None = None
    speakers: list[Speaker] = field(default_factory=list)
    abstract: str | None = None
    bio: str | None = None
    start: datetime | None = None
    location: str | None = None
    status: str | None = None
    links: list[Link] = field(default_factory=list)
    source_date: Date | None = None
    end: datetime | None = None  # when the source gives an end time ("15:00-16:00"), same zone as start

    @property
    def meeting_url(self) -> str | None:
        return next((link.url for link in self.links if link.kind == "meeting"), None)
