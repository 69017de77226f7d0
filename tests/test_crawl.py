"""Crawling the fictional series from its plan pages, through a real server on 127.0.0.1."""
from __future__ import annotations

import io
import json
import sqlite3

from click.testing import CliRunner

from archive.export import export_talks
from seminar_archive.cli import main
from seminar_archive.demo.site import write_site

from .conftest import crawl, expected_talks, plan_pages


def exported(db) -> list[dict]:
    out = io.StringIO()
    export_talks(db, "json", out)
    return json.loads(out.getvalue())


def snapshot(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_crawl_finds_every_talk_with_the_right_fields(site, tmp_path):
    _, base = site
    db = tmp_path / "a.db"
    stats = crawl(db, plan_pages(base))
    talks = {t["date"]: t for t in exported(db)}
    # A talk pieced together from several pages of the first crawl is new, not also "updated".
    assert (stats.talks_new, stats.talks_updated) == (len(talks), 0)
    for want in expected_talks():
        got = talks.pop(want["date"])
        meeting = next((link["url"] for link in got["links"] if link["kind"] == "meeting"), None)
        assert (got["title"], got["abstract"], got["bio"], got["location"], got["status"], meeting) == (
            want["title"], want["abstract"], want["bio"], want["location"], want["status"], want["meeting_url"]
        ), want["date"]
        assert got["speakers"] == want["speakers"], want["date"]
        assert (got["start"][11:16] if got["start"] else None) == want["time"], want["date"]
        if want["source"]:
            assert got["source_url"] == base + want["source"]
    assert talks == {}, "talks that should not exist (placeholders, stale entries)"


def row_counts(db) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")]
        return {table: conn.execute(f'select count(*) from "{table}"').fetchone()[0] for table in tables}


def test_second_crawl_keeps_ids_and_adds_no_rows(site, tmp_path):
    _, base = site
    db = tmp_path / "a.db"
    crawl(db, plan_pages(base))
    first = [(t["id"], t["title"]) for t in exported(db)]
    before = row_counts(db)
    stats = crawl(db, plan_pages(base))
    assert [(t["id"], t["title"]) for t in exported(db)] == first
    after = row_counts(db)
    assert after.pop("crawl_runs") == before.pop("crawl_runs") + 1
    assert after == before  # "seminars/2024" and "seminars/2024.html" stay one page
    assert (stats.talks_new, stats.talks_updated) == (0, 0)


def test_page_edited_between_crawls_updates_the_talk(tmp_path):
    from seminar_archive.demo.server import serve_directory

    folder, db = tmp_path / "site", tmp_path / "a.db"
    write_site(folder, drafts=True)
    with serve_directory(folder) as base:
        crawl(db, plan_pages(base))
        before = {t["date"]: t for t in exported(db)}
        write_site(folder)
        stats = crawl(db, plan_pages(base))
    after = {t["date"]: t for t in exported(db)}
    assert before["2023-09-07"]["title"] is None and after["2023-09-07"]["title"]
    assert after["2023-09-07"]["id"] == before["2023-09-07"]["id"]
    assert stats.talks_updated >= 3 and stats.talks_new == 0


def test_crawl_with_server_down_fails_cleanly_and_keeps_the_archive(site, tmp_path):
    _, base = site
    db = tmp_path / "a.db"
    crawl(db, plan_pages(base))
    before = snapshot(db)
    dead = "http://127.0.0.1:9/seminars/2023.html"  # discard port: nothing listens
    result = CliRunner().invoke(main, ["crawl", dead, "--db", str(db), "--quiet", "--timeout", "2"])
    assert result.exit_code != 0
    assert "crawl failed, archive unchanged" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(db) == before
    assert sqlite3.connect(db).execute("pragma integrity_check").fetchone()[0] == "ok"


def test_crawl_stays_in_scope(site, tmp_path):
    _, base = site
    db = tmp_path / "a.db"
    crawl(db, plan_pages(base))
    urls = [row[0] for row in sqlite3.connect(db).execute("select url from pages")]
    assert urls and all(url.startswith(base + "seminars/") for url in urls)


def test_cli_crawl_search_and_export(site, tmp_path):
    _, base = site
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    result = runner.invoke(main, ["crawl", *plan_pages(base), "--db", db, "--series", "quiet-machines",
                                  "--timezone", "Europe/Stockholm", "--quiet", "--publish-noindex"])
    assert result.exit_code == 0, result.output
    assert "19 archived, 0 unchanged, 4 not found, 0 errors" in result.output  # 17 talk pages + 2 plans
    found = runner.invoke(main, ["search", "glaciers", "--db", db])
    assert found.exit_code == 0 and "Listening to glaciers" in found.output.splitlines()[0]
    csv_out = tmp_path / "talks.csv"
    assert runner.invoke(main, ["export", "--db", db, "--format", "csv", "-o", str(csv_out)]).exit_code == 0
    assert "Maja Kettunen; Orrin Baptiste; Lise Dahlgård" in csv_out.read_text()


def test_cli_rejects_bad_input_with_clear_messages(tmp_path):
    runner = CliRunner()
    assert "at least one start URL" in runner.invoke(main, ["crawl", "--db", str(tmp_path / "x.db")]).output
    bad_zone = runner.invoke(main, ["crawl", "http://127.0.0.1:9/", "--timezone", "Mars/Olympus"])
    assert bad_zone.exit_code == 2 and "unknown time zone" in bad_zone.output
    not_a_url = runner.invoke(main, ["crawl", "not-a-url", "--db", str(tmp_path / "x.db")])
    assert not_a_url.exit_code == 2 and "'not-a-url' is not an http(s) address" in not_a_url.output
    missing = runner.invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no archive at" in missing.output
    assert not (tmp_path / "none.db").exists()


def test_pages_that_ask_not_to_be_indexed_are_left_out_unless_the_series_opts_in(site, tmp_path):
    _, base = site
    db = str(tmp_path / "a.db")
    result = CliRunner().invoke(main, ["crawl", *plan_pages(base), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 pages ask robots not to index or follow them" in result.output
    assert "talks: 0 new" in result.output
    assert sqlite3.connect(db).execute("select count(*) from talks").fetchone()[0] == 0
