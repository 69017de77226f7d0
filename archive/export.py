"""Export talks as JSON, JSON Lines or CSV: a contract other tools rely on.

Each talk is exported as exactly the keys of `TALK_KEYS`, in that order,
ordered by date then id. Rows are streamed from the database. `ics` writes
an iCalendar file instead, built as the served `.ics` feeds are
(`plugins/talk_calendar.py`).
"""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterator, TextIO

from .schema import connect_readonly

FORMATS = ("json", "jsonl", "csv", "ics")

TALK_KEYS = ("id", "series", "title", "speakers", "date", "start", "timezone",
             "abstract", "bio", "location", "status", "links", "source_url",
             "first_seen", "last_seen")

CSV_COLUMNS = ("id", "series", "title", "speakers", "affiliations", "date", "start",
               "timezone", "abstract", "bio", "location", "status", "links",
               "source_url", "first_seen", "last_seen")

_TALKS_SQL = f"SELECT {', '.join(k for k in TALK_KEYS if k not in ('speakers', 'links'))} " \
             "FROM talks ORDER BY date, id"


def _speakers(conn: sqlite3.Connection, talk_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        """SELECT s.name, ts.affiliation FROM talk_speakers ts
           JOIN speakers s ON s.id = ts.speaker_id WHERE ts.talk_id = ? ORDER BY ts.position""",
        [talk_id],
    )
    return [{"name": name, "affiliation": affiliation} for name, affiliation in rows]


def _links(conn: sqlite3.Connection, talk_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT url, kind, text FROM links WHERE talk_id = ? ORDER BY position", [talk_id])
    return [{"url": url, "kind": kind, "text": text} for url, kind, text in rows]


def iter_talks(db_path: str | Path) -> Iterator[dict[str, Any]]:
    """Yield every talk as a contract dict (keys of `TALK_KEYS`), by date then id."""
    conn = connect_readonly(db_path)
    try:
        for row in conn.execute(_TALKS_SQL):
            data = dict(row)
            data["speakers"] = _speakers(conn, row["id"])
            data["links"] = _links(conn, row["id"])
            yield {key: data[key] for key in TALK_KEYS}
    finally:
        conn.close()


def csv_row(talk: dict[str, Any]) -> list[str]:
    """Flatten a contract dict into the `CSV_COLUMNS` values."""
    flat = {key: "" if talk[key] is None else talk[key] for key in TALK_KEYS}
    flat["speakers"] = "; ".join(s["name"] for s in talk["speakers"])
    flat["affiliations"] = "; ".join(s["affiliation"] or "" for s in talk["speakers"])
    flat["links"] = " ".join(link["url"] for link in talk["links"])
    return [flat[column] for column in CSV_COLUMNS]


def export_calendar(db_path: str | Path, out: TextIO) -> int:
    """Write every talk to `out` as one iCalendar file; returns the count."""
    from .plugins.talk_calendar import all_talk_ids, build_calendar, fetch_talks

    conn = connect_readonly(db_path)
    try:
        talks = fetch_talks(conn, all_talk_ids(conn))
    finally:
        conn.close()
    out.write(build_calendar(talks).to_ical().decode("utf-8"))
    return len(talks)


def export_talks(db_path: str | Path, fmt: str, out: TextIO) -> int:
    """Write every talk to `out` as `fmt` ('json', 'jsonl', 'csv' or 'ics'); returns the count.

    For CSV and iCalendar, open `out` with newline="".
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    if fmt == "ics":
        return export_calendar(db_path, out)
    count = 0
    writer = csv.writer(out) if fmt == "csv" else None
    if writer:
        writer.writerow(CSV_COLUMNS)
    elif fmt == "json":
        out.write("[")
    for talk in iter_talks(db_path):
        if writer:
            writer.writerow(csv_row(talk))
        elif fmt == "json":
            out.write(("," if count else "") + "\n" + json.dumps(talk, ensure_ascii=False))
        else:
            out.write(json.dumps(talk, ensure_ascii=False) + "\n")
        count += 1
    if fmt == "json":
        out.write("\n]\n" if count else "]\n")
    return count
