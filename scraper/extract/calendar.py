"""Page type "icalendar": an iCalendar feed (.ics), one VEVENT a talk (read by icalendar).

SUMMARY is the headline (speaker and title), DESCRIPTION is read like any
block of text (labelled lines such as "Speaker: ..." first), DTSTART and
DTEND give the times in the series' zone (a floating time is wall-clock
time there; an all-day event has a date and no time), LOCATION the place
(or, when it is an address, the meeting link), STATUS:CANCELLED cancels.
An event's URL is a link when it is a meeting, recording, slides or paper;
otherwise it is the talk's page, for the crawl to follow.
"""
from __future__ import annotations

from datetime import date, datetime
from html import escape

import icalendar

from ..talk import Link
from .block import block_draft
from .document import Document, parse_html
from .draft import Draft
from .items import FormatItems
from ..linkrules import BARE_URL, classify, strip_secrets


def headed_block(headline: str, html: str) -> list:
    """A headline and a description as sibling blocks, the shape `block_draft` reads."""
    soup = parse_html(f"<html><body><h2>{escape(headline)}</h2>{html}</body></html>")
    return list(soup.body.children) if soup.body else []


def text_html(text: str) -> str:
    """Plain text as HTML, one paragraph a line."""
    return "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())


def events(doc: Document) -> list:
    def parse():
        try:
            return list(icalendar.Calendar.from_ical(doc.body or b"").walk("VEVENT"))
        except ValueError:
            return []
    return doc.remember("vevents", parse)


def _value(event, name: str):
    return event.decoded(name) if name in event else None


def _links(event) -> tuple[list[Link], list[str]]:
    """The event's talk links, and the pages it points to."""
    links, pages = [], []
    url = str(event.get("url") or "").strip()
    location = str(event.get("location") or "").strip()
    for candidate, default in ((url, "other"), (location if BARE_URL.fullmatch(location) else "", "meeting")):
        if not candidate:
            continue
        kind = classify(candidate, default=default)
        if kind == "other":
            pages.append(candidate)
        else:
            links.append(Link(strip_secrets(candidate), kind))
    return links, pages


def event_draft(doc: Document, event) -> Draft:
    location = str(event.get("location") or "")
    nodes = headed_block(str(event.get("summary") or ""), text_html(str(event.get("description") or "")))
    draft = block_draft(nodes, doc.url, doc.reader)
    start, end = _value(event, "dtstart"), _value(event, "dtend")
    if isinstance(start, datetime):
        draft.start, draft.end = start, end if isinstance(end, datetime) else None
    elif isinstance(start, date):
        draft.day, draft.start, draft.end = start, None, None
    links, _ = _links(event)
    draft.links = links + [link for link in draft.links if link.url not in {l.url for l in links}]
    draft.location = None if BARE_URL.fullmatch(location.strip()) else location or draft.location
    if str(event.get("status") or "").upper() == "CANCELLED":
        draft.status = "cancelled"
    return draft


class ICalendar(FormatItems):
    name = "icalendar"
    ceiling = 1.0  # the strongest signal `detect` can give
    format = "icalendar"
    items = staticmethod(events)
    draft = staticmethod(event_draft)

    def pages(self, doc: Document) -> list[str]:
        return [page for event in events(doc) for page in _links(event)[1]]
