"""A live progress line for long crawls (tqdm, on stderr, only on a terminal)."""
from __future__ import annotations

from tqdm import tqdm

from scraper.crawler import CrawlStats


class CrawlProgress:
    """Pages done/queued, talks new/updated and errors, redrawn as the crawl goes."""

    def __init__(self, enabled: bool = True):
        self.bar = tqdm(total=0, unit="page", desc="crawl", disable=None if enabled else True,
                        dynamic_ncols=True, leave=True)

    def __call__(self, stats: CrawlStats) -> None:
        if self.bar.disable:
            return
        self.bar.total = stats.done + stats.queued
        self.bar.n = stats.done
        self.bar.set_postfix_str(
            f"queued {stats.queued}, talks new {stats.talks_new} updated {stats.talks_updated}, "
            f"errors {stats.failed}", refresh=True)

    def close(self) -> None:
        self.bar.close()


def summary(stats: CrawlStats) -> str:
    line = (f"{stats.done} pages visited: {stats.archived} archived, {stats.unchanged} unchanged, "
            f"{stats.missing} not found, {stats.failed} errors; "
            f"talks: {stats.talks_new} new, {stats.talks_updated} updated")
    if stats.guessed or stats.sitemaps_read:
        line += (f"\npages no page links to: {stats.found_unlinked} found; {stats.guessed} addresses guessed "
                 f"from the series' address pattern ({stats.guessed_missing} not there yet), "
                 f"{stats.sitemaps_read} sitemap files read")
    if stats.withheld:
        line += (f"\n{stats.withheld} pages ask robots not to index or follow them (<meta name=robots>): "
                 "their talks and links were left out; use --publish-noindex if the organisers agree")
    return line
