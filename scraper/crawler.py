"""The crawl loop: a frontier of URLs, bounded concurrency per host, and progress.

The frontier holds URLs only (never bodies) and a set of the URLs seen in
this run; each fetched page is handed to a callback that stores what it says
and returns the links found on it. Links are normalised, de-duplicated,
checked against the scope and robots.txt before they are queued.
"""
from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .fetch import FetchResult, FetchSettings, fetch, make_client
from .robots import RobotsRules
from .urls import Scope, normalise, worth_fetching


@dataclass
class CrawlStats:
    """Counts a user watches while a crawl runs."""

    done: int = 0
    queued: int = 0
    archived: int = 0
    missing: int = 0  # 404 and 410: pages linked but not there, no reason to worry
    failed: int = 0
    talks_new: int = 0
    talks_updated: int = 0
    errors: list[str] = field(default_factory=list)


MAX_ERRORS_KEPT = 1000
GONE = (404, 410)
PageHandler = Callable[[FetchResult], Awaitable[list[str]]]


class Crawler:
    def __init__(self, seeds: list[str], *, scope: Scope | None = None, per_host: int = 4,
                 settings: FetchSettings | None = None, max_pages: int | None = None,
                 on_progress: Callable[[CrawlStats], None] | None = None):
        self.seeds = [u for u in (normalise(s) for s in seeds) if u]
        self.scope = scope or Scope.from_seeds(self.seeds)
        self.per_host = per_host
        self.settings = settings or FetchSettings()
        self.max_pages = max_pages
        self.on_progress = on_progress or (lambda stats: None)
        self.stats = CrawlStats()
        self.seen: set[str] = set()
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.host_slots: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))

    def enqueue(self, url: str, base: str | None = None) -> None:
        url = normalise(url, base)
        if not url or url in self.seen or url not in self.scope or not worth_fetching(url):
            return
        if self.max_pages is not None and len(self.seen) >= self.max_pages:
            return
        self.seen.add(url)
        self.queue.put_nowait(url)
        self.stats.queued += 1

    async def run(self, handle: PageHandler) -> CrawlStats:
        hosts = {urlsplit(s).netloc for s in self.seeds} or {""}
        workers = self.per_host * len(hosts)
        async with make_client(self.settings, workers) as client:
            self.robots = RobotsRules(client, self.settings.user_agent)
            for seed in self.seeds:
                self.seen.discard(seed)
                self.enqueue(seed)
            tasks = [asyncio.create_task(self._work(client, handle)) for _ in range(workers)]
            try:
                await self.queue.join()
            finally:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        return self.stats

    async def _work(self, client, handle: PageHandler) -> None:
        while True:
            url = await self.queue.get()
            try:
                await self._visit(client, url, handle)
            finally:
                self.stats.queued -= 1
                self.stats.done += 1
                self.queue.task_done()
                self.on_progress(self.stats)

    async def _visit(self, client, url: str, handle: PageHandler) -> None:
        if not await self.robots.allowed(url):
            self._fail(url, "disallowed by robots.txt")
            return
        async with self.host_slots[urlsplit(url).netloc]:
            result = await fetch(client, url, self.settings)
        if result.ok and normalise(result.url) not in self.scope:
            self._fail(url, f"redirected out of scope to {result.url}")
            return
        if result.status in GONE:
            self.stats.missing += 1
            self._note(url, f"HTTP {result.status}")
        elif not result.ok:
            self._fail(url, result.error or f"HTTP {result.status}")
        elif not result.is_html:
            self._note(url, f"skipped: not an HTML page ({result.content_type or 'no content type'})")
        try:
            links = await handle(result)
        except Exception as exc:  # one broken page must not end the crawl (nothing of it was stored)
            self._fail(url, f"could not process the page: {type(exc).__name__}: {exc}")
            return
        for link in links:
            self.enqueue(link, result.url)

    def _fail(self, url: str, reason: str) -> None:
        self.stats.failed += 1
        self._note(url, reason)

    def _note(self, url: str, reason: str) -> None:
        if len(self.stats.errors) < MAX_ERRORS_KEPT:
            self.stats.errors.append(f"{url}: {reason}")
