"""Fetched pages: their validators, outgoing links, raw bodies and disappearance.

Raw bodies are kept zlib-compressed inside the archive itself, one row per
distinct content hash, rather than in WARC files beside it: a body is then
written in the same transaction as the talks extracted from it (a crash can
never leave one without the other), one file holds the whole archive, and
identical bodies cost nothing twice. `reextract` reads them back.
"""
from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredPage:
    """A page as last fetched successfully, body included."""

    url: str
    series: str | None
    fetched_at: str
    content_type: str | None
    encoding: str | None
    body: bytes


def store_body(conn: sqlite3.Connection, url: str, sha256: str, body: bytes, fetched_at: str) -> None:
    """Keep the body (once per content hash) and note that `url` served it at `fetched_at`."""
    conn.execute("INSERT OR IGNORE INTO page_bodies (sha256, size, body) VALUES (?, ?, ?)",
                 [sha256, len(body), zlib.compress(body, 6)])
    conn.execute("INSERT OR IGNORE INTO page_versions (url, sha256, fetched_at) VALUES (?, ?, ?)",
                 [url, sha256, fetched_at])


def mark_gone(conn: sqlite3.Connection, url: str, status: int, seen_at: str) -> list[str]:
    """Note that an archived page now answers 404/410; its talks are kept and marked gone.

    Returns the ids of the talks newly marked. A page never archived is ignored.
    """
    changed = conn.execute(
        "UPDATE pages SET status = ?, gone_at = ? WHERE url = ? AND gone_at IS NULL",
        [status, seen_at, url]).rowcount
    if not changed:
        return []
    ids = [row[0] for row in conn.execute(
        "SELECT id FROM talks WHERE source_url = ? AND gone_at IS NULL", [url])]
    conn.executemany("UPDATE talks SET gone_at = ? WHERE id = ?", [(seen_at[:10], tid) for tid in ids])
    return ids


def clear_gone(conn: sqlite3.Connection, url: str, talk_ids: list[str]) -> None:
    """A page that came back: it and the talks it describes are no longer gone."""
    conn.execute("UPDATE pages SET gone_at = NULL WHERE url = ? AND gone_at IS NOT NULL", [url])
    conn.executemany("UPDATE talks SET gone_at = NULL WHERE id = ? AND gone_at IS NOT NULL",
                     [(tid,) for tid in talk_ids])


def urls_with_body(conn: sqlite3.Connection, sha256: str) -> list[str]:
    """The archived pages whose last fetch returned exactly these bytes."""
    return [row[0] for row in conn.execute("SELECT url FROM pages WHERE sha256 = ?", [sha256])]


def page_links(conn: sqlite3.Connection, url: str) -> list[str]:
    row = conn.execute("SELECT links FROM pages WHERE url = ?", [url]).fetchone()
    return row[0].split("\n") if row and row[0] else []


def known_urls(conn: sqlite3.Connection, batch: int = 1000) -> Iterator[str]:
    """Every page ever archived that is not gone, streamed in batches (memory stays flat)."""
    last = ""
    while True:
        rows = conn.execute(
            "SELECT url FROM pages WHERE url > ? AND gone_at IS NULL ORDER BY url LIMIT ?", [last, batch]).fetchall()
        if not rows:
            return
        yield from (row[0] for row in rows)
        last = rows[-1][0]


def stored_pages(conn: sqlite3.Connection) -> Iterator[StoredPage]:
    """The latest stored body of every page, one at a time."""
    last = ""
    while True:
        row = conn.execute(
            """SELECT p.url, p.series, p.fetched_at, p.content_type, p.encoding, b.body
               FROM pages p JOIN page_bodies b ON b.sha256 = p.sha256
               WHERE p.url > ? ORDER BY p.url LIMIT 1""", [last]).fetchone()
        if row is None:
            return
        last = row[0]
        yield StoredPage(*row[:5], zlib.decompress(row[5]))
