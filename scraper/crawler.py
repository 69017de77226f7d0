"""The crawl loop: a frontier of URLs, bounded concurrency per host, and progress.

The frontier holds URLs only (never bodies), and the URLs seen in this run
as 64-bit hashes in a compact `SeenSet`, so memory stays small however large the archive. Pages
already archived are revisited from a lazy stream (`revisit`), topped up as
the queue drains. Each answered request is handed to a callback that stores
what the page says and returns its links; links are normalised,
de-duplicated and checked against the scope and robots.txt before they are
queued.

When the queue drains, an optional `on_idle` callback may name more URLs,
each with why it is wanted ("pattern": an address guessed from the series'
address pattern, "sitemap": listed in a sitemap); the crawl goes on until it
names none that is new. Why a URL was queued is kept for those and the
start pages only (every other page was found by a link, or is a revisit),
and handed to the page callback as `FetchResult.found_by`.
"""
from __future__ import annotations

import asyncio
import hashlib
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .fetch import FetchResult, FetchSettings, Validators, fetch, make_client
from .robots import RobotsRules
from .seen import SeenSet
from .urls import Scope, normalise, worth_fetching

MAX_ERRORS_KEPT = 1000
GONE = (404, 410)
REFILL_BELOW = 256  # top the queue up from the revisit stream when it holds fewer URLs


@dataclass
class CrawlStats:
    """Counts a user watches while a crawl runs."""

    done: int = 0
    queued: int = 0
    archived: int = 0
    unchanged: int = 0
    missing: int = 0  # 404 and 410: pages linked but not there, no reason to worry
    withheld: int = 0  # pages whose robots meta tag asks not to be indexed or followed
    failed: int = 0
    found_unlinked: int = 0  # pages no crawled page links to, found by address pattern or sitemap
    guessed: int = 0  # addresses guessed from the series' address pattern
    guessed_missing: int = 0  # ... of which were not there (404/410)
    sitemaps_read: int = 0  # sitemap files requested
    talks_new: int = 0
    talks_updated: int = 0
    errors: list[str] = field(default_factory=list)


PageHandler = Callable[[FetchResult], Awaitable[list[str]]]  # returns the page's links, absolute and normalised
IdleHandler = Callable[[], Awaitable[list[tuple[str, str]]]]
DISCOVERED = ("pattern", "sitemap")  # found_by of pages no crawled page links to


class HostGate:
    """At most `per_host` requests in flight per host, and `delay` seconds between starts."""

    def __init__(self, per_host: int, delay: float):
        self.delay = delay
        self.slots: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
        self.next_start: dict[str, float] = defaultdict(float)

    async def __call__(self, url: str, request: Callable[[], Awaitable[FetchResult]]) -> FetchResult:
        host = urlsplit(url).netloc
        async with self.slots[host]:
            if self.delay:
                now = time.monotonic()
                start = max(now, self.next_start[host])
                self.next_start[host] = start + self.delay
                await asyncio.sleep(start - now)
            return await request()


def url_key(url: str) -> int:
    """A URL as the 64-bit hash the crawl remembers it by."""
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=8).digest(), "big")


class Crawler:
    def __init__(self, seeds: list[str], *, scope: Scope | None = None, per_host: int = 4,
                 settings: FetchSettings | None = None, max_pages: int | None = None,
                 revisit: Iterable[str] = (), validators: Callable[[str], Validators | None] | None = None,
                 on_progress: Callable[[CrawlStats], None] | None = None):
        self.seeds = [u for u in (normalise(s) for s in seeds) if u]
        self.scope = scope or Scope.from_seeds(self.seeds)
        self.per_host = per_host
        self.settings = settings or FetchSettings()
        self.max_pages = max_pages
        self.revisit: Iterator[str] = iter(revisit)
        self.validators = validators or (lambda url: None)
        self.on_progress = on_progress or (lambda stats: None)
        self.stats = CrawlStats()
        self.seen = SeenSet()
        self.found_by: dict[int, str] = {}  # why a URL was queued, for seeds, guesses and sitemap entries only
        # Last in, first out (as Scrapy's default): a plan page's talk links are visited before the
        # next plan pages are opened, so the frontier stays small however many pages a site has.
        self.queue: asyncio.LifoQueue[str] = asyncio.LifoQueue()
        self.gate = HostGate(per_host, self.settings.delay)

    def enqueue(self, url: str, base: str | None = None, found_by: str | None = None) -> bool:
        """Queue `url` (relative to `base`) unless it is out of scope or already seen; True if queued."""
        return self._queue(normalise(url, base), base and normalise(base), found_by)

    def _queue(self, url: str | None, base: str | None, found_by: str | None = None) -> bool:
        """`enqueue` of a normalised URL found on the normalised page `base`."""
        if not url or not worth_fetching(url) or not self.scope.admit(url, base):
            return False
        key = url_key(url)
        if key in self.seen or (self.max_pages is not None and len(self.seen) >= self.max_pages):
            return False
        self.seen.add(key)
        if found_by:
            self.found_by[key] = found_by
        self.queue.put_nowait(url)
        self.stats.queued += 1
        return True

    def _refill(self) -> None:
        """Queue more archived pages to revisit, a batch at a time."""
        while self.queue.qsize() < REFILL_BELOW:
            url = next(self.revisit, None)
            if url is None:
                return
            self.enqueue(url)

    async def run(self, handle: PageHandler, on_idle: IdleHandler | None = None) -> CrawlStats:
        """Crawl until the queue drains and `on_idle` (if given) names nothing new."""
        hosts = {urlsplit(s).netloc for s in self.seeds} or {""}
        connections = self.per_host * len(hosts)
        # Four times as many tasks as requests allowed in flight: while some wait for their page to be
        # read and stored, the others keep every host's request slots (`HostGate`) busy.
        workers = 4 * connections
        async with make_client(self.settings, connections) as client:
            self.client = client
            self.robots = RobotsRules(client, self.settings.user_agent)
            for seed in self.seeds:
                self.enqueue(seed, found_by="seed")
            self._refill()
            tasks = [asyncio.create_task(self._work(client, handle)) for _ in range(workers)]
            try:
                await self.queue.join()
                while on_idle is not None and (more := await on_idle()):
                    for url, found_by in more:
                        self.enqueue(url, found_by=found_by)
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
                self._refill()
                self.queue.task_done()
                self.on_progress(self.stats)

    async def _visit(self, client, url: str, handle: PageHandler) -> None:
        found_by = self.found_by.pop(url_key(url), "link")
        if not await self.robots.allowed(url):
            self._fail(url, "disallowed by robots.txt")
            return
        result = await self.gate(url, lambda: fetch(
            client, url, self.settings, validators=self.validators(url),
            may_follow=lambda target: self.scope.admit(normalise(target) or "", url)))
        result.found_by = found_by
        if found_by == "pattern":
            self._count_guess(result)
        elif result.status in GONE:
            self.stats.missing += 1
            self._note(url, f"HTTP {result.status}")
        elif result.not_modified:
            self.stats.unchanged += 1
        elif not result.ok:
            self._fail(url, result.error or f"HTTP {result.status}")
        elif not result.readable:
            self._note(url, f"skipped: not a page or feed ({result.content_type or 'no content type'})")
        if found_by in DISCOVERED and result.ok and result.readable:
            self.stats.found_unlinked += 1
        try:
            links = await handle(result)
        except Exception as exc:  # one broken page must not end the crawl (nothing of it was stored)
            self._fail(url, f"could not process the page: {type(exc).__name__}: {exc}")
            return
        base = normalise(result.url)
        for link in links:
            self._queue(link, base)

    def _count_guess(self, result: FetchResult) -> None:
        """A guessed address answered: a page, or no page (a guess may miss: that is no error)."""
        self.stats.guessed += 1
        if result.ok:
            return
        if result.status:
            self.stats.guessed_missing += 1
        else:
            self._fail(result.url, result.error or "no answer")

    async def fetch_sitemap(self, url: str) -> bytes | None:
        """A sitemap file's body, fetched politely (robots.txt, the host's gate, redirects on its host only)."""
        if not await self.robots.allowed(url):
            return None
        self.stats.sitemaps_read += 1
        host = urlsplit(url).netloc
        result = await self.gate(url, lambda: fetch(
            self.client, url, self.settings, may_follow=lambda target: urlsplit(target).netloc == host))
        return result.body if result.ok else None

    def _fail(self, url: str, reason: str) -> None:
        self.stats.failed += 1
        self._note(url, reason)

    def _note(self, url: str, reason: str) -> None:
        if len(self.stats.errors) < MAX_ERRORS_KEPT:
            self.stats.errors.append(f"{url}: {reason}")
