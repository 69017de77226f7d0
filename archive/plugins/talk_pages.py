"""Datasette pages that read like a talk archive, not a table dump.

- Abstracts and bios are shown as paragraphs with their web addresses as
  links; search snippets show their matches highlighted. Everything crawled
  is escaped first: a `<script>` in an abstract shows as text.
- A talk's row page opens with a card (`talk` in `row.html`): title,
  speakers linking to their pages, the date and time with its zone, the
  abstract, the links and where the talk was announced.
- A speaker's row page lists all their talks (`speaker_talks`).

Self-contained (standard library, markupsafe, datasette) so that
`datasette publish --plugins-dir` can ship it on its own.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from datasette import hookimpl
from datasette.utils import tilde_decode
from markupsafe import Markup, escape

PROSE_COLUMNS = {"abstract", "bio"}
URL = re.compile(r"https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")
HREF = re.compile(r"https?://[^\s<>\"']+")
MATCH = re.compile(r"\*\*(.+?)\*\*")
TALK_TABLE, SPEAKER_TABLE = "talks", "speakers"


def linked(text: str) -> Markup:
    """`text` escaped, with every http(s) address turned into a link."""
    out, last = [], 0
    for match in URL.finditer(text):
        url = match.group()
        out += [escape(text[last:match.start()]),
                Markup('<a href="{0}" rel="nofollow noopener">{0}</a>').format(url)]
        last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def paragraphs(text: str) -> Markup:
    """Plain text whose paragraphs are separated by blank lines, as HTML paragraphs."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return Markup("").join(
        Markup("<p>{}</p>").format(Markup("<br>").join(linked(line) for line in block.splitlines()))
        for block in blocks)


def highlighted(snippet: str) -> Markup:
    """A search snippet with its `**match**` marks shown as <mark>."""
    pieces = MATCH.split(snippet)
    return Markup("").join(Markup("<mark>{}</mark>").format(p) if i % 2 else escape(p)
                           for i, p in enumerate(pieces))


async def talk_link(datasette, database: str, talk_id: str) -> Markup | None:
    """A link to the talk's page when `talk_id` names a talk of `database`."""
    db = datasette.get_database(database)
    if TALK_TABLE not in await db.table_names():
        return None
    if not (await db.execute("SELECT 1 FROM talks WHERE id = ?", [talk_id])).rows:
        return None
    return Markup('<a href="{}">{}</a>').format(datasette.urls.row(database, TALK_TABLE, talk_id), talk_id)


@hookimpl
def render_cell(value, column, table, database, datasette):
    if not isinstance(value, str):
        return None
    if column in PROSE_COLUMNS and value.strip():
        return Markup('<div class="prose">{}</div>').format(paragraphs(value))
    if column == "snippet" and table is None:
        return highlighted(value)
    if (column == "id" and table is None) or (column == "talk_id" and table == "speaker_talks"):
        return talk_link(datasette, database, value)  # query and view rows link to their talk
    return None


def when(start: str | None, day: str, zone: str | None) -> str:
    """'Thursday 4 April 2024, 16:00 CEST (Europe/Stockholm)', or the date alone."""
    if not start:
        return f"{date.fromisoformat(day):%A %-d %B %Y} (time not announced)"
    try:
        tz = ZoneInfo(zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz, zone = ZoneInfo("UTC"), "UTC"
    moment = datetime.fromisoformat(start).astimezone(tz)
    return f"{moment:%A %-d %B %Y, %H:%M %Z} ({zone})"


def web_address(url: str | None) -> str | None:
    """`url` if it may be an href (http or https only: never `javascript:`), else None."""
    return url if url and HREF.fullmatch(url) else None


async def _rows(db, sql: str, params: list) -> list[dict[str, Any]]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def talk_card(db, talk_id: str) -> dict[str, Any] | None:
    """What the talk's page shows above its columns."""
    rows = await _rows(db, "SELECT * FROM talks WHERE id = ?", [talk_id])
    if not rows:
        return None
    talk = rows[0]
    talk["when"] = when(talk["start"], talk["date"], talk["timezone"])
    talk["speakers"] = await _rows(db, """
        SELECT s.id, s.name, ts.affiliation FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
        WHERE ts.talk_id = ? ORDER BY ts.position""", [talk_id])
    talk["links"] = await _rows(db, "SELECT url, kind, text FROM links WHERE talk_id = ? ORDER BY position",
                                [talk_id])
    for link in talk["links"]:
        link["href"] = web_address(link["url"])
    talk["source_href"] = web_address(talk["source_url"])
    for key in PROSE_COLUMNS:
        talk[key] = paragraphs(talk[key]) if talk[key] else None
    return talk


async def speaker_card(db, speaker_id: str) -> dict[str, Any] | None:
    """What the speaker's page shows above their columns: every talk they gave."""
    rows = await _rows(db, "SELECT * FROM speakers WHERE id = ?", [speaker_id])
    if not rows:
        return None
    speaker = rows[0]
    speaker["talks"] = await _rows(db, """
        SELECT talk_id, date, title, series, affiliation, status FROM speaker_talks
        WHERE speaker_id = ? ORDER BY date DESC""", [speaker_id])
    return speaker


async def _tables(db) -> set[str]:
    return set(await db.table_names()) | set(await db.view_names())


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    if view_name != "row" or table not in (TALK_TABLE, SPEAKER_TABLE) or request is None:
        return {}

    async def card():
        db = datasette.get_database(database)
        pk = request.url_vars.get("pks", "")
        if not {"talks", "talk_speakers", "speaker_talks"} <= await _tables(db):
            return {}  # another database that happens to have such a table
        if table == TALK_TABLE:
            return {"talk": await talk_card(db, tilde_decode(pk))}
        return {"speaker": await speaker_card(db, tilde_decode(pk))}

    return card
