"""The series to crawl, as a `sources.toml` lists them.

One `[[sources]]` table per series; only `name` and `url` are required:

    [[sources]]
    name = "Quiet Machines"
    url = "https://example.org/seminars/"

Optional keys: `urls` (several start pages; `{year}` in one is expanded from
`since` to this year), `homepage`, `organiser`, `timezone` (IANA, default
UTC), `locale` (e.g. "en_US": month-first numeric dates), `scope` ("auto",
"folder" or "host"), `max_depth`, `publish_noindex`, and a `[sources.hints]`
table: `page_type`, `date_format` ("DMY", "MDY", "YMD" or a strftime
pattern such as "%m/%d/%y"), `default_time` ("15:00") and
`[sources.hints.selectors]` (CSS selectors by field). A malformed file is
refused with its file, line and key named (`SourcesError`).
"""
from __future__ import annotations

import difflib
import re
import tomllib
from datetime import date, time
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .series import PAGE_TYPES, SELECTOR_FIELDS, Hints, Series, slug
from .urls import normalise

SOURCE_KEYS = {"name", "url", "urls", "since", "homepage", "organiser", "organizer", "timezone", "locale",
               "scope", "max_depth", "publish_noindex", "hints", "title"}
HINT_KEYS = {"page_type", "selectors", "date_format", "default_time"}
SCOPES = ("auto", "folder", "host")
CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class SourcesError(ValueError):
    """A sources.toml that cannot be used; the message names the file, line and key."""


class _Entry:
    """One `[[sources]]` table being read, able to say where a key of it is written."""

    def __init__(self, data: dict, index: int, path: str, lines: list[str]):
        self.data, self.index, self.path, self.lines = data, index, path, lines

    def _line(self, key: str | None) -> int | None:
        headers = [n for n, line in enumerate(self.lines, 1) if re.match(r"\s*\[\[\s*sources\s*\]\]", line)]
        if self.index >= len(headers):
            return None
        start = headers[self.index]
        end = headers[self.index + 1] if self.index + 1 < len(headers) else len(self.lines) + 1
        for number in range(start, end):
            if key and re.match(rf"\s*{re.escape(key)}\s*=", self.lines[number - 1]):
                return number
        return start

    def fail(self, key: str | None, message: str) -> SourcesError:
        line = self._line(key)
        where = f"{self.path}:{line}" if line else self.path
        name = self.data.get("name")
        entry = f"[[sources]] #{self.index + 1}" + (f" ({name!r})" if isinstance(name, str) else "")
        return SourcesError(f"{where}: {entry}: {key + ': ' if key else ''}{message}")

    def get(self, key: str, kind: type | tuple, default: Any = None) -> Any:
        value = self.data.get(key, default)
        if value is not default and not isinstance(value, kind):
            names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
            raise self.fail(key, f"must be a {names}, not {type(value).__name__} {value!r}")
        return value


def _unknown(entry: _Entry, keys, known: set[str], where: str = "") -> None:
    for key in keys:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (known: {', '.join(sorted(known))})"
            raise entry.fail(key, f"unknown key{where}{hint}")


def _urls(entry: _Entry) -> tuple[str, ...]:
    given = entry.get("urls", list, [])
    single = entry.get("url", str)
    urls = ([single] if single else []) + list(given)
    if not urls:
        raise entry.fail(None, "needs a `url` (the series' page) or `urls`")
    since = entry.get("since", int)
    expanded = []
    for url in urls:
        if not isinstance(url, str):
            raise entry.fail("urls", f"must hold strings, not {url!r}")
        if "{year}" in url:
            if since is None:
                raise entry.fail("url" if url == single else "urls", f"{url!r} has {{year}} but no `since = YEAR`")
            expanded.extend(url.replace("{year}", str(y)) for y in range(since, date.today().year + 1))
        else:
            expanded.append(url)
    for url in expanded:
        if normalise(url) is None:
            raise entry.fail("url" if url == single else "urls", f"{url!r} is not an http(s) address")
    return tuple(expanded)


def _timezone(entry: _Entry) -> str:
    zone = entry.get("timezone", str, "UTC")
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise entry.fail("timezone", f"unknown time zone {zone!r} (use an IANA name such as Europe/Stockholm)") from None
    return zone


def _date_order(entry: _Entry, text: str | None) -> str | None:
    if text is None:
        return None
    if text.upper() in ("DMY", "MDY", "YMD"):
        return text.upper()
    positions = {part: text.find(code) for part, codes in (("D", "%d"), ("M", "%m%b%B"), ("Y", "%y%Y"))
                 for code in [next((c for c in (codes[i:i + 2] for i in range(0, len(codes), 2)) if c in text), "")]}
    if "%" not in text or min(positions.values()) < 0:
        raise entry.fail("date_format", f"{text!r} is neither DMY, MDY, YMD nor a pattern with %d, %m and %y")
    return "".join(sorted(positions, key=positions.get))


def _hints(entry: _Entry) -> Hints:
    hints = entry.get("hints", dict, {})
    _unknown(entry, hints, HINT_KEYS, " in [sources.hints]")
    sub = _Entry(hints, entry.index, entry.path, entry.lines)
    page_type = sub.get("page_type", str)
    if page_type is not None and page_type not in PAGE_TYPES:
        raise entry.fail("page_type", f"{page_type!r} is not a page type ({', '.join(PAGE_TYPES)})")
    selectors = sub.get("selectors", dict, {})
    if selectors:
        import soupsieve  # with bs4: loaded only for a config that has selectors to check
    for field_name, selector in selectors.items():
        if field_name not in SELECTOR_FIELDS:
            raise entry.fail(field_name, f"no such field for a selector ({', '.join(SELECTOR_FIELDS)})")
        try:
            soupsieve.compile(selector)
        except (soupsieve.SelectorSyntaxError, TypeError) as exc:
            raise entry.fail(field_name, f"bad CSS selector {selector!r}: {str(exc).splitlines()[0]}") from None
    clock = sub.get("default_time", str)
    if clock is not None and not CLOCK.match(clock):
        raise entry.fail("default_time", f"{clock!r} is not a time such as 15:00")
    return Hints(page_type=page_type, selectors=dict(selectors),
                 date_order=_date_order(entry, sub.get("date_format", str)),
                 default_time=time(*map(int, clock.split(":"))) if clock else None)


def _series(entry: _Entry) -> Series:
    _unknown(entry, entry.data, SOURCE_KEYS)
    name = entry.get("name", str)
    if not name or not name.strip():
        raise entry.fail("name", "every source needs a name")
    scope = entry.get("scope", str, "auto")
    if scope not in SCOPES:
        raise entry.fail("scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
    depth = entry.get("max_depth", int, 2)
    if not 0 <= depth <= 10:
        raise entry.fail("max_depth", f"{depth} is not between 0 and 10")
    return Series(
        name=slug(name), timezone=_timezone(entry), start_urls=_urls(entry),
        homepage=entry.get("homepage", str), publish_noindex=entry.get("publish_noindex", bool, False),
        title=entry.get("title", str) or (name if slug(name) != name else None),
        organiser=entry.get("organiser", str) or entry.get("organizer", str),
        locale=entry.get("locale", str), scope=scope, max_depth=depth, hints=_hints(entry),
    )


def parse_sources(text: str, path: str = "sources.toml") -> list[Series]:
    """The series a sources.toml text lists, in order."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - {"sources"}
    if unknown:
        raise SourcesError(f"{path}: unknown top-level key {sorted(unknown)[0]!r} (a series is a [[sources]] table)")
    entries = data.get("sources", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: no [[sources]] table: list at least one series")
    lines = text.splitlines()
    found: list[Series] = []
    for index, data_entry in enumerate(entries):
        entry = _Entry(data_entry, index, path, lines)
        series = _series(entry)
        if any(other.name == series.name for other in found):
            raise entry.fail("name", f"a second series named {series.name!r}")
        found.append(series)
    return found


def load_sources(path: str | Path) -> list[Series]:
    """The series of a sources.toml file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_sources(text, str(path))


def default_sources() -> list[Series]:
    """The built-in series: the sources.toml shipped with the package."""
    text = resources.files("scraper").joinpath("sources.toml").read_text(encoding="utf-8")
    return parse_sources(text, "scraper/sources.toml")
