"""Recompute one talk's rows from its observations.

Every function takes the sqlite3 connection of an open transaction and only
writes what actually changed, so recomputing an unchanged talk writes
nothing to `talks`, `talk_speakers` or `links`.
"""
from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Iterable, Sequence

from scraper.talk import Link, Speaker

from .discovery import found_by
from .merge import Merged, Observation, merge
from .revisions import record_revisions
from .records import name_key, talk_from_json

NEW, UPDATED, REMOVED = "new", "updated", "removed"

# Best first. Between sources of one kind and date, the address decides (later-named pages such
# as "2021.html" after "2020.html" first), never the order a crawl happened to fetch them in.
_OBSERVATIONS_SQL = """
SELECT page_url, record FROM talk_sources WHERE talk_id = ?
ORDER BY kind DESC, source_date IS NULL, source_date DESC, page_url DESC, rowid
"""


# A talk's observations are read again each time a page mentions it (four times a talk on a
# series with "Upcoming seminars" lists); each record text is decoded once. The Talk is shared:
# nothing that reads observations changes them (merge copies what it keeps).
_decoded = lru_cache(maxsize=1024)(talk_from_json)


def load_observations(conn: sqlite3.Connection, talk_id: str) -> list[Observation]:
    """The talk's observations, best first."""
    rows = conn.execute(_OBSERVATIONS_SQL, [talk_id]).fetchall()
    return [Observation(page_url, _decoded(record)) for page_url, record in rows]


def _talk_row(conn: sqlite3.Connection, talk_id: str) -> dict | None:
    cursor = conn.execute("SELECT * FROM talks WHERE id = ?", [talk_id])
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row)) if row else None


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    columns = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    conn.execute(f'INSERT INTO "{table}" ({columns}) VALUES ({marks})', list(row.values()))


def _update_talk(conn: sqlite3.Connection, talk_id: str, changes: dict) -> None:
    assignments = ", ".join(f'"{c}" = ?' for c in changes)
    conn.execute(f"UPDATE talks SET {assignments} WHERE id = ?", [*changes.values(), talk_id])


def _speaker_id(conn: sqlite3.Connection, speaker: Speaker) -> int:
    """Id of the speaker with this normalised name, creating the row if needed."""
    key = name_key(speaker.name)
    row = conn.execute("SELECT id FROM speakers WHERE name_key = ?", [key]).fetchone()
    if row:
        return row[0]
    name = " ".join(speaker.name.split())
    return conn.execute("INSERT INTO speakers (name, name_key) VALUES (?, ?)", [name, key]).lastrowid


def _refresh_speakers(conn: sqlite3.Connection, speaker_ids: Iterable[int]) -> None:
    """Set each speaker's affiliation to that of their latest talk; drop speakers with no talk."""
    for sid in set(speaker_ids):
        if conn.execute("DELETE FROM speakers WHERE id = ? AND NOT EXISTS "
                        "(SELECT 1 FROM talk_speakers WHERE speaker_id = ?)", [sid, sid]).rowcount:
            continue
        row = conn.execute(  # one walk down the (speaker_id, date, talk_id) index, however many talks
            """SELECT affiliation FROM talk_speakers WHERE speaker_id = ? AND affiliation IS NOT NULL
               ORDER BY date DESC, talk_id DESC LIMIT 1""",
            [sid],
        ).fetchone()
        affiliation = row[0] if row else None
        conn.execute(
            "UPDATE speakers SET affiliation = ? WHERE id = ? AND affiliation IS NOT ?",
            [affiliation, sid, affiliation],
        )


def sync_speakers(conn: sqlite3.Connection, talk_id: str, speakers: Sequence[Speaker], day: str) -> bool:
    """Make talk_speakers match `speakers` of the talk on `day`; return whether anything changed."""
    current = conn.execute(
        """SELECT ts.speaker_id, s.name_key, ts.affiliation FROM talk_speakers ts
           JOIN speakers s ON s.id = ts.speaker_id WHERE ts.talk_id = ? ORDER BY ts.position""",
        [talk_id],
    ).fetchall()
    wanted = [(name_key(s.name), s.affiliation) for s in speakers]
    if [(key, aff) for _, key, aff in current] == wanted:
        return False
    conn.execute("DELETE FROM talk_speakers WHERE talk_id = ?", [talk_id])
    new_ids = []
    for position, speaker in enumerate(speakers):
        sid = _speaker_id(conn, speaker)
        new_ids.append(sid)
        _insert(conn, "talk_speakers", {"talk_id": talk_id, "speaker_id": sid, "position": position,
                                        "affiliation": speaker.affiliation, "date": day})
    _refresh_speakers(conn, [sid for sid, _, _ in current] + new_ids)
    return True


def sync_links(conn: sqlite3.Connection, talk_id: str, links: Sequence[Link]) -> bool:
    """Make the talk's `links` rows match `links`; return whether anything changed."""
    current = conn.execute(
        "SELECT url, kind, text FROM links WHERE talk_id = ? ORDER BY position", [talk_id]
    ).fetchall()
    wanted = [(link.url, link.kind, link.text) for link in links]
    if [tuple(row) for row in current] == wanted:
        return False
    conn.execute("DELETE FROM links WHERE talk_id = ?", [talk_id])
    for position, (url, kind, text) in enumerate(wanted):
        _insert(conn, "links", {"talk_id": talk_id, "position": position,
                                "url": url, "kind": kind, "text": text})
    return True


def delete_talk(conn: sqlite3.Connection, talk_id: str) -> None:
    """Delete a talk and its speaker and link rows (its sources are already gone)."""
    speaker_ids = [r[0] for r in conn.execute(
        "SELECT speaker_id FROM talk_speakers WHERE talk_id = ?", [talk_id])]
    conn.execute("DELETE FROM talk_speakers WHERE talk_id = ?", [talk_id])
    conn.execute("DELETE FROM links WHERE talk_id = ?", [talk_id])
    conn.execute("DELETE FROM talks WHERE id = ?", [talk_id])
    _refresh_speakers(conn, speaker_ids)


def _write_children(conn: sqlite3.Connection, talk_id: str, merged: Merged) -> bool:
    changed_speakers = sync_speakers(conn, talk_id, merged.speakers, merged.row["date"])
    changed_links = sync_links(conn, talk_id, merged.links)
    return changed_speakers or changed_links


def recompute_talk(conn: sqlite3.Connection, talk_id: str, seen_at: str | None,
                   changed_at: str | None = None, page_url: str | None = None,
                   run_id: int | None = None) -> str | None:
    """Bring one talk in line with its observations.

    `seen_at` is the fetch time of the page being recorded when that page
    mentions the talk (it moves `last_seen`), else None. Changed fields of a
    talk that an earlier crawl than `run_id` created are kept as revisions
    dated `changed_at` from `page_url`: a talk that this crawl is still piecing
    together from its sources has no history yet, and is not reported UPDATED.
    Returns NEW, UPDATED, REMOVED or None when no stored field changed.
    """
    observations = load_observations(conn, talk_id)
    existing = _talk_row(conn, talk_id)
    if not observations:
        if existing is None:
            return None
        delete_talk(conn, talk_id)
        return REMOVED
    merged = merge(observations)
    merged.row["found_by"] = found_by(conn, merged.row["source_url"])
    if existing is None:
        stamp = seen_at or conn.execute(
            "SELECT max(seen_at) FROM talk_sources WHERE talk_id = ?", [talk_id]).fetchone()[0]
        _insert(conn, "talks", {"id": talk_id, **merged.row, "first_seen": stamp, "last_seen": stamp,
                                "first_run": run_id})
        _write_children(conn, talk_id, merged)
        return NEW
    changes = {k: v for k, v in merged.row.items() if existing[k] != v}
    if seen_at and (existing["last_seen"] is None or seen_at > existing["last_seen"]):
        changes["last_seen"] = seen_at
    assembling = run_id is not None and existing["first_run"] == run_id
    if changes:
        _update_talk(conn, talk_id, changes)
        if "date" in changes:  # a moved talk: its speakers' latest affiliation may come from another talk now
            conn.execute("UPDATE talk_speakers SET date = ? WHERE talk_id = ?", [changes["date"], talk_id])
            _refresh_speakers(conn, [r[0] for r in conn.execute(
                "SELECT speaker_id FROM talk_speakers WHERE talk_id = ?", [talk_id])])
        if not assembling:
            record_revisions(conn, talk_id, existing, changes, changed_at or seen_at or existing["last_seen"], page_url)
    children_changed = _write_children(conn, talk_id, merged)
    return UPDATED if (children_changed or set(changes) - {"last_seen"}) and not assembling else None
