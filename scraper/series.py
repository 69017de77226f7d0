"""A seminar series: its name, where its pages start, its time zone and extraction hints.

Series are described in a `sources.toml` (see `scraper.sources`); the
built-in ones come from the default config shipped with the package.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import time
from urllib.parse import urlsplit

PAGE_TYPES = ("structured", "labelled", "table", "listing", "icalendar", "feed")
SELECTOR_FIELDS = ("talk", "title", "speaker", "abstract", "bio", "date", "time", "location")


@dataclass(frozen=True)
class Hints:
    """What a user may tell the extractor about a series' pages; every hint is optional.

    `selectors` maps a field (see SELECTOR_FIELDS; `talk` is the repeated
    block of a listing page) to a CSS selector. `date_order` is "DMY", "MDY"
    or "YMD" for numeric dates such as 4/1/21. `default_time` is the start
    time of talks whose source gives none. `page_type` overrides detection.
    """

    page_type: str | None = None
    selectors: Mapping[str, str] = field(default_factory=dict)
    date_order: str | None = None
    default_time: time | None = None

    def selector(self, name: str) -> str | None:
        return self.selectors.get(name)


@dataclass(frozen=True)
class Series:
    name: str
    timezone: str = "UTC"
    start_urls: tuple[str, ...] = ()
    homepage: str | None = None
    publish_noindex: bool = False
    title: str | None = None          # display name, e.g. "Learning Machines"
    organiser: str | None = None      # free text: who runs the series
    locale: str | None = None         # e.g. "en_US": month-first numeric dates
    scope: str = "auto"               # "auto" (folder + talk pages beside it), "folder" or "host"
    max_depth: int = 2                # link depth from a start page for pages outside its folder
    hints: Hints = field(default_factory=Hints)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "series"


class _Builtin(Mapping):
    """The series of the default `sources.toml`, by name, each as a factory (read when first used)."""

    def _series(self) -> dict[str, Series]:
        from .sources import default_sources

        return {series.name: series for series in default_sources()}

    def __getitem__(self, name: str) -> Callable[[], Series]:
        series = self._series()[name]
        return lambda: series

    def __iter__(self) -> Iterator[str]:
        return iter(self._series())

    def __len__(self) -> int:
        return len(self._series())


BUILTIN: Mapping[str, Callable[[], Series]] = _Builtin()


def series_for(name: str | None, start_urls: list[str], timezone: str | None = None) -> Series:
    """The series to crawl: a built-in one by name, else one named after the site."""
    if name in BUILTIN:
        builtin = BUILTIN[name]()
        if not start_urls and not timezone:
            return builtin
        return replace(builtin, timezone=timezone or builtin.timezone,
                       start_urls=tuple(start_urls) or builtin.start_urls)
    if not name:
        first = urlsplit(start_urls[0])
        folder = first.path.rstrip("/").rsplit("/", 1)[0].strip("/")
        name = slug(f"{first.hostname or 'site'} {folder}")
    return Series(slug(name), timezone or "UTC", tuple(start_urls))
