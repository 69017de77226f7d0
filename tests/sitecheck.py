"""Crawl a fixture site with the real crawl and compare its talks with the hand-written ones.

`crawl` runs `CrawlJob` (the source's scope, link depth, every page type)
into a fresh archive and reads back the merged talks; `agreement` matches
each expected talk by date and speaker and counts the fields that agree.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin

from archive.export import iter_talks
from archive.records import surname_slug
from scraper.series import Hints, Series
from scraper.sources import parse_sources
from seminar_archive.pipeline import CrawlJob

DATA = Path(__file__).parent / "data" / "sites"
FIELDS = ("title", "names", "affiliations", "date", "start", "end", "location", "abstract", "bio", "status", "links")


def source(site: str, base: str, *, hints: bool) -> Series:
    """The site's series as its sources.toml gives it, with or without the hints."""
    text = (DATA / f"{site}.toml").read_text(encoding="utf-8").replace("http://HOST/", base)
    series = parse_sources(text, f"{site}.toml")[0]
    return series if hints else replace(series, hints=Hints())


def expected(site: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{site}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def crawl(series: Series, db: Path) -> tuple[list[dict], list[str]]:
    """The talks the archive holds after crawling the series, and the pages it archived."""
    CrawlJob(db, series, list(series.start_urls)).run()
    with sqlite3.connect(db) as conn:
        ends = dict(conn.execute('SELECT id, "end" FROM talks'))
        pages = [row[0] for row in conn.execute("SELECT url FROM pages ORDER BY url")]
    return [{**talk, "end": ends[talk["id"]]} for talk in iter_talks(db)], pages


def _clock(moment: str | None) -> str | None:
    return moment[11:16] if moment else None


def observed(talk: dict) -> dict:
    return {
        "title": talk["title"], "names": [s["name"] for s in talk["speakers"]],
        "affiliations": [s["affiliation"] for s in talk["speakers"]], "date": talk["date"],
        "start": _clock(talk["start"]), "end": _clock(talk["end"]), "location": talk["location"],
        "abstract": talk["abstract"], "bio": talk["bio"], "status": talk["status"],
        "links": sorted((link["url"], link["kind"]) for link in talk["links"]),
    }


def wanted(talk: dict, base: str) -> dict:
    return {
        "title": talk["title"], "names": [s["name"] for s in talk["speakers"]],
        "affiliations": [s["affiliation"] for s in talk["speakers"]], "date": talk["date"],
        "start": talk["start"], "end": talk["end"], "location": talk["location"], "abstract": talk["abstract"],
        "bio": talk["bio"], "status": talk["status"],
        "links": sorted((urljoin(base, link["url"]), link["kind"]) for link in talk["links"]),
    }


def _same_talk(talk: dict, want: dict) -> bool:
    if talk["date"] != want["date"]:
        return False
    wanted_names = {surname_slug(s["name"]) for s in want["speakers"]}
    got = {surname_slug(s["name"]) for s in talk["speakers"]}
    return not got or not wanted_names or bool(got & wanted_names)


@dataclass
class Report:
    agree: dict[str, int] = field(default_factory=dict)
    total: int = 0
    disagreements: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        cells = self.total * len(FIELDS)
        return sum(self.agree.values()) / cells if cells else 0.0

    def __str__(self) -> str:
        per_field = ", ".join(f"{name} {self.agree.get(name, 0)}" for name in FIELDS)
        lines = [f"{self.share:.1%} of fields agree over {self.total} talks ({per_field})"]
        return "\n".join(lines + self.disagreements + [f"extra talk: {e}" for e in self.extra])


def agreement(talks: list[dict], wants: list[dict], base: str) -> Report:
    report = Report({name: 0 for name in FIELDS}, total=len(wants))
    used: set[str] = set()
    for want in wants:
        match = next((t for t in talks if t["id"] not in used and _same_talk(t, want)), None)
        got = observed(match) if match else {}
        if match:
            used.add(match["id"])
        expect = wanted(want, base)
        for name in FIELDS:
            if got.get(name) == expect[name]:
                report.agree[name] += 1
            else:
                report.disagreements.append(f"{want['date']} {name}: expected {expect[name]!r}, got {got.get(name)!r}")
    report.extra = sorted(f"{t['date']} {t['title']!r}" for t in talks if t["id"] not in used)
    report.total += len(report.extra)
    return report
