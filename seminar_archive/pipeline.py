"""The crawl job: fetched pages -> extracted talks -> the archive, one page at a time.

Each page is written in its own transaction, so an interrupted crawl leaves
whole pages only, and the next run picks up where it stopped (every archived
page is revisited with a conditional request, and its stored links are
followed again). A page that answers 304, or the same bytes as last time,
costs no extraction and no write. A crawl that cannot fetch a single page
(site down, bad URL) writes nothing at all and raises `CrawlFailed`.
Pages are read (parsed, their talks extracted) in one child process and
written in another (`child.Child`), while this one fetches the next pages
and only reads the archive; the run's own row is opened and closed here.
"""
from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from archive.lock import ArchiveBusy, writer_lock
from archive.store import Archive
from scraper.crawler import GONE, Crawler, CrawlStats
from scraper.fetch import FetchResult, FetchSettings, Validators
from scraper.linkrules import scrub_body
from scraper.reader import read
from scraper.series import Series
from scraper.urls import Scope, normalise

from .child import Child
from .discover import Discovery
from .writer import Archived, archived_copy

READER = "scraper.reader"  # the child process that reads pages: `read` of this module
WRITER = "seminar_archive.writer:PageWriter"


class CrawlFailed(Exception):
    """Nothing could be fetched; the archive was left as it was."""


@dataclass
class CrawlJob:
    db_path: Path
    series: Series
    seeds: list[str]
    per_host: int = 4
    settings: FetchSettings | None = None
    on_progress: Callable[[CrawlStats], None] | None = None
    # Pages are read and written in child processes, overlapping fetching (False: in this one).
    in_children: bool = True
    lock: int | None = field(default=None, init=False, repr=False)  # the writer lock's descriptor, in `run`

    def run(self) -> CrawlStats:
        try:
            with writer_lock(self.db_path) as lock:
                self.lock = lock  # the writer process holds it too, for as long as it lives
                return asyncio.run(self.run_async())
        except ArchiveBusy as exc:
            raise CrawlFailed(str(exc)) from None

    async def run_async(self) -> CrawlStats:
        self.started = _now()
        self.archive = Archive(self.db_path) if Path(self.db_path).exists() else None
        self.run_id: int | None = None
        self.changed: set[str] = set()  # talks of earlier crawls this one changed (few)
        self.reader = Child(READER, spawn=self.in_children)
        self.writer: Child | None = None  # started with the run's row
        if self.archive:
            self.archive.close_stale_runs()
        scope = Scope.from_seeds([u for u in map(normalise, self.seeds) if u], self.series.scope, self.series.max_depth)
        crawler = Crawler(self.seeds, scope=scope, per_host=self.per_host, settings=self.settings,
                          revisit=self.archive.known_urls() if self.archive else (),
                          validators=self._validators, on_progress=self.on_progress)
        self.stats = crawler.stats
        self.discovery = Discovery(crawler, self.series, lambda: self.archive if self.run_id else None)
        if not crawler.seeds:
            raise CrawlFailed("no valid http(s) start URL given")
        try:
            stats = await crawler.run(self.handle, on_idle=self.discovery)
            if self.run_id is None:
                reason = stats.errors[0] if stats.errors else "no page could be fetched"
                raise CrawlFailed(f"nothing archived: {reason}")
            await self._finish("ok")
        except asyncio.CancelledError:
            await self._finish("interrupted")
            raise
        finally:
            await self.reader.close()
            if self.writer is not None:
                await self.writer.close()
        return stats

    async def _finish(self, status: str) -> None:
        """Close the run's row; calls are answered in order, so the writer's count comes after its last write."""
        if self.run_id is None:
            return
        rows = await self.writer.call("rows_written") if self.writer is not None else 0
        stats = self.stats
        self.archive.finish_run(self.run_id, status=status, pages_fetched=stats.archived,
                                pages_failed=stats.failed + stats.missing, talks_new=stats.talks_new,
                                talks_updated=stats.talks_updated, errors=stats.errors, rows_elsewhere=rows)

    def _validators(self, url: str) -> Validators | None:
        known = self.archive.known_page(url) if self.archive else None
        return Validators(known.etag, known.last_modified) if known else None

    def _open_run(self) -> Archive:
        """The archive and this run's row, created at the first answer (a failed crawl writes nothing)."""
        if self.archive is None:
            self.archive = Archive(self.db_path)
        if self.run_id is None:
            self.archive.ensure_series(self.series.name, homepage=self.series.homepage,
                                       timezone=self.series.timezone, publish_noindex=self.series.publish_noindex,
                                       title=self.series.title, organiser=self.series.organiser)
            self.run_id = self.archive.start_run(self.seeds, started=self.started, series=self.series.name)
        return self.archive

    def _writer(self) -> Child:
        """Where the run's pages are written (its row is opened first)."""
        if self.writer is None:
            self._open_run()
            self.writer = Child(WRITER, self.db_path, self.run_id, spawn=self.in_children,
                                pass_fds=() if self.lock is None else (self.lock,))
        return self.writer

    async def handle(self, result: FetchResult) -> list[str]:
        """Store what one answered request says; return the links to follow."""
        probe = self.discovery.outcome(result)
        if probe is not None and result.status:
            talk, status = probe
            await self._writer().call("record_probe", result.requested or result.url, self.series.name, talk,
                                      status, result.fetched_at)
        if probe is not None and not result.ok:
            return []  # a guessed address with no page: not a page that went missing
        if result.status in GONE:
            if self.archive:
                await self._writer().call("record_gone", result.url, result.status, result.fetched_at)
            return []
        if result.not_modified:
            return self._open_run().page_links(result.url)
        if not result.ok or not result.readable or result.body is None:
            return []
        return await self._store(result)

    async def _store(self, result: FetchResult) -> list[str]:
        writer = self._writer()
        digest = hashlib.sha256(result.body).hexdigest()
        if archived := archived_copy(self.archive, result.url, digest):
            return self._reuse(archived)
        reading = await self.reader.call(
            "read", result.url, result.body, result.content_type, self.series, result.encoding)
        self.stats.withheld += reading.withheld
        outcome = await writer.call(
            "record_page", result.url, digest, status=result.status, fetched_at=result.fetched_at,
            etag=result.etag, last_modified=result.last_modified, content_type=result.content_type,
            talks=reading.talks, series=self.series.name, body=scrub_body(result.body),
            encoding=result.encoding, robots=reading.robots, links=reading.links, found_by=result.found_by,
        )
        if isinstance(outcome, Archived):
            return self._reuse(outcome)  # the same bytes were stored while this page was being read
        self.stats.archived += 1
        self.changed.update(outcome.updated_ids)
        self.stats.talks_new += outcome.new
        self.stats.talks_updated = len(self.changed)
        return reading.links

    def _reuse(self, archived: Archived) -> list[str]:
        """The links of a page whose bytes are archived already (counted unchanged if at this address)."""
        if archived.same_address:
            self.stats.unchanged += 1
        return archived.links


def reextract(db_path: Path) -> CrawlStats:
    """Rebuild every talk from the stored page bodies, with no network.

    Each page is extracted again with its series' stored settings and
    recorded like a fresh fetch of the same bytes: improved extraction
    updates talks in place, and what it changes becomes revisions.
    """
    stats = CrawlStats()
    with writer_lock(db_path), Archive(db_path) as archive:
        for page in archive.stored_pages():
            series = _stored_series(archive, page.series)
            reading = read(page.url, page.body, page.content_type or "text/html", series, page.encoding)
            outcome = archive.record_page(page.url, status=200, fetched_at=page.fetched_at,
                                          **archive.known_page(page.url)._asdict(), content_type=page.content_type,
                                          talks=reading.talks, series=series.name, encoding=page.encoding,
                                          robots=reading.robots, links=archive.page_links(page.url))
            stats.done += 1
            stats.archived += 1
            stats.talks_new += outcome.new
            stats.talks_updated += outcome.updated
    return stats


def _stored_series(archive: Archive, series_id: str | None) -> Series:
    row = archive.series_settings(series_id) if series_id else None
    if row is None:
        return Series(series_id or "unknown")
    return Series(row["name"], row["timezone"] or "UTC", homepage=row["homepage"],
                  publish_noindex=bool(row["publish_noindex"]))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
