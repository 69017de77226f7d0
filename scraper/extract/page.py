"""From one fetched page to talk records and the links to follow.

A page may be an announcement (labelled fields describing one talk, perhaps
with an "Upcoming seminars" list), a plan page (a table of dates and
speakers), or both; every talk any part of it describes is returned, each
marked with how authoritative its source is (`SourceKind`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bs4 import BeautifulSoup

from ..series import Series
from ..talk import SourceKind, Talk
from .dates import date_in_url, find_date, find_time, local_start
from .fields import Field, labelled_fields
from .links import talk_links
from .schedule import ScheduledTalk, plan_rows, upcoming_entries
from .speakers import parse_speakers
from .text import PLACEHOLDERS, clean_line, clean_text


@dataclass
class PageExtraction:
    """What one page says: talks, outgoing links, and its robots directives."""

    url: str
    talks: list[Talk] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    robots: set[str] = field(default_factory=set)

    @property
    def noindex(self) -> bool:
        return "noindex" in self.robots or "none" in self.robots

    @property
    def nofollow(self) -> bool:
        return "nofollow" in self.robots or "none" in self.robots


def parse_html(body: bytes | str, encoding: str | None = None) -> BeautifulSoup:
    if isinstance(body, bytes):
        return BeautifulSoup(body, "lxml", from_encoding=encoding)
    return BeautifulSoup(body, "lxml")


def extract_page(url: str, soup: BeautifulSoup, series: Series) -> PageExtraction:
    result = PageExtraction(url, robots=_robots(soup), links=_hrefs(soup))
    fields = labelled_fields(soup)
    page_date = _page_date(fields, url)
    if page_date and ({"title", "speaker"} & fields.keys()):
        result.talks.append(_announced_talk(fields, url, page_date, series))
    if "upcoming" in fields:
        for entry in upcoming_entries(fields["upcoming"]):
            result.talks.append(_scheduled_talk(entry, url, SourceKind.UPCOMING, page_date, series))
    for row in plan_rows(soup, url):
        result.talks.append(_scheduled_talk(row, url, SourceKind.PLAN, None, series))
    return result


def _robots(soup: BeautifulSoup) -> set[str]:
    directives = set()
    for meta in soup.find_all("meta", attrs={"name": lambda n: n and n.lower() in ("robots", "googlebot")}):
        directives.update(d.strip().lower() for d in (meta.get("content") or "").split(",") if d.strip())
    return directives


def _hrefs(soup: BeautifulSoup) -> list[str]:
    """Every link target on the page, less placeholders a draft left ("N/A")."""
    hrefs = (a["href"].strip() for a in soup.find_all("a", href=True))
    return [href for href in hrefs if href and href.casefold() not in PLACEHOLDERS]


def _page_date(fields: dict[str, Field], url: str) -> date | None:
    if "date" in fields:
        found = find_date(fields["date"].raw_text)
        if found:
            return found
    return date_in_url(url)


def _announced_talk(fields: dict[str, Field], url: str, day: date, series: Series) -> Talk:
    text = {name: f.raw_text for name, f in fields.items()}
    clock = find_time(text.get("date", ""))
    links = talk_links(fields, url)
    return Talk(
        series=series.name,
        date=day,
        source_url=url,
        source_kind=SourceKind.PAGE,
        source_date=day,
        timezone=series.timezone,
        title=clean_line(text.get("title")),
        speakers=parse_speakers(clean_line(text.get("speaker"))),
        abstract=clean_text(text.get("abstract")),
        bio=clean_text(text.get("bio")),
        start=local_start(day, clock, series.timezone),
        location=clean_line(text.get("location")),
        links=links,
    )


def _scheduled_talk(entry: ScheduledTalk, url: str, kind: SourceKind, source_date: date | None,
                    series: Series) -> Talk:
    return Talk(
        series=series.name,
        date=entry.date,
        source_url=url,
        source_kind=kind,
        source_date=source_date,
        timezone=series.timezone,
        title=entry.title,
        speakers=entry.speakers,
        start=local_start(entry.date, entry.time, series.timezone),
        status="cancelled" if entry.cancelled else None,
    )
