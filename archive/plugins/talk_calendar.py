"""Talks as iCalendar (RFC 5545): a Datasette `.ics` renderer and the export's builder.

Any table, view or query whose rows carry a talk `id`, `date` and `title`
(the talks table, the `upcoming` and `search` queries, ...) gets an `.ics`
link. Each talk is one VEVENT:

- UID `<talk id>@seminar-archive`: talk ids are stable, so a subscribed
  calendar updates its events in place instead of duplicating them;
- DTSTART in the series' IANA zone (TZID plus a generated VTIMEZONE), so the
  wall-clock time stays right across daylight-saving changes; talks without
  a known time are all-day events; a talk is assumed to last an hour;
- DESCRIPTION: speakers with affiliations, the abstract, links, the source.

This module is self-contained (standard library, icalendar, datasette) so
that `datasette publish --plugins-dir` can ship it on its own.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from datasette import hookimpl
from datasette.utils.asgi import Response
from icalendar import Calendar, Event

PRODID = "-//seminar-archive//talks//EN"
UID_DOMAIN = "seminar-archive"
TALK_LENGTH = timedelta(hours=1)
REQUIRED_COLUMNS = {"id", "date", "title"}
_BATCH = 500

_TALKS_SQL = """
SELECT t.id, t.title, t.date, t.start, t.timezone, t.abstract, t.location, t.status,
       t.source_url, t.first_seen, t.last_seen,
       (SELECT json_group_array(json_object('name', name, 'affiliation', affiliation)) FROM (
          SELECT s.name, ts.affiliation FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
          WHERE ts.talk_id = t.id ORDER BY ts.position)) AS speakers,
       (SELECT json_group_array(json_object('url', url, 'kind', kind)) FROM (
          SELECT url, kind FROM links WHERE talk_id = t.id ORDER BY position)) AS links
FROM talks t WHERE t.id IN (SELECT value FROM json_each(?))
ORDER BY t.date, t.id
"""


def fetch_talks(conn: sqlite3.Connection, ids: Iterable[str]) -> list[dict[str, Any]]:
    """The talks with these ids (speakers and links included), by date."""
    ids = list(dict.fromkeys(ids))
    talks = []
    for start in range(0, len(ids), _BATCH):
        cursor = conn.execute(_TALKS_SQL, [json.dumps(ids[start:start + _BATCH])])
        names = [d[0] for d in cursor.description]
        talks += [dict(zip(names, row)) for row in cursor]
    for talk in talks:
        talk["speakers"], talk["links"] = json.loads(talk["speakers"]), json.loads(talk["links"])
    return sorted(talks, key=lambda t: (t["date"], t["id"]))


def all_talk_ids(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT id FROM talks ORDER BY date, id")]


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _utc(stamp: str | None) -> datetime:
    moment = datetime.fromisoformat(stamp) if stamp else datetime(1970, 1, 1)
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


def speaker_line(speakers: list[dict[str, Any]]) -> str:
    """'Ada Lovelace (Analytical Society), Charles Babbage'."""
    return ", ".join(s["name"] + (f" ({s['affiliation']})" if s.get("affiliation") else "")
                     for s in speakers)


def description(talk: dict[str, Any]) -> str:
    """The event text: speakers, abstract, links and where the talk was announced."""
    parts = []
    if talk["speakers"]:
        parts.append(f"Speaker{'s' if len(talk['speakers']) > 1 else ''}: {speaker_line(talk['speakers'])}")
    if talk.get("abstract"):
        parts.append(talk["abstract"])
    if talk["links"]:
        parts.append("\n".join(f"{link['kind']}: {link['url']}" for link in talk["links"]))
    if talk.get("source_url"):
        parts.append(f"Announcement: {talk['source_url']}")
    return "\n\n".join(parts)


def talk_event(talk: dict[str, Any]) -> Event:
    """One VEVENT for a talk (see the module docstring)."""
    event = Event()
    event.add("uid", f"{talk['id']}@{UID_DOMAIN}")
    event.add("summary", talk.get("title") or f"Talk by {speaker_line(talk['speakers']) or 'an unknown speaker'}")
    if talk.get("start"):
        event.add("dtstart", datetime.fromisoformat(talk["start"]).astimezone(_zone(talk.get("timezone"))))
        event.add("duration", TALK_LENGTH)
    else:
        day = date.fromisoformat(talk["date"])
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    event.add("dtstamp", _utc(talk.get("last_seen")))
    event.add("created", _utc(talk.get("first_seen")))
    event.add("last-modified", _utc(talk.get("last_seen")))
    event.add("status", "CANCELLED" if talk.get("status") == "cancelled" else "CONFIRMED")
    event.add("description", description(talk))
    for key, prop in (("location", "location"), ("source_url", "url")):
        if talk.get(key):
            event.add(prop, talk[key])
    return event


def build_calendar(talks: Iterable[dict[str, Any]], name: str = "Seminar talks") -> Calendar:
    """A VCALENDAR of the talks, with a VTIMEZONE for every zone they use."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for talk in talks:
        calendar.add_component(talk_event(talk))
    calendar.add_missing_timezones()
    return calendar


# -- Datasette ------------------------------------------------------------------


def can_render(columns: list[str]) -> bool:
    return REQUIRED_COLUMNS.issubset(columns)


def _calendar_name(datasette, database: str, table: str | None, query_name: str | None) -> str:
    title = (datasette.metadata("title") or "Seminar archive").strip()
    if query_name:
        query = (datasette.metadata(database=database) or {}).get("queries", {}).get(query_name, {})
        return f"{title}: {query.get('title', query_name)}"
    return f"{title}: {table}" if table else title


async def render_ics(datasette, request, database, table, rows, columns, query_name):
    if not can_render(columns):
        return Response.text("an .ics needs the columns id, date and title", status=400)
    ids = [row["id"] for row in rows]
    talks = await datasette.get_database(database).execute_fn(lambda conn: fetch_talks(conn, ids))
    calendar = build_calendar(talks, _calendar_name(datasette, database, table, query_name))
    plain = bool(request.args.get("_plain"))
    return Response(calendar.to_ical().decode("utf-8"),
                    content_type=f"text/{'plain' if plain else 'calendar'}; charset=utf-8")


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "ics", "render": render_ics, "can_render": can_render}
