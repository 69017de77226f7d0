"""The real Learning Machines pages (../shared/corpus), crawled from a loopback mirror.

Skips when ../shared is absent. Compares the export with the hand-checked
extraction in lm-expected.jsonl, field by field, as the first issue's
acceptance does.
"""
from __future__ import annotations

import json
import re
import sqlite3
import zlib
from pathlib import Path

import pytest

from seminar_archive.demo.server import serve_directory
from seminar_archive.pipeline import CrawlJob
from scraper.series import series_for
from archive.export import export_talks

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not (CORPUS / "lm-site").is_dir(), reason="../shared/corpus is absent")
ARTEFACT_COMMAS = re.compile(r"(?:\s*,){2,}")  # the expected file keeps ", , ," where we break paragraphs


def normal(value):
    if isinstance(value, str):
        return " ".join(ARTEFACT_COMMAS.sub(" ", value).split())
    return value


def agrees(expected, got) -> bool:
    if isinstance(expected, dict) and "any_of" in expected:
        return any(agrees(option, got) for option in expected["any_of"])
    return normal(expected) == normal(got)


@pytest.fixture(scope="module")
def lm_export(tmp_path_factory):
    db = tmp_path_factory.mktemp("lm") / "lm.db"
    with serve_directory(CORPUS / "lm-site") as base:
        seeds = [f"{base}lm/2022.html", f"{base}lm/2024-04-04.html"]
        CrawlJob(db, series_for("learning-machines", seeds), seeds).run()
    out = tmp_path_factory.mktemp("lm") / "talks.json"
    with out.open("w") as fh:
        export_talks(db, "json", fh)
    return db, json.loads(out.read_text())


def expected_pages():
    return [json.loads(line) for line in (CORPUS / "lm-expected.jsonl").read_text().splitlines() if line]


def test_every_announcement_page_is_found(lm_export):
    _, talks = lm_export
    sources = {t["source_url"].split("/", 3)[3] for t in talks}
    missing = [e["page"] for e in expected_pages() if e["page"] not in sources]
    assert missing == []


def test_fields_agree_with_the_expected_extraction(lm_export):
    _, talks = lm_export
    by_page = {t["source_url"].split("/", 3)[3]: t for t in talks}
    fields = {
        "title": lambda t: t["title"],
        "names": lambda t: [s["name"] for s in t["speakers"]],
        "affiliations": lambda t: [s["affiliation"] for s in t["speakers"]],
        "abstract": lambda t: t["abstract"],
        "bio": lambda t: t["bio"],
    }
    expected = expected_pages()
    disagreements = {}
    for e in expected:
        got = by_page[e["page"]]
        want = {"title": e["title"], "names": [s["name"] for s in e["speakers"]],
                "affiliations": [s["affiliation"] for s in e["speakers"]], "abstract": e["abstract"], "bio": e["bio"]}
        for name, read in fields.items():
            if not agrees(want[name], read(got)):
                disagreements.setdefault(name, []).append(e["page"])
        if e["time"] is not None:
            local = got["start"][11:16] if got["start"] else None
            if local != e["time"]:
                disagreements.setdefault("time", []).append(e["page"])
    assert disagreements == {}, f"{len(expected)} pages; disagreements: {disagreements}"


def test_no_duplicate_talks_and_no_stale_upcoming_ghosts(lm_export):
    _, talks = lm_export
    dates = [t["date"] for t in talks]
    assert len(dates) == len(set(dates))
    expected = {e["date"]: [s["name"] for s in e["speakers"]] for e in expected_pages()}
    for talk in talks:
        if talk["date"] in expected and expected[talk["date"]]:
            assert [s["name"] for s in talk["speakers"]] == expected[talk["date"]]


def test_start_times_are_local_stockholm_time_across_dst(lm_export):
    _, talks = lm_export
    by_date = {t["date"]: t for t in talks}
    assert by_date["2024-04-04"]["start"] == "2024-04-04T16:00:00+02:00"  # CEST
    assert by_date["2021-12-16"]["start"] == "2021-12-16T15:00:00+01:00"  # CET


def test_passcodes_never_reach_the_archive(lm_export):
    db, _ = lm_export
    conn = sqlite3.connect(db)
    assert "pwd=" not in "\n".join(conn.iterdump())
    bodies = [zlib.decompress(row[0]) for row in conn.execute("select body from page_bodies")]
    assert bodies and not any(b"pwd=" in body for body in bodies)  # raw pages kept for reextract too


def test_a_host_answering_busy_thirty_percent_of_the_time_ends_with_the_same_export(lm_export, tmp_path):
    from .faulty_host import FaultyHandler

    _, calm = lm_export
    db = tmp_path / "busy.db"
    with serve_directory(CORPUS / "lm-site", handler_class=FaultyHandler, requests=[], counts={},
                         busy_rate=0.3) as base:
        seeds = [f"{base}lm/2022.html", f"{base}lm/2024-04-04.html"]
        CrawlJob(db, series_for("learning-machines", seeds), seeds).run()
    out = tmp_path / "busy.json"
    with out.open("w") as fh:
        export_talks(db, "json", fh)

    def comparable(talks):
        return [{**{k: v for k, v in t.items() if k not in ("first_seen", "last_seen")},
                 "source_url": t["source_url"].split("/", 3)[3]} for t in talks]
    assert comparable(json.loads(out.read_text())) == comparable(calm)
