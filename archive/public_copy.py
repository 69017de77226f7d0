"""The copy of the archive that is published: compacted, scrubbed, checked.

Datasette never serves the crawl database itself. `make_public_copy` writes
a compacted copy (`VACUUM INTO`, so no freed page keeps old text), then in
that copy:

- removes meeting passcodes (`pwd=`, `passcode: 1234`, ...) from every text
  column of every table: a second line of defence behind extraction, which
  already strips them from links;
- unless meeting links are to be kept, deletes them (the `meeting` links,
  `talks.meeting_url`, and meeting addresses written in any text);
- drops the raw crawled pages (`UNPUBLISHED_TABLES`): whole HTML bodies
  carry every passcode and script the source had;
- adds the browsing views (`views.py`);

and finally refuses to hand the copy out if any passcode is left.
"""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from scraper.linkrules import BARE_URL, SECRET_PARAMS, classify, strip_secrets

from .views import create_views

WITHHELD = "[meeting link withheld]"
UNPUBLISHED_TABLES = ("page_versions", "page_bodies")  # raw bodies, compressed: not for readers
_NAMES = "|".join(sorted({*SECRET_PARAMS, "kenncode", "meeting password"}, key=len, reverse=True))
# A passcode as a URL parameter (`?pwd=...`) or written out (`Passcode: 123 456`).
URL_SECRET = re.compile(rf"[?&#;](?:{_NAMES})=", re.I)
# The same parameter where no full address surrounds it ("zoom.us/j/1?pwd=abc").
PARAM_SECRET = re.compile(rf"(?<=[?&#;])(?:{_NAMES})=[^&#\s\"'<>]*&?", re.I)
WRITTEN_SECRET = re.compile(r"\b(?:passcode|password|pwd|kenncode)\s*[:=]\s*\S+", re.I)
# Rows worth a look in Python: anything with an address or a word like the above.
_CANDIDATE_SQL = "(instr({c}, '://') OR instr(lower({c}), 'pass') OR instr(lower({c}), 'pwd'))"


class UnsafeToPublish(Exception):
    """A passcode survived scrubbing: the copy must not be published."""


def scrub_text(text: str | None, *, keep_meeting_links: bool = True) -> str | None:
    """`text` without passcodes (and without meeting addresses unless kept)."""
    if text is None:
        return None

    def fix(match: re.Match) -> str:
        url = match.group()
        if not keep_meeting_links and classify(url) == "meeting":
            return WITHHELD
        return strip_secrets(url) if URL_SECRET.search(url) else url

    text = BARE_URL.sub(fix, text)
    return WRITTEN_SECRET.sub("[passcode withheld]", PARAM_SECRET.sub("", text))


def has_secret(text: str | None) -> bool:
    """Whether `text` still carries something that looks like a meeting passcode."""
    return bool(text) and bool(URL_SECRET.search(text) or WRITTEN_SECRET.search(text))


def text_columns(db: Database) -> list[tuple[str, str]]:
    """(table, column) of every column of every real table (full-text indexes excluded)."""
    virtual = [t.name for t in db.tables if t.schema.upper().startswith("CREATE VIRTUAL")]
    pairs = []
    for table in db.tables:
        if table.name in virtual or any(table.name.startswith(v + "_") for v in virtual):
            continue  # FTS tables follow their content tables through triggers
        pairs += [(table.name, column) for column in table.columns_dict]
    return pairs


def _scrub_tables(db: Database, keep_meeting_links: bool) -> set[str]:
    """Scrub every text column in place; returns the tables that changed."""
    db.conn.create_function("scrub_published", 1,
                            lambda v: scrub_text(v, keep_meeting_links=keep_meeting_links),
                            deterministic=True)
    changed = set()
    for table, column in text_columns(db):
        c = f'"{column}"'
        cursor = db.execute(f'UPDATE "{table}" SET {c} = scrub_published({c}) '
                            f"WHERE typeof({c}) = 'text' AND {_CANDIDATE_SQL.format(c=c)} "
                            f"AND scrub_published({c}) IS NOT {c}")
        if cursor.rowcount:
            changed.add(table)
    return changed


def _rebuild_full_text(db: Database, tables: set[str]) -> None:
    """Re-index changed tables: an FTS index keeps the tokens of replaced text until rebuilt."""
    for name in tables:
        if db[name].detect_fts():
            db[name].rebuild_fts()


def _drop_meeting_links(db: Database) -> None:
    db.execute("DELETE FROM links WHERE kind = 'meeting'")
    db.execute("UPDATE talks SET meeting_url = NULL WHERE meeting_url IS NOT NULL")


def find_secrets(db: Database) -> list[tuple[str, str]]:
    """(table, column) pairs that still hold a passcode somewhere."""
    db.conn.create_function("has_secret", 1, has_secret, deterministic=True)
    found = []
    for table, column in text_columns(db):
        c = f'"{column}"'
        hit = db.execute(f'SELECT 1 FROM "{table}" WHERE typeof({c}) = \'text\' '
                         f"AND {_CANDIDATE_SQL.format(c=c)} AND has_secret({c}) LIMIT 1").fetchone()
        if hit:
            found.append((table, column))
    return found


def make_public_copy(source: str | Path, dest: str | Path, *, keep_meeting_links: bool = False) -> Path:
    """Write the publishable copy of the archive `source` to `dest` (replaced); returns `dest`."""
    source, dest = Path(source), Path(dest)
    if not source.is_file():
        raise FileNotFoundError(f"no archive database at {source}")
    if dest.resolve() == source.resolve():
        raise ValueError("the public copy must not replace the archive itself")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)
    reader = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        reader.execute("VACUUM INTO ?", [str(dest)])
    finally:
        reader.close()
    db = Database(dest)
    try:
        db.execute("PRAGMA secure_delete = ON")  # rewritten text leaves no trace in the file
        with db.conn:
            for name in UNPUBLISHED_TABLES:
                db.execute(f'DROP TABLE IF EXISTS "{name}"')
            if not keep_meeting_links:
                _drop_meeting_links(db)
            _rebuild_full_text(db, _scrub_tables(db, keep_meeting_links))
        create_views(db)
        leaks = find_secrets(db)
        db.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()
    if leaks:
        dest.unlink(missing_ok=True)
        raise UnsafeToPublish(f"passcodes left in {', '.join(f'{t}.{c}' for t, c in leaks)}")
    return dest
