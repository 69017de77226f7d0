"""Shared fixtures: the fictional series site served on 127.0.0.1, and crawls of it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.series import Series
from seminar_archive.demo.server import serve_directory
from seminar_archive.demo.site import write_site
from seminar_archive.pipeline import CrawlJob

DATA = Path(__file__).parent / "data"
FIXTURE_SERIES = "quiet-machines"


@pytest.fixture
def site(tmp_path):
    """The fictional site written to a folder and served; yields (folder, base URL)."""
    folder = tmp_path / "site"
    write_site(folder)
    with serve_directory(folder) as base_url:
        yield folder, base_url


def plan_pages(base_url: str) -> list[str]:
    return [f"{base_url}seminars/2023.html", f"{base_url}seminars/2024.html"]


def crawl(db: Path, seeds: list[str]):
    series = Series(FIXTURE_SERIES, "Europe/Stockholm", tuple(seeds), publish_noindex=True)
    return CrawlJob(db, series, seeds).run()


def expected_talks() -> list[dict]:
    return [json.loads(line) for line in (DATA / "fixture_expected.jsonl").read_text().splitlines() if line]
