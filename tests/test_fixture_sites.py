"""Each page type on a fictional site of its own, served on 127.0.0.1 and compared field by field.

The acceptance of the generic-extraction issue: with only a name, a URL and
a time zone in the config, at least 95% of the fields agree with the talks
written out by hand in tests/data/sites/; with the hints a user would give
(at most 10 lines of config), all of them.
"""
from __future__ import annotations

import importlib
from collections import Counter

import pytest

from archive.store import Archive
from seminar_archive.demo.server import serve_directory

from .sitecheck import DATA, agreement, crawl, expected, source

SITES = ["labelled_site", "listing_site", "events_site", "calendar_site", "feed_site"]


@pytest.fixture(scope="module", params=SITES)
def served(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(request.param)
    importlib.import_module(f"tests.sites.{request.param}").write_site(folder)
    with serve_directory(folder) as base:
        yield request.param, base


def test_each_site_has_at_least_15_talks_written_out_by_hand():
    for site in SITES:
        assert len(expected(site)) >= 15, site


def test_without_hints_at_least_95_percent_of_fields_agree(served, tmp_path):
    site, base = served
    talks, _ = crawl(source(site, base, hints=False), tmp_path / "a.db")
    report = agreement(talks, expected(site), base)
    assert report.share >= 0.95, str(report)


def test_with_the_hints_a_user_would_give_every_field_agrees(served, tmp_path):
    site, base = served
    config = (DATA / f"{site}.toml").read_text(encoding="utf-8")
    assert len([line for line in config.splitlines() if line.strip()]) <= 10
    talks, _ = crawl(source(site, base, hints=True), tmp_path / "a.db")
    report = agreement(talks, expected(site), base)
    assert report.share == 1.0, str(report)


def test_a_listing_reaches_talk_pages_beside_it_and_nothing_else(tmp_path):
    importlib.import_module("tests.sites.labelled_site").write_site(tmp_path)
    with serve_directory(tmp_path) as base:
        _, fetched = crawl(source("labelled_site", base, hints=False), tmp_path / "a.db")
    folders = Counter(url.removeprefix(base).split("/")[0] for url in fetched)
    assert folders == {"seminar-series": 1, "seminars": 16}


def test_one_talk_one_row_when_two_pages_describe_it(tmp_path):
    """The events index and each talk's page both describe every talk: the archive keeps one row each."""
    importlib.import_module("tests.sites.events_site").write_site(tmp_path / "site")
    with serve_directory(tmp_path / "site") as base:
        talks, _ = crawl(source("events_site", base, hints=False), tmp_path / "a.db")
    with Archive(tmp_path / "a.db") as archive:
        sources = archive.db.execute("SELECT COUNT(DISTINCT page_url) FROM talk_sources").fetchone()[0]
    assert len(talks) == 16 and sources == 17
    assert all(talk["source_url"] != base + "events/" for talk in talks)  # each talk's own page is its source
