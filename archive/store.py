"""The `Archive`: one SQLite file holding series, pages, talks and crawl runs."""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone as dt_timezone
from pathlib import Path
from typing import Any, Iterator, NamedTuple, Sequence

from sqlite_utils import Database

from scraper.talk import SourceKind, Talk

from .discovery import PagelessTalk, missed_probes, record_probe, talk_pages, talks_without_page
from .identity import resolve_ids
from .records import series_slug, talk_id, talk_to_json, utc_iso
from .pages import (StoredPage, clear_gone, known_urls, mark_gone, page_links, store_body, stored_pages,
                    urls_with_body)
from .schema import create_schema
from .sync import NEW, REMOVED, UPDATED, recompute_talk

RUN_STATUSES = ("ok", "failed", "interrupted")


@dataclass
class PageOutcome:
    """What recording one page did to the talks table: the ids it created, changed, removed."""

    new_ids: list[str] = field(default_factory=list)
    updated_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)

    @property
    def new(self) -> int:
        return len(self.new_ids)

    @property
    def updated(self) -> int:
        return len(self.updated_ids)

    @property
    def removed(self) -> int:
        return len(self.removed_ids)


class KnownPage(NamedTuple):
    """Validators of a page's last successful fetch, for conditional requests."""

    etag: str | None
    last_modified: str | None
    sha256: str | None


def _now() -> str:
    return utc_iso(datetime.now(dt_timezone.utc))


class Archive:
    """An archive database at `path`, created (idempotently) on open.

    Use as a context manager or call `close()`. All writes of a page go
    through `record_page`, one transaction per page.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = Database(self.path)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.enable_wal()
        # In WAL mode, NORMAL never corrupts and never loses a commit to a killed process;
        # only a power cut may drop the last few. It saves an fsync per page.
        self.db.execute("PRAGMA synchronous = NORMAL")
        create_schema(self.db)

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """One write transaction; rolled back whole if anything inside raises.

        Foreign keys are checked at commit, so a page's sources can be
        inserted before the talk rows they point to are (re)computed.
        """
        conn = self.db.conn
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("PRAGMA defer_foreign_keys = ON")
            yield conn

    # -- series, pages, runs -------------------------------------------------

    def ensure_series(self, name: str, homepage: str | None = None, timezone: str | None = None,
                      publish_noindex: bool | None = None, title: str | None = None,
                      organiser: str | None = None) -> str:
        """Create or update a series; returns its id (the slug of `name`).

        Settings left as None keep the stored value (a new series defaults to UTC).
        """
        sid = series_slug(name)
        table = self.db["series"]
        existing = next(table.rows_where("id = ?", [sid]), None)
        wanted = {"name": name, "title": title, "homepage": homepage, "organiser": organiser,
                  "timezone": timezone, "publish_noindex": None if publish_noindex is None else int(publish_noindex)}
        if existing is None:
            table.insert({**wanted, "id": sid, "timezone": timezone or "UTC",
                          "publish_noindex": int(bool(publish_noindex))})
            return sid
        changes = {k: v for k, v in wanted.items() if v is not None and existing[k] != v}
        if changes:
            table.update(sid, changes)
        return sid

    def known_page(self, url: str) -> KnownPage | None:
        """(etag, last_modified, sha256) of the last recorded fetch of `url`, or None."""
        row = self.db.execute(
            "SELECT etag, last_modified, sha256 FROM pages WHERE url = ?", [url]).fetchone()
        return KnownPage(*row) if row else None

    def talk_count(self) -> int:
        """Number of talks in the archive."""
        return self.db["talks"].count

    def start_run(self, seeds: Sequence[str], started: datetime | str | None = None,
                  series: str | None = None) -> int:
        """Record the start of a crawl (status 'running'; `started` defaults to now); returns the run id."""
        self._changes_before_run = self.db.conn.total_changes
        table = self.db["crawl_runs"].insert({
            "series": series_slug(series) if series else None,
            "started": utc_iso(started) if started else _now(), "seeds": json.dumps(list(seeds)), "status": "running",
            "pages_fetched": 0, "pages_failed": 0, "talks_new": 0, "talks_updated": 0,
            "errors": 0, "error_log": "[]",
        })
        self._run_id = table.last_pk
        return self._run_id

    def join_run(self, run_id: int) -> None:
        """Write for a run that another connection to the archive started (talks it creates are stamped with it)."""
        self._run_id = run_id
        self._changes_before_run = self.db.conn.total_changes

    def rows_written(self) -> int:
        """Rows this connection has inserted, updated or deleted since its run started."""
        return self.db.conn.total_changes - getattr(self, "_changes_before_run", 0)

    def finish_run(self, run_id: int, status: str, *, pages_fetched: int = 0,
                   pages_failed: int = 0, talks_new: int = 0, talks_updated: int = 0,
                   errors: Sequence[Any] = (), rows_elsewhere: int = 0) -> None:
        """Close a crawl run with its final status ('ok'|'failed'|'interrupted') and counts.

        `errors` is a list of JSON-serialisable items (messages or dicts);
        `rows_elsewhere` the rows other connections wrote for the run (`join_run`).
        """
        if status not in RUN_STATUSES:
            raise ValueError(f"status must be one of {RUN_STATUSES}, got {status!r}")
        self.db["crawl_runs"].update(run_id, {
            "finished": _now(), "status": status, "pages_fetched": pages_fetched,
            "pages_failed": pages_failed, "talks_new": talks_new,
            "talks_updated": talks_updated, "errors": len(errors),
            "rows_written": self.rows_written() + rows_elsewhere,
            "error_log": json.dumps(list(errors), ensure_ascii=False, default=str),
        })

    # -- recording pages -----------------------------------------------------

    def record_page(self, url: str, *, status: int, fetched_at: datetime | str,
                    etag: str | None = None, last_modified: str | None = None,
                    sha256: str | None = None, content_type: str | None = None,
                    talks: Sequence[Talk] = (), series: str | None = None,
                    body: bytes | None = None, encoding: str | None = None,
                    robots: Sequence[str] = (), links: Sequence[str] = (),
                    found_by: str | None = None) -> PageOutcome:
        """Store a successful fetch of `url` and the talks it describes.

        In one transaction: upsert the page (validators, robots directives,
        outgoing links, how the crawl first found it: `found_by` is kept from
        the first fetch), keep its raw body, replace what it said before with
        `talks`, and recompute every talk it mentions now or did before (a talk
        left with no source is deleted; changed fields become revisions).
        Raises (with nothing written) if a Talk breaks the record contract.
        """
        seen_at = utc_iso(fetched_at)
        proposed = [talk_id(talk, talks) for talk in talks]
        outcome = PageOutcome()
        with self._transaction() as conn:
            ids = resolve_ids(conn, talks, proposed)
            conn.execute(
                """INSERT INTO pages (url, series, fetched_at, status, etag, last_modified, sha256,
                                      content_type, encoding, robots, links, found_by)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(url) DO UPDATE SET series = coalesce(excluded.series, series),
                     fetched_at = excluded.fetched_at, status = excluded.status, etag = excluded.etag,
                     last_modified = excluded.last_modified, sha256 = excluded.sha256,
                     content_type = excluded.content_type, encoding = excluded.encoding,
                     robots = excluded.robots, links = excluded.links,
                     found_by = coalesce(found_by, excluded.found_by)""",
                [url, series_slug(series) if series else None, seen_at, status, etag, last_modified,
                 sha256, content_type, encoding, ",".join(robots) or None, "\n".join(links) or None, found_by],
            )
            if body is not None and sha256:
                store_body(conn, url, sha256, body, seen_at)
            before = {r[0] for r in conn.execute(
                "SELECT DISTINCT talk_id FROM talk_sources WHERE page_url = ?", [url])}
            conn.execute("DELETE FROM talk_sources WHERE page_url = ?", [url])
            for series_name, zone in {(talk.series, talk.timezone): None for talk in talks}:
                conn.execute("INSERT OR IGNORE INTO series (id, name, timezone) VALUES (?, ?, ?)",
                             [series_slug(series_name), series_name, zone])
            for talk, tid in zip(talks, ids):
                self._add_source(conn, url, seen_at, talk, tid)
            for tid in sorted(before | set(ids)):
                result = recompute_talk(conn, tid, seen_at if tid in ids else None, seen_at, url,
                                        run_id=getattr(self, "_run_id", None))
                if result:
                    {NEW: outcome.new_ids, UPDATED: outcome.updated_ids, REMOVED: outcome.removed_ids}[result].append(tid)
            clear_gone(conn, url, ids)
        return outcome

    def record_gone(self, url: str, status: int, seen_at: datetime | str) -> list[str]:
        """An archived page now answers 404/410: keep its talks, mark them gone (one transaction)."""
        with self._transaction() as conn:
            return mark_gone(conn, url, status, utc_iso(seen_at))

    def page_links(self, url: str) -> list[str]:
        """The links `url` had when it was last archived."""
        return page_links(self.db.conn, url)

    def urls_with_body(self, sha256: str) -> list[str]:
        """Archived pages that served exactly these bytes last time."""
        return urls_with_body(self.db.conn, sha256)

    def known_urls(self) -> Iterator[str]:
        """Every archived page that is not gone (streamed)."""
        return known_urls(self.db.conn)

    def stored_pages(self) -> Iterator[StoredPage]:
        """The latest body of every archived page (streamed), for re-extraction."""
        return stored_pages(self.db.conn)

    # -- finding unlinked talk pages ------------------------------------------

    def talk_pages(self, series: str, limit: int) -> list[tuple[str, date, str | None]]:
        """(url, talk date, first speaker) of the series' newest talk pages, to learn its address pattern."""
        return talk_pages(self.db.conn, series_slug(series), limit)

    def talks_without_page(self, series: str) -> list[PagelessTalk]:
        """The series' scheduled talks known only from plan rows and "Upcoming seminars" lists."""
        return talks_without_page(self.db.conn, series_slug(series))

    def missed_probes(self, series: str) -> dict[str, date]:
        """Guessed addresses of the series that had no page, with the day last asked."""
        return missed_probes(self.db.conn, series_slug(series))

    def record_probe(self, url: str, series: str, talk_id: str | None, status: int,
                     probed_at: datetime | str) -> None:
        """Note what a guessed address answered (one transaction)."""
        with self._transaction() as conn:
            record_probe(conn, url, series_slug(series), talk_id, status, utc_iso(probed_at))

    def series_settings(self, series_id: str) -> dict | None:
        """The stored row of a series (name, homepage, timezone, publish_noindex)."""
        return next(self.db["series"].rows_where("id = ?", [series_id]), None)

    def close_stale_runs(self) -> int:
        """Runs left 'running' by a crawl that was killed are marked 'interrupted'."""
        with self._transaction() as conn:
            return conn.execute(
                "UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'").rowcount

    @staticmethod
    def _add_source(conn: Any, url: str, seen_at: str, talk: Talk, tid: str) -> None:
        """Insert one observation (its series is in the archive already)."""
        record = talk_to_json(talk)
        conn.execute(
            """INSERT INTO talk_sources (talk_id, page_url, kind, source_date, seen_at, record)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [tid, url, int(SourceKind(talk.source_kind)),
             talk.source_date.isoformat() if talk.source_date else None, seen_at, record],
        )
