"""Refreshing an archive: edits become revisions, removals are kept, crashes lose nothing."""
from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from archive.lock import writer_lock
from seminar_archive.cli import main
from seminar_archive.demo.server import StaticHandler, serve_directory
from seminar_archive.demo.site import write_site

from .conftest import FIXTURE_SERIES, crawl, plan_pages

EDITED = "quiet-machines-2023-09-07"  # a draft page whose title and abstract are filled in later


def talk_rows(db) -> dict[str, tuple]:
    with sqlite3.connect(db) as conn:
        return {row[0]: row[1:] for row in conn.execute("select id, title, abstract, gone_at from talks")}


def test_an_edit_between_two_crawls_is_kept_as_revisions_and_shown_by_history(tmp_path):
    folder, db = tmp_path / "site", tmp_path / "a.db"
    write_site(folder, drafts=True)
    with serve_directory(folder) as base:
        crawl(db, plan_pages(base))
        write_site(folder)
        crawl(db, plan_pages(base))
    with sqlite3.connect(db) as conn:
        revisions = conn.execute(
            "select field, old, new, page_url from talk_revisions where talk_id = ? order by field", [EDITED]).fetchall()
    assert [field for field, *_ in revisions] == ["abstract", "title"]
    assert all(old is None and new for _, old, new, _ in revisions)
    assert revisions[0][3].endswith("seminars/2023-09-07.html")
    shown = CliRunner().invoke(main, ["history", EDITED, "--db", str(db)])
    assert shown.exit_code == 0 and "title" in shown.output and "was: (empty)" in shown.output


def test_a_removed_page_keeps_its_talk_marked_gone(tmp_path):
    folder, db = tmp_path / "site", tmp_path / "a.db"
    write_site(folder)
    with serve_directory(folder) as base:
        crawl(db, plan_pages(base))
        (folder / "seminars" / "2023-09-07.html").unlink()
        crawl(db, plan_pages(base))
    title, abstract, gone_at = talk_rows(db)[EDITED]
    assert title and abstract and gone_at == time.strftime("%Y-%m-%d", time.gmtime())


def test_reextract_rebuilds_every_talk_from_stored_pages_without_network(tmp_path):
    folder, db = tmp_path / "site", tmp_path / "a.db"
    write_site(folder)
    with serve_directory(folder) as base:
        crawl(db, plan_pages(base))
    before = talk_rows(db)
    with sqlite3.connect(db) as conn:  # as if an older extractor had missed every abstract
        conn.execute("delete from talk_sources")
        conn.execute("update talks set abstract = null")
    result = CliRunner().invoke(main, ["reextract", "--db", str(db)])  # the site is down now
    assert result.exit_code == 0, result.output
    assert talk_rows(db) == before


def test_a_second_crawl_of_the_same_archive_is_refused_clearly(site, tmp_path):
    _, base = site
    db = tmp_path / "a.db"
    with writer_lock(db):
        result = CliRunner().invoke(main, ["crawl", *plan_pages(base), "--db", str(db), "-q"])
    assert result.exit_code == 1
    assert "already writing to" in result.output
    assert not db.exists()


class SlowHandler(StaticHandler):
    """A host that takes its time, so that a crawl can be killed in the middle."""

    def do_GET(self) -> None:
        time.sleep(0.05)
        super().do_GET()


def test_kill_9_at_random_points_never_loses_or_corrupts_and_the_next_run_completes(tmp_path):
    folder, db = tmp_path / "site", tmp_path / "a.db"
    write_site(folder)
    rng = random.Random(11)
    with serve_directory(folder, handler_class=SlowHandler) as base:
        command = [sys.executable, "-m", "seminar_archive.cli", "crawl", *plan_pages(base), "--db", str(db),
                   "--series", FIXTURE_SERIES, "--timezone", "Europe/Stockholm", "--publish-noindex", "-q"]
        archived: set[str] = set()
        for _ in range(10):
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.3, 1.5))
            process.send_signal(signal.SIGKILL)
            process.wait()
            if db.exists():
                with sqlite3.connect(db) as conn:
                    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
                now = set(talk_rows(db))
                assert archived <= now, "a talk archived before the kill is gone"
                archived = now
        finished = subprocess.run(command, capture_output=True, text=True)
    assert finished.returncode == 0, finished.stderr
    assert len(talk_rows(db)) == 22  # every talk of the fictional series
    with sqlite3.connect(db) as conn:
        statuses = [row[0] for row in conn.execute("select status from crawl_runs order by id")]
    assert statuses[-1] == "ok" and "running" not in statuses
