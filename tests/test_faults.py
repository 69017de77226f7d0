"""The crawler against a host that misbehaves: every fault costs at most its own page."""
from __future__ import annotations

import io
import json
import sqlite3

import pytest

from archive.export import export_talks
from scraper.fetch import FetchSettings
from scraper.series import Series
from seminar_archive.demo.server import serve_directory
from seminar_archive.pipeline import CrawlJob

from .faulty_host import GZIPPED, LATIN1, TALKS, FaultyHandler, write_site

FAST = FetchSettings(timeout=0.5, backoff=0.01, max_retry_after=1.0)


@pytest.fixture
def faulty(tmp_path):
    root = tmp_path / "site"
    write_site(root)
    requests: list[str] = []
    with serve_directory(root, handler_class=FaultyHandler, requests=requests, counts={}) as base:
        yield base, requests


def crawl(db, base, settings=FAST):
    series = Series("fault-seminar", "Europe/Stockholm", (f"{base}talks/index.html",))
    return CrawlJob(db, series, list(series.start_urls), settings=settings).run()


def titles(db) -> dict[str, str]:
    out = io.StringIO()
    export_talks(db, "json", out)
    return {t["date"]: t["title"] for t in json.loads(out.getvalue())}


def test_each_fault_costs_only_its_own_page(faulty, tmp_path):
    base, requests = faulty
    db = tmp_path / "a.db"
    stats = crawl(db, base)
    found = titles(db)
    for date, title, _ in TALKS.values():
        assert found[date] == title
    assert found["2025-03-13"] == "Patience as a policy"            # 429 + Retry-After, then served
    assert found["2025-03-20"] == "Broken pipes and whole talks"    # connection dropped mid-body, retried
    assert found[LATIN1[0]] == LATIN1[1]                            # latin-1 without a charset header
    assert found[GZIPPED[0]] == GZIPPED[1]                          # gzip
    errors = "\n".join(stats.errors)
    assert "stall.html: ReadTimeout" in errors
    assert "loop-a.html: redirect loop" in errors
    assert "out.html: redirected out of scope" in errors
    assert "huge.html: body larger than" in errors and "huge-chunked.html: body larger than" in errors
    assert "notes: skipped: not a page or feed (application/pdf)" in errors
    assert "private/secret.html: disallowed by robots.txt" in errors
    assert not any("/private/" in path for path in requests)
    assert sqlite3.connect(db).execute("pragma integrity_check").fetchone()[0] == "ok"


def test_thirty_percent_busy_answers_end_with_the_same_archive(tmp_path):
    root = tmp_path / "site"
    write_site(root)
    exports = []
    for busy in (0.0, 0.3):
        db = tmp_path / f"busy-{busy}.db"
        with serve_directory(root, handler_class=FaultyHandler, requests=[], counts={}, busy_rate=busy) as base:
            crawl(db, base)
        exports.append(titles(db))
    assert exports[0] == exports[1] and len(exports[0]) >= len(TALKS)


def test_refresh_of_an_unchanged_site_downloads_no_body_and_writes_only_its_run(faulty, tmp_path):
    base, requests = faulty
    db = tmp_path / "a.db"
    crawl(db, base)
    before = list(sqlite3.connect(db).iterdump())
    stats = crawl(db, base)
    after = list(sqlite3.connect(db).iterdump())
    assert stats.archived == 0 and stats.unchanged >= len(TALKS)
    changed = [line for line in set(after) ^ set(before) if "crawl_runs" not in line]
    assert changed == []
