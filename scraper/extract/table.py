"""Page type "table": a programme or plan table, one row a talk.

The header row names the columns (date, time, speaker, title, location,
abstract, in English and Swedish). A table whose rows link to the talks'
own pages is a plan: a row without such a link has no talk yet ("Up for
grabs", "Someone?"), unless it is marked cancelled, and a row carries no
links of its own (its page has them). Any other row that names a speaker
(or has a title) is a talk. Dates without a year follow the page's year and
run forward through the table.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from ..talk import Talk
from ..urls import worth_fetching
from .block import Paragraph, free_links
from .document import Document
from .draft import Draft, talks_in_order
from .headline import names_people, split_headline
from .markup import first_in, tags_in
from .text import CANCELLED, clean_line, node_text

COLUMNS = {
    "date": r"date|datum|when|day|dag|när|date and time|datum och tid",
    "time": r"time|tid|kl\.?|klockan|hours?",
    "speaker": r"speakers?|presenters?|talare|föreläsare|who|name|lecturer",
    "title": r"title|talk|topic|titel|ämne|seminar|rubrik",
    "location": r"location|where|room|venue|place|plats|lokal|sal",
    "abstract": r"abstract|summary|description|sammanfattning|beskrivning",
    "affiliation": r"affiliation|institution|organi[sz]ation|lärosäte",
}
HEADER = {role: re.compile(rf"^\s*(?:{pattern})\s*:?\s*$", re.I) for role, pattern in COLUMNS.items()}


@dataclass
class Row:
    cells: dict[str, Tag]
    tag: Tag

    def text(self, role: str) -> str:
        cell = self.cells.get(role)
        return node_text(cell) if cell is not None else ""


def columns(table: Tag) -> dict[str, int] | None:
    """Column index of each role the header row names; None unless it has a date and a speaker or title."""
    header = first_in(table, "tr")
    if header is None:
        return None
    found: dict[str, int] = {}
    for index, cell in enumerate(tags_in(header, ("th", "td"))):
        text = cell.get_text(" ", strip=True)
        role = next((role for role, pattern in HEADER.items() if pattern.match(text)), None)
        if role and role not in found:
            found[role] = index
    if "date" not in found or not ({"speaker", "title"} & found.keys()):
        return None
    return found


def rows(table: Tag, found: dict[str, int]) -> Iterator[Row]:
    for tr in tags_in(table, "tr")[1:]:
        cells = tags_in(tr, ("td", "th"))
        yield Row({role: cells[i] for role, i in found.items() if i < len(cells)}, tr)


def page_link(row: Row, base_url: str) -> str | None:
    """The address of the talk's own page when its speaker or title cell links one."""
    for role in ("speaker", "title"):
        cell = row.cells.get(role)
        anchor = cell.find("a", href=True) if cell is not None else None
        if anchor is not None:
            url = urljoin(base_url, anchor["href"])
            if urlsplit(url).netloc == urlsplit(base_url).netloc and worth_fetching(url):
                return url
    return None


def row_draft(row: Row, doc: Document, plan: bool) -> Draft | None:
    """What a row says of its talk, or None when it holds no talk."""
    cancelled = any(CANCELLED.search(cell.get_text(" ")) for cell in tags_in(row.tag, ("td", "th")))
    speaker = CANCELLED.sub(" ", row.text("speaker"))
    title = clean_line(CANCELLED.sub(" ", row.text("title")))
    if not plan and "title" not in row.cells and not names_people(speaker):
        speaker, title = split_headline(clean_line(speaker))
    if row.text("affiliation").strip():
        speaker = f"{clean_line(speaker)}, {clean_line(row.text('affiliation'))}"
    if plan and cancelled and not title:
        speaker, title = "", speaker  # the plan's cancelled row: its text names the occasion
    has_talk = (page_link(row, doc.url) is not None) if plan else bool(names_people(speaker or "") or title)
    if not (has_talk or cancelled):
        return None
    links = [] if plan else free_links([Paragraph(cell, node_text(cell)) for cell in row.cells.values()], doc.url, set())
    return Draft(title=title, speakers=speaker, abstract=row.text("abstract") or None,
                 location=row.text("location") or None, when=f"{row.text('date')} {row.text('time')}",
                 links=links, status="cancelled" if cancelled else None)


def dated_row(row: Row, doc: Document, plan: bool, previous: date | None) -> Draft | None:
    draft = row_draft(row, doc, plan)
    if draft is not None:
        draft.day = doc.reader.find(row.text("date"), after=previous)
    return draft


def table_talks(doc: Document) -> Iterator[Talk]:
    for table in tags_in(doc.soup, "table"):
        found = columns(table)
        if found is None:
            continue
        table_rows = list(rows(table, found))
        plan = any(page_link(row, doc.url) for row in table_rows)
        yield from talks_in_order(doc, table_rows, lambda row, previous: dated_row(row, doc, plan, previous))


class Table:
    name = "table"
    ceiling = 0.7  # the strongest signal `detect` can give

    def detect(self, doc: Document) -> float:
        if doc.format != "html" or first_in(doc.soup, "table") is None:
            return 0.0
        count = len(doc.remember("table", lambda: list(table_talks(doc))))
        return 0.0 if count == 0 else 0.5 if count == 1 else self.ceiling

    def talks(self, doc: Document) -> Iterator[Talk]:
        return iter(doc.remember("table", lambda: list(table_talks(doc))))
