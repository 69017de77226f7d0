"""The crawl job: fetched pages -> extracted talks -> the archive, one page at a time.

Each page is written in its own transaction, so an interrupted crawl leaves
whole pages only. A crawl that cannot fetch a single page (site down, bad
URL) writes nothing at all and raises `CrawlFailed` with a one-line reason.
"""
from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from archive.store import Archive
from scraper.crawler import Crawler, CrawlStats
from scraper.extract import extract_page, parse_html
from scraper.fetch import FetchResult, FetchSettings
from scraper.series import Series


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

    def run(self) -> CrawlStats:
        return asyncio.run(self.run_async())

    async def run_async(self) -> CrawlStats:
        self.started = _now()
        self.archive: Archive | None = None
        self.bodies_seen: set[bytes] = set()
        self.created: set[str] = set()  # talks this run created: their later merges are not "updates"
        self.changed: set[str] = set()
        crawler = Crawler(self.seeds, per_host=self.per_host, settings=self.settings,
                          on_progress=self.on_progress)
        self.stats = crawler.stats
        if not crawler.seeds:
            raise CrawlFailed("no valid http(s) start URL given")
        stats = await crawler.run(self.handle)
        if self.archive is None:
            reason = stats.errors[0] if stats.errors else "no page could be fetched"
            raise CrawlFailed(f"nothing archived: {reason}")
        self.archive.finish_run(self.run_id, status="ok", pages_fetched=stats.archived,
                                pages_failed=stats.failed + stats.missing, talks_new=stats.talks_new,
                                talks_updated=stats.talks_updated, errors=stats.errors)
        return stats

    def _open_archive(self) -> Archive:
        """The archive, opened at the first page worth storing (a failed crawl never touches it)."""
        if self.archive is None:
            self.archive = Archive(self.db_path)
            self.archive.ensure_series(self.series.name, homepage=self.series.homepage,
                                       timezone=self.series.timezone)
            self.run_id = self.archive.start_run(self.seeds, started=self.started)
        return self.archive

    async def handle(self, result: FetchResult) -> list[str]:
        """Store what one fetched page says; return the links to follow."""
        if not result.ok or not result.is_html or result.body is None:
            return []
        digest = hashlib.sha256(result.body).digest()
        if digest in self.bodies_seen:  # the same page under a second address
            return []
        self.bodies_seen.add(digest)
        extraction = extract_page(result.url, parse_html(result.body, result.encoding), self.series)
        outcome = self._open_archive().record_page(
            result.url, status=result.status, fetched_at=result.fetched_at, etag=result.etag,
            last_modified=result.last_modified, sha256=digest.hex(), content_type=result.content_type,
            talks=extraction.talks,
        )
        self.stats.archived += 1
        self.created.update(outcome.new_ids)
        self.changed.update(set(outcome.updated_ids) - self.created)
        self.stats.talks_new, self.stats.talks_updated = len(self.created), len(self.changed)
        return extraction.links


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
