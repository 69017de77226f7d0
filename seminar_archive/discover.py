"""Finding the talk pages no crawled page links to, when a crawl has run out of links.

Called each time the crawl's queue drains (`Crawler.run(on_idle=...)`):

1. Once per crawl, the sitemaps of the start pages' hosts: those robots.txt
   declares, else `/sitemap.xml`, which is only guessed when the series has
   talk pages and some talk without one cannot be reached by an address
   pattern (so no guess where patterns do the work, nor for a series that
   publishes only listings or feeds). Listed pages in scope that look like
   talks' pages (or sit in a start page's folder) are crawled.
2. Then, for every scheduled talk of the series known only from a plan row
   or an "Upcoming seminars" list, the address its series' pattern gives
   (`scraper.discovery`), once per crawl. A host whose sitemap lists every
   talk page the archive knows there is trusted: an address it does not list
   is not guessed. A guess that missed in an earlier crawl is asked again
   only while the page may yet appear (`worth_retrying`).

Pages found either way are crawled and merged like any other; their links
are followed, and the talks their "Upcoming seminars" lists name are looked
for in the next round.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from archive.store import Archive
from scraper.crawler import Crawler, url_key
from scraper.discovery import PAGES_READ, learn_patterns, pick, worth_retrying
from scraper.fetch import FetchResult
from scraper.series import Series
from scraper.sitemaps import read_sitemaps
from scraper.urls import looks_like_talk, normalise


class Discovery:
    """The `on_idle` of one crawl of one series."""

    def __init__(self, crawler: Crawler, series: Series, archive: Callable[[], Archive | None]):
        self.crawler = crawler
        self.series = series
        self.archive = archive  # None until the crawl has stored something
        self.sitemaps_read = False
        self.listed: dict[str, set[int]] = {}  # host -> addresses its sitemaps list
        self.asked: set[int] = set()  # addresses named this crawl
        self.probing: dict[str, str] = {}  # guessed address -> the talk it is for

    async def __call__(self) -> list[tuple[str, str]]:
        archive = self.archive()
        if archive is None:
            return []
        pages = archive.talk_pages(self.series.name, PAGES_READ)
        wanted = self._addresses(archive, pages)
        if not self.sitemaps_read:
            self.sitemaps_read = True
            # /sitemap.xml is worth a guess where the series has talk pages and patterns miss some talk
            listed = await self._read_sitemaps(guess=bool(pages) and None in wanted.values())
            if fresh := self._new([(url, "sitemap") for url in listed]):
                return fresh
        trusted = self._trusted_hosts(pages)
        guesses = [(url, tid) for tid, url in wanted.items() if url and urlsplit(url).netloc not in trusted]
        self.probing.update((url, tid) for url, tid in guesses if url_key(url) not in self.asked)
        return self._new([(url, "pattern") for url, _ in guesses])

    def _addresses(self, archive: Archive, pages) -> dict[str, str | None]:
        """Talk id -> the address its pattern gives (None: no pattern reaches it), less misses not worth asking again."""
        patterns = learn_patterns(pages)
        missed = archive.missed_probes(self.series.name)
        wanted = {}
        for talk in archive.talks_without_page(self.series.name):
            pattern = pick(patterns, talk.date)
            url = normalise(pattern.address(talk.date, talk.speakers) or "") if pattern else None
            if url in missed and not worth_retrying(talk.date, missed[url]):
                continue
            wanted[talk.id] = url
        return wanted

    def _new(self, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The addresses not named before in this crawl."""
        fresh = [(url, how) for url, how in found if url_key(url) not in self.asked]
        self.asked.update(url_key(url) for url, _ in fresh)
        return fresh

    async def _read_sitemaps(self, guess: bool) -> list[str]:
        """Pages the start hosts' sitemaps list that the crawl may visit."""
        found = []
        for origin in dict.fromkeys(_origin(seed) for seed in self.crawler.seeds):
            roots = await self.crawler.robots.sitemaps(origin) or ([origin + "/sitemap.xml"] if guess else [])
            host = urlsplit(origin).netloc
            pages = await read_sitemaps(self.crawler.fetch_sitemap, roots, lambda u: urlsplit(u).netloc == host)
            self.listed[host] = {url_key(normalise(url) or url) for url in pages}
            found += [url for url in map(normalise, pages) if url and self._may_visit(url)]
        return found

    def _may_visit(self, url: str) -> bool:
        """A listed page is crawled if it is in a start page's folder or looks like a talk's page."""
        return self.crawler.scope.in_folder(url) or looks_like_talk(url)

    def _trusted_hosts(self, pages) -> set[str]:
        """Hosts whose sitemaps list every talk page the archive knows there."""
        known: dict[str, list[int]] = {}
        for url, _, _ in pages:
            known.setdefault(urlsplit(url).netloc, []).append(url_key(url))
        return {host for host, listed in self.listed.items()
                if listed and known.get(host) and all(key in listed for key in known[host])}

    def outcome(self, result: FetchResult) -> tuple[str | None, int] | None:
        """(talk id, status) when `result` answers a guessed address, else None."""
        if result.found_by != "pattern":
            return None
        return self.probing.get(result.requested or result.url), result.status


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
