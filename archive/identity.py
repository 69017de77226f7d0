"""One talk, one row: a talk that another series already archived keeps that row.

Two configured sources can describe the same talk (a department's calendar
and the seminar's own pages). A talk is the same when it is on the same date
and shares a speaker's last name (after name normalisation); it then joins
the row that exists, and both sources are recorded in `talk_sources`.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from scraper.talk import Talk

from .records import surname_slug


def _surnames(names: str | None) -> set[str]:
    return {surname_slug(name) for name in (names or "").split("; ") if name.strip()} - {""}


def existing_row_for(conn: sqlite3.Connection, talk: Talk, proposed: str) -> str:
    """`proposed`, unless it is new and another series' talk on that date has the same speaker."""
    if not talk.speakers or conn.execute("SELECT 1 FROM talks WHERE id = ?", [proposed]).fetchone():
        return proposed
    wanted = {surname_slug(s.name) for s in talk.speakers} - {""}
    for other_id, names in conn.execute(
            "SELECT id, speaker_names FROM talks WHERE date = ? AND id != ?", [talk.date.isoformat(), proposed]):
        if wanted & _surnames(names):
            return other_id
    return proposed


def resolve_ids(conn: sqlite3.Connection, talks: Sequence[Talk], ids: Sequence[str]) -> list[str]:
    """The row each talk of a page belongs to."""
    return [existing_row_for(conn, talk, proposed) for talk, proposed in zip(talks, ids)]
