"""Crawl a fixture site over HTTP and compare its talks with the hand-written ones, field by field.

`crawl` follows links the way the archive's crawl does (the source's scope,
link depth from the start pages) and reads every answer, HTML or feed,
with `scraper.extract.extract`. `agreement` merges the records of each
talk as the archive does (the most authoritative source first, each field
from the first source that has it) and counts the fields that agree.
"""
from __future__ import annotations

import json
from collections import deque
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urljoin

import httpx

from archive.records import surname_slug
from scraper.extract import extract
from scraper.series import Hints, Series
from scraper.sources import parse_sources
from scraper.talk import Talk
from scraper.urls import Scope, normalise, worth_fetching

DATA = Path(__file__).parent / "data" / "sites"
FIELDS = ("title", "names", "affiliations", "date", "start", "end", "location", "abstract", "bio", "status", "links")
MAX_PAGES = 200


def source(site: str, base: str, *, hints: bool) -> Series:
    """The site's series as its sources.toml gives it, with or without the hints."""
    text = (DATA / f"{site}.toml").read_text(encoding="utf-8").replace("http://HOST/", base)
    series = parse_sources(text, f"{site}.toml")[0]
    return series if hints else replace(series, hints=Hints())


def expected(site: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / f"{site}.jsonl").read_text(encoding="utf-8").splitlines() if line]


def crawl(series: Series) -> tuple[list[Talk], list[str]]:
    """Every talk the pages reachable from the start pages give, and the pages fetched, in order."""
    scope = Scope.from_seeds(list(series.start_urls), series.scope, series.max_depth)
    queue = deque(url for url in (normalise(u) for u in series.start_urls) if url)
    seen, talks, fetched = set(queue), [], []
    with httpx.Client(timeout=10, follow_redirects=True) as client:
        while queue and len(fetched) < MAX_PAGES:
            url = queue.popleft()
            response = client.get(url)
            fetched.append(url)
            if response.status_code != 200:
                continue
            found = extract(url, response.content, response.headers.get("content-type", ""), series)
            talks.extend(found.talks)
            for href in found.links:
                link = normalise(href, url)
                if link and link not in seen and worth_fetching(link) and scope.admit(link, url):
                    seen.add(link)
                    queue.append(link)
    return talks, fetched


def observed(talk: Talk) -> dict:
    return {
        "title": talk.title, "names": [s.name for s in talk.speakers],
        "affiliations": [s.affiliation for s in talk.speakers], "date": talk.date.isoformat(),
        "start": talk.start.strftime("%H:%M") if talk.start else None,
        "end": talk.end.strftime("%H:%M") if talk.end else None,
        "location": talk.location, "abstract": talk.abstract, "bio": talk.bio, "status": talk.status,
        "links": sorted((link.url, link.kind) for link in talk.links),
    }


def wanted(talk: dict, base: str) -> dict:
    return {
        "title": talk["title"], "names": [s["name"] for s in talk["speakers"]],
        "affiliations": [s["affiliation"] for s in talk["speakers"]], "date": talk["date"],
        "start": talk["start"], "end": talk["end"], "location": talk["location"], "abstract": talk["abstract"],
        "bio": talk["bio"], "status": talk["status"],
        "links": sorted((urljoin(base, link["url"]), link["kind"]) for link in talk["links"]),
    }


def _same_talk(talk: Talk, want: dict) -> bool:
    if talk.date.isoformat() != want["date"]:
        return False
    wanted_names = {surname_slug(s["name"]) for s in want["speakers"]}
    got = {surname_slug(s.name) for s in talk.speakers}
    return not got or not wanted_names or bool(got & wanted_names)


def merged(records: list[Talk]) -> dict:
    """One talk from its records, best first: each field from the first record that has it."""
    ranked = sorted(records, key=lambda t: -int(t.source_kind))
    views = [observed(t) for t in ranked]
    values = {name: next((v[name] for v in views if v[name] not in (None, [], "")), None) for name in FIELDS}
    best_speakers = next((v for v in views if v["names"]), views[0])
    values["names"], values["affiliations"] = best_speakers["names"], best_speakers["affiliations"]
    values["links"] = values["links"] or []
    values["status"] = values["status"] or "scheduled"
    return values


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


def agreement(talks: list[Talk], wants: list[dict], base: str) -> Report:
    report = Report({name: 0 for name in FIELDS}, total=len(wants))
    used: set[int] = set()
    for want in wants:
        records = [t for t in talks if _same_talk(t, want)]
        used.update(id(t) for t in records)
        got = merged(records) if records else {}
        expect = wanted(want, base)
        for name in FIELDS:
            if got.get(name) == expect[name]:
                report.agree[name] += 1
            else:
                report.disagreements.append(f"{want['date']} {name}: expected {expect[name]!r}, got {got.get(name)!r}")
    extras = {(t.date.isoformat(), tuple(s.name for s in t.speakers), t.title) for t in talks if id(t) not in used}
    report.extra = sorted(map(str, extras))
    report.total += len(extras)
    return report
