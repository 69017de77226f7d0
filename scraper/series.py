"""A seminar series: its name, where its pages start, and its time zone."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Series:
    name: str
    timezone: str = "UTC"
    start_urls: tuple[str, ...] = ()
    homepage: str | None = None
    publish_noindex: bool = False


def learning_machines(today: date | None = None) -> Series:
    """The RISE Learning Machines seminar: one plan page a year since 2020."""
    year = (today or date.today()).year
    return Series(
        name="learning-machines",
        timezone="Europe/Stockholm",
        start_urls=tuple(f"https://mogren.one/lm/{y}.html" for y in range(2020, year + 1)),
        homepage="https://ri.se/lm-sem",
        publish_noindex=True,
    )


BUILTIN = {"learning-machines": learning_machines}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "series"


def series_for(name: str | None, start_urls: list[str], timezone: str | None = None) -> Series:
    """The series to crawl: a built-in one by name, else one named after the site."""
    if name in BUILTIN and not start_urls:
        return BUILTIN[name]()
    if name in BUILTIN:
        builtin = BUILTIN[name]()
        return Series(builtin.name, timezone or builtin.timezone, tuple(start_urls), builtin.homepage,
                      builtin.publish_noindex)
    if not name:
        first = urlsplit(start_urls[0])
        folder = first.path.rstrip("/").rsplit("/", 1)[0].strip("/")
        name = slug(f"{first.hostname or 'site'} {folder}")
    return Series(slug(name), timezone or "UTC", tuple(start_urls))
