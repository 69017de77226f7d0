"""Table definitions, created idempotently with sqlite-utils."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

FTS_COLUMNS = ["title", "abstract", "speaker_names", "bio"]

TABLES: dict[str, dict] = {
    "series": dict(
        columns={"id": str, "name": str, "title": str, "homepage": str, "organiser": str, "timezone": str,
                 "publish_noindex": int},
        pk="id", not_null=["name"],
    ),
    "pages": dict(
        columns={"url": str, "series": str, "fetched_at": str, "status": int, "etag": str,
                 "last_modified": str, "sha256": str, "content_type": str, "encoding": str,
                 "robots": str, "links": str, "gone_at": str, "found_by": str},
        pk="url",
    ),
    # Addresses guessed from a series' address pattern, and what they answered.
    "probes": dict(
        columns={"url": str, "series": str, "talk_id": str, "status": int, "first_probed": str,
                 "last_probed": str, "attempts": int},
        pk="url", not_null=["status"],
    ),
    # Every body ever fetched, zlib-compressed and stored once per content hash.
    "page_bodies": dict(
        columns={"sha256": str, "size": int, "body": bytes},
        pk="sha256", not_null=["body"],
    ),
    "page_versions": dict(
        columns={"url": str, "sha256": str, "fetched_at": str},
        pk=("url", "sha256"),
        foreign_keys=[("url", "pages", "url"), ("sha256", "page_bodies", "sha256")],
    ),
    "talk_revisions": dict(
        columns={"id": int, "talk_id": str, "field": str, "old": str, "new": str,
                 "changed_at": str, "page_url": str},
        pk="id", not_null=["talk_id", "field", "changed_at"],
    ),
    "talks": dict(
        columns={"id": str, "series": str, "date": str, "year": int, "start": str, "end": str,
                 "timezone": str, "title": str, "abstract": str, "bio": str,
                 "location": str, "status": str, "speaker_names": str,
                 "affiliations": str, "meeting_url": str, "source_url": str,
                 "first_seen": str, "last_seen": str, "gone_at": str, "first_run": int, "found_by": str},
        pk="id", not_null=["series", "date", "year", "status"],
        foreign_keys=[("series", "series", "id")],
    ),
    "speakers": dict(
        columns={"id": int, "name": str, "name_key": str, "affiliation": str},
        pk="id", not_null=["name", "name_key"],
    ),
    # `date` repeats the talk's date so that a speaker's latest affiliation is one index lookup.
    "talk_speakers": dict(
        columns={"talk_id": str, "speaker_id": int, "position": int, "affiliation": str, "date": str},
        pk=("talk_id", "position"),
        foreign_keys=[("talk_id", "talks", "id"), ("speaker_id", "speakers", "id")],
    ),
    "links": dict(
        columns={"talk_id": str, "position": int, "url": str, "kind": str, "text": str},
        pk=("talk_id", "position"), not_null=["url"],
        foreign_keys=[("talk_id", "talks", "id")],
    ),
    "talk_sources": dict(
        columns={"talk_id": str, "page_url": str, "kind": int, "source_date": str,
                 "seen_at": str, "record": str},
        not_null=["talk_id", "page_url", "kind", "record"],
        foreign_keys=[("talk_id", "talks", "id"), ("page_url", "pages", "url")],
    ),
    "crawl_runs": dict(
        columns={"id": int, "series": str, "started": str, "finished": str, "seeds": str, "status": str,
                 "pages_fetched": int, "pages_failed": int, "talks_new": int,
                 "talks_updated": int, "errors": int, "error_log": str, "rows_written": int},
        pk="id",
    ),
}

INDEXES = [
    ("talks", ["date"], False),
    ("talks", ["series"], False),
    ("speakers", ["name_key"], True),
    ("talk_speakers", ["speaker_id", "date", "talk_id"], False),
    ("talk_sources", ["page_url"], False),
    ("talk_sources", ["talk_id"], False),
    ("talk_revisions", ["talk_id"], False),
    ("pages", ["sha256"], False),
    ("probes", ["series"], False),
]

# sqlite-utils' update trigger fires on any column; narrowing it to the
# indexed columns keeps FTS still when only `last_seen` moves.
_FTS_UPDATE_TRIGGER = """
BEGIN;
DROP TRIGGER IF EXISTS talks_au;
CREATE TRIGGER talks_au AFTER UPDATE OF {cols} ON talks BEGIN
  INSERT INTO talks_fts (talks_fts, rowid, {cols}) VALUES('delete', old.rowid, {old});
  INSERT INTO talks_fts (rowid, {cols}) VALUES (new.rowid, {new});
END;
COMMIT;
"""


# How a column added to an archive made by an older version is filled in.
BACKFILLS = {
    ("talk_speakers", "date"): "UPDATE talk_speakers SET date = (SELECT date FROM talks WHERE talks.id = talk_id)",
}


def create_schema(db: Database) -> None:
    """Create every table, index and the FTS index if missing (idempotent)."""
    for name, spec in TABLES.items():
        db[name].create(if_not_exists=True, **spec)
        for column in _add_missing_columns(db, name, spec["columns"]):
            if (name, column) in BACKFILLS:
                with db.conn:
                    db.execute(BACKFILLS[name, column])
    for table, columns, unique in INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    if not db["talks"].detect_fts():
        db["talks"].enable_fts(FTS_COLUMNS, tokenize="porter", create_triggers=True)
    _narrow_fts_update_trigger(db)


def _add_missing_columns(db: Database, table: str, columns: dict) -> list[str]:
    """Bring a table made by an older version up to date (columns are only ever added); returns those added."""
    present = set(db[table].columns_dict)
    added = [column for column in columns if column not in present]
    for column in added:
        db[table].add_column(column, columns[column])
    return added


def _narrow_fts_update_trigger(db: Database) -> None:
    """Replace the catch-all FTS update trigger with one on the indexed columns."""
    row = db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'talks_au'").fetchone()
    if row and "UPDATE OF" in row[0]:
        return
    db.executescript(_FTS_UPDATE_TRIGGER.format(
        cols=", ".join(FTS_COLUMNS),
        old=", ".join(f"old.{c}" for c in FTS_COLUMNS),
        new=", ".join(f"new.{c}" for c in FTS_COLUMNS),
    ))


def connect_readonly(db_path: str | Path) -> sqlite3.Connection:
    """Open an existing archive for reading (never creates a file); rows are sqlite3.Row."""
    path = Path(db_path)
    if not path.is_file():
        raise FileNotFoundError(f"no archive database at {path}")
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn
