"""The history of a talk: every field a refresh changed, with old and new value.

Revisions are written inside the transaction that changes the talk, so the
history and the talk can never disagree.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .schema import connect_readonly

# The fields a reader sees; bookkeeping columns (last_seen, source_url, ...) are not revisions.
REVISED_FIELDS = ("title", "speaker_names", "affiliations", "abstract", "bio", "date", "start", "end",
                  "location", "meeting_url", "status")


def record_revisions(conn: sqlite3.Connection, talk_id: str, before: dict, changes: dict,
                     changed_at: str, page_url: str | None) -> int:
    """Store one revision row per reader-visible field in `changes`; returns how many."""
    rows = [(talk_id, name, _text(before.get(name)), _text(value), changed_at, page_url)
            for name, value in changes.items() if name in REVISED_FIELDS]
    conn.executemany(
        "INSERT INTO talk_revisions (talk_id, field, old, new, changed_at, page_url) VALUES (?, ?, ?, ?, ?, ?)",
        rows)
    return len(rows)


def _text(value) -> str | None:
    return None if value is None else str(value)


def talk_history(db_path: str | Path, talk_id: str) -> list[dict]:
    """All revisions of a talk, oldest first (empty when it never changed)."""
    with connect_readonly(db_path) as conn:
        rows = conn.execute(
            """SELECT changed_at, field, old, new, page_url FROM talk_revisions
               WHERE talk_id = ? ORDER BY changed_at, id""", [talk_id]).fetchall()
    return [dict(row) for row in rows]
