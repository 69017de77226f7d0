"""What finding unlinked talk pages needs from the archive, and the addresses it guessed.

`talk_pages` lists a series' announcement pages with their talk's date and
first speaker (to learn the series' address pattern); `talks_without_page`
lists its scheduled talks that no page of their own describes yet (known
only from a plan row or an "Upcoming seminars" list); the `probes` table
keeps every guessed address and what it answered, so a miss is not asked
again in the same crawl and a later crawl knows when it last looked.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date

from scraper.talk import SourceKind

_PAGE = int(SourceKind.PAGE)


@dataclass(frozen=True)
class PagelessTalk:
    """A scheduled talk with no page of its own in the archive."""

    id: str
    date: date
    speakers: tuple[str, ...]


def talk_pages(conn: sqlite3.Connection, series_id: str, limit: int) -> list[tuple[str, date, str | None]]:
    """(page url, talk date, first speaker or None) of the series' newest `limit` talk pages."""
    rows = conn.execute(
        """SELECT s.page_url, s.record FROM talk_sources s JOIN talks t ON t.id = s.talk_id
           WHERE t.series = ? AND s.kind = ? ORDER BY t.date DESC, s.page_url LIMIT ?""",
        [series_id, _PAGE, limit])
    pages = []
    for url, record in rows:
        talk = json.loads(record)
        speakers = talk.get("speakers") or []
        pages.append((url, date.fromisoformat(talk["date"]), speakers[0]["name"] if speakers else None))
    return pages


def talks_without_page(conn: sqlite3.Connection, series_id: str) -> list[PagelessTalk]:
    """The series' scheduled talks (not cancelled, not gone) that no page of their own describes."""
    rows = conn.execute(
        """SELECT t.id, t.date,
                  (SELECT json_group_array(name) FROM (
                       SELECT sp.name FROM talk_speakers ts JOIN speakers sp ON sp.id = ts.speaker_id
                       WHERE ts.talk_id = t.id ORDER BY ts.position))
           FROM talks t
           WHERE t.series = ? AND t.status = 'scheduled' AND t.gone_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM talk_sources s WHERE s.talk_id = t.id AND s.kind = ?)
           ORDER BY t.date, t.id""", [series_id, _PAGE])
    return [PagelessTalk(tid, date.fromisoformat(day), tuple(json.loads(names or "[]"))) for tid, day, names in rows]


def missed_probes(conn: sqlite3.Connection, series_id: str) -> dict[str, date]:
    """Guessed addresses of the series that had no page, with the day they were last asked."""
    rows = conn.execute("SELECT url, last_probed FROM probes WHERE series = ? AND status != 200", [series_id])
    return {url: date.fromisoformat(last[:10]) for url, last in rows}


def record_probe(conn: sqlite3.Connection, url: str, series_id: str, talk_id: str | None,
                 status: int, probed_at: str) -> None:
    """Note what a guessed address answered (a page: 200; none: 404, 410, ...)."""
    conn.execute(
        """INSERT INTO probes (url, series, talk_id, status, first_probed, last_probed, attempts)
           VALUES (?, ?, ?, ?, ?, ?, 1)
           ON CONFLICT(url) DO UPDATE SET talk_id = excluded.talk_id, status = excluded.status,
             last_probed = excluded.last_probed, attempts = attempts + 1""",
        [url, series_id, talk_id, status, probed_at, probed_at])


def found_by(conn: sqlite3.Connection, page_url: str) -> str | None:
    """How the crawl first found a page: seed, link, pattern or sitemap."""
    row = conn.execute("SELECT found_by FROM pages WHERE url = ?", [page_url]).fetchone()
    return row[0] if row else None
