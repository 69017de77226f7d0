"""Finding every talk page, the ones no page links to included: address patterns and sitemaps.

Each fictional site (tests/sites/) links only some of its talk pages; the
others are named only in "Upcoming seminars" lists, by date and speaker. The
real crawl runs against the site served on 127.0.0.1 by a server that logs
every request; what it must find is written out by hand in
tests/data/discovery/.
"""
from __future__ import annotations

import importlib
import inspect
import json
import sqlite3
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.crawler import CrawlStats
from scraper.discovery import learn_patterns, pick, worth_retrying
from scraper.series import Series
from scraper.sitemaps import parse_sitemap
from seminar_archive.cli import main
from seminar_archive.demo.server import StaticHandler, serve_directory
from seminar_archive.pipeline import CrawlJob

DATA = Path(__file__).parent / "data" / "discovery"
# case -> (site module, its options, how its unlinked pages are found)
CASES = {
    "date in the address": ("unlinked_site", {}, "pattern"),
    "date in the address, complete sitemap": ("unlinked_site", {"sitemap_declared": True}, "sitemap"),
    "date and speaker in the address": ("speaker_site", {}, "pattern"),
    "title in the address, /sitemap.xml": ("sitemap_site", {}, "sitemap"),
    "title in the address, sitemap in robots.txt": ("sitemap_site", {"declared": True}, "sitemap"),
}


class LoggingHandler(StaticHandler):
    """The static host, noting each request's path and the status it was answered with."""

    answers: list[tuple[str, int]]
    lock = threading.Lock()

    def reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        with self.lock:
            self.answers.append((self.path, status))
        super().reply(status, body, headers)


@dataclass
class Site:
    name: str
    folder: Path
    base: str
    answers: list[tuple[str, int]]
    options: dict
    expected: dict

    def write(self, **more) -> None:
        module = importlib.import_module(f"tests.sites.{self.name}")
        takes_base = "base" in inspect.signature(module.write_site).parameters
        module.write_site(self.folder, **({"base": self.base} if takes_base else {}), **self.options, **more)

    def crawl(self, db: Path) -> CrawlStats:
        seeds = [self.base + path for path in self.expected["start"]]
        return CrawlJob(db, Series(self.name, "Europe/Stockholm", tuple(seeds), publish_noindex=True), seeds).run()

    def requested(self, since: int = 0) -> list[str]:
        return [path for path, _ in self.answers[since:]]


@pytest.fixture
def site(request, tmp_path):
    name, options, _ = CASES[request.param]
    answers: list[tuple[str, int]] = []
    with serve_directory(tmp_path / "site", handler_class=LoggingHandler, answers=answers) as base:
        served = Site(name, tmp_path / "site", base, answers, options,
                      json.loads((DATA / f"{name}.json").read_text(encoding="utf-8")))
        served.write()
        yield served


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("site", CASES, indirect=True)
def test_every_unlinked_page_whose_date_is_announced_is_found(site, tmp_path):
    db = tmp_path / "a.db"
    site.crawl(db)
    how = next(found_by for name, options, found_by in CASES.values() if (name, options) == (site.name, site.options))
    pages = {url.removeprefix(site.base): found_by for url, found_by in rows(db, "SELECT url, found_by FROM pages")}
    talks = {day: (source.removeprefix(site.base), title, names, found_by) for day, source, title, names, found_by
             in rows(db, "SELECT date, source_url, title, speaker_names, found_by FROM talks")}
    for path, talk in site.expected["unlinked_announced"].items():
        assert pages.get(path) == how, path
        assert talks[talk["date"]] == (path, talk["title"], talk["speaker"], how)
    assert all(pages[path] == "link" for path in site.expected["linked"])
    assert pages[site.expected["start"][0]] == "seed"


@pytest.mark.parametrize("site", CASES, indirect=True)
def test_extra_requests_are_at_most_the_announced_dates_without_a_page(site, tmp_path):
    stats = site.crawl(tmp_path / "a.db")
    missed = [path for path, status in site.answers if status == 404 and path != "/robots.txt"]
    sitemaps = [path for path in site.requested() if path.endswith(".xml")]
    assert len(missed) + len(sitemaps) <= len(site.expected["announced_without_page"])
    assert (stats.guessed_missing, stats.sitemaps_read) == (len(missed), len(sitemaps))
    cancelled = [path for path in site.requested() if any(day in path for day in site.expected["cancelled"])]
    assert cancelled == []


@pytest.mark.parametrize("site", CASES, indirect=True)
def test_no_request_leaves_the_crawl_scope(site, tmp_path):
    stats = site.crawl(tmp_path / "a.db")
    requested = site.requested()
    outside = [path for path in requested if path != "/robots.txt" and not path.endswith(".xml")
               and not path.lstrip("/").startswith(tuple(site.expected["scope"]))]
    assert outside == []
    assert len(requested) == len(set(requested)), "an address asked twice in one crawl"
    assert stats.errors == []
    if "sitemaps" in site.expected:  # the index and its sitemaps on this host, not the one elsewhere
        assert sorted(path for path in requested if path.startswith("/sitemaps/")) == \
            sorted("/" + path for path in site.expected["sitemaps"])
        assert not set(requested) & {"/" + path for path in site.expected["out_of_scope_listed"]}


@pytest.mark.parametrize("site", ["date in the address", "date and speaker in the address"], indirect=True)
def test_a_page_linked_and_announced_nowhere_is_not_guessed(site, tmp_path):
    site.crawl(tmp_path / "a.db")
    assert not set(site.requested()) & {"/" + path for path in site.expected["unlinked_unannounced"]}


@pytest.mark.parametrize("site", ["date in the address, complete sitemap"], indirect=True)
def test_a_complete_sitemap_is_trusted_and_finds_pages_no_one_announced(site, tmp_path):
    db = tmp_path / "a.db"
    stats = site.crawl(db)
    assert stats.guessed == 0 and rows(db, "SELECT count(*) FROM probes") == [(0,)]
    found = {url.removeprefix(site.base) for url, in rows(db, "SELECT url FROM pages WHERE found_by = 'sitemap'")}
    assert set(site.expected["unlinked_unannounced"]) <= found


@pytest.mark.parametrize("site", ["date in the address", "date and speaker in the address"], indirect=True)
def test_a_later_crawl_asks_a_missed_address_at_most_once(site, tmp_path):
    db = tmp_path / "a.db"
    site.crawl(db)
    missed = [url.removeprefix(site.base.rstrip("/")) for url, in rows(db, "SELECT url FROM probes WHERE status = 404")]
    assert len(missed) == len(site.expected["announced_without_page"]) - len(site.expected["cancelled"])
    before = len(site.answers)
    site.crawl(db)  # the talks are long past: their pages will not appear now
    assert not set(site.requested(before)) & set(missed)
    with sqlite3.connect(db) as conn:  # as if the first crawl had run before the talks took place
        conn.execute("UPDATE probes SET last_probed = '2025-01-01T00:00:00+00:00'")
    before = len(site.answers)
    site.crawl(db)
    again = site.requested(before)
    assert all(again.count(path) == 1 for path in missed)


@pytest.mark.parametrize("site", ["date in the address"], indirect=True)
def test_a_page_published_after_its_talk_was_announced_is_found_on_a_refresh(site, tmp_path):
    db = tmp_path / "a.db"
    site.crawl(db)
    assert rows(db, "SELECT source_url FROM talks WHERE date = '2025-03-06'") == [(site.base + "talks/2025-02-27.html",)]
    with sqlite3.connect(db) as conn:  # the first crawl ran a week before the talk; its page is up now
        conn.execute("UPDATE probes SET last_probed = '2025-02-27T09:00:00+00:00'")
    site.write(late=True)
    stats = site.crawl(db)
    assert rows(db, "SELECT source_url, title, found_by FROM talks WHERE date = '2025-03-06'") == [
        (site.base + "talks/2025-03-06.html", "Tide pools at night", "pattern")]
    assert stats.found_unlinked == 1 and stats.talks_updated >= 1


@pytest.mark.parametrize("site", ["date in the address"], indirect=True)
def test_the_crawl_summary_tells_what_was_found_and_guessed(site, tmp_path):
    result = CliRunner().invoke(main, ["crawl", site.base + site.expected["start"][0], "--db", str(tmp_path / "a.db"),
                                       "--series", "tidewater", "--publish-noindex", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "pages no page links to: 3 found; 5 addresses guessed from the series' address pattern " \
           "(2 not there yet), 0 sitemap files read" in result.output


@pytest.mark.parametrize("urls, template", [
    (["/lm/2024-04-04.html", "/lm/2024-04-11.html"], "/lm/{Y}-{m}-{d}.html"),
    (["/events/20240404-kreis.html", "/events/20240411-okoye.html"], "/events/{Y}{m}{d}-{surname}.html"),
    (["/2024/04/04/seminar/", "/2024/04/11/seminar/"], "/{Y}/{m}/{d}/seminar/"),
    (["/talks/karsten_kreis_2024_4_4/", "/talks/lin_okoye_2024_4_11/"], "/talks/{speaker_}_{Y}_{n}_{j}/"),
])
def test_the_address_pattern_is_learned_from_the_pages_found(urls, template):
    pages = [("http://h" + urls[0], date(2024, 4, 4), "Karsten Kreis"), ("http://h" + urls[1], date(2024, 4, 11), "Lin Okoye")]
    assert [p.template for p in learn_patterns(pages)] == ["http://h" + template]


def test_a_site_that_changed_its_addresses_is_guessed_with_the_pattern_of_its_time():
    old = [(f"http://h/seminar-05-{m:02d}-2019.html", date(2019, m, 5), "A B") for m in (2, 3)]
    new = [(f"http://h/talks/2024-{m}-9-c-d/", date(2024, m, 9), "C D") for m in (2, 3)]
    patterns = learn_patterns(old + new)
    assert pick(patterns, date(2019, 5, 2)).address(date(2019, 5, 2), ["E F"]) == "http://h/seminar-02-05-2019.html"
    assert pick(patterns, date(2024, 5, 2)).address(date(2024, 5, 2), ["Émile F. Ørsted"]) == \
        "http://h/talks/2024-5-2-emile-orsted/"
    assert pick(patterns, date(2024, 5, 2)).address(date(2024, 5, 2), []) is None  # no speaker, no address


def test_one_odd_address_makes_no_pattern():
    pages = [("http://h/s/2024-04-04.html", date(2024, 4, 4), None), ("http://h/s/2024-04-11.html", date(2024, 4, 11), None),
             ("http://h/misc/talk-2024-05-02-final.html", date(2024, 5, 2), None)]
    assert [p.template for p in learn_patterns(pages)] == ["http://h/s/{Y}-{m}-{d}.html"]


def test_a_missed_address_is_asked_again_only_while_the_page_may_yet_appear():
    talk = date(2025, 3, 6)
    assert worth_retrying(talk, date(2025, 2, 20)) and worth_retrying(talk, date(2025, 3, 15))
    assert not worth_retrying(talk, date(2025, 4, 1))


def test_sitemaps_are_read_as_xml_index_or_text_and_entities_stay_unresolved():
    index = parse_sitemap(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                          b"<sitemap><loc> http://h/s1.xml </loc></sitemap></sitemapindex>")
    assert (index.pages, index.sitemaps) == ([], ["http://h/s1.xml"])
    hostile = parse_sitemap(b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
                            b"<urlset><url><loc>&x;</loc></url><url><loc>http://h/a/</loc></url></urlset>")
    assert hostile.pages == ["http://h/a/"]
    assert parse_sitemap(b"http://h/a/\nnot an address\nhttp://h/b/\n").pages == ["http://h/a/", "http://h/b/"]
    assert parse_sitemap(b"<html><p>Not found</p>").pages == []
