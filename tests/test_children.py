"""Pages read and written in child processes: the same archive, and no process or lock left behind."""
from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.series import Series
from seminar_archive.demo.server import StaticHandler, serve_directory
from seminar_archive.demo.site import write_site
from seminar_archive.pipeline import CrawlJob

from .conftest import FIXTURE_SERIES, plan_pages
from .test_crawl import exported

TIMESTAMPS = ("first_seen", "last_seen")


class SlowHandler(StaticHandler):
    """A host that takes its time, so that a crawl is still running when it is interfered with."""

    def do_GET(self) -> None:
        time.sleep(0.05)
        super().do_GET()


def job(db: Path, base: str, in_children: bool) -> CrawlJob:
    seeds = plan_pages(base)
    series = Series(FIXTURE_SERIES, "Europe/Stockholm", tuple(seeds), publish_noindex=True)
    return CrawlJob(db, series, seeds, in_children=in_children)


def talks(db: Path) -> list[dict]:
    return [{k: v for k, v in talk.items() if k not in TIMESTAMPS} for talk in exported(db)]


def rows_written_and_kept(db: Path) -> tuple[int, int]:
    """The last run's rows_written, and how many rows the archive's main tables hold."""
    with sqlite3.connect(db) as conn:
        written = conn.execute("SELECT rows_written FROM crawl_runs ORDER BY id DESC").fetchone()[0]
        kept = sum(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                   for table in ("pages", "talks", "talk_sources", "talk_speakers", "speakers"))
    return written, kept


def test_pages_read_and_written_in_child_processes_give_the_same_archive(site, tmp_path):
    _, base = site
    in_children = job(tmp_path / "children.db", base, in_children=True)
    in_children.run()
    job(tmp_path / "here.db", base, in_children=False).run()
    for child in (in_children.reader, in_children.writer):
        assert child.process is not None and child.process.returncode == 0
    assert len(talks(tmp_path / "children.db")) == 22
    assert talks(tmp_path / "children.db") == talks(tmp_path / "here.db")
    # the run's row counts what the writer process wrote too: every row kept was written once at least
    written, kept = rows_written_and_kept(tmp_path / "children.db")
    assert written >= kept > 100


@pytest.mark.parametrize("child", ["reader", "writer"])
def test_a_child_killed_mid_crawl_leaves_its_work_to_the_crawl(tmp_path, child):
    write_site(tmp_path / "site")

    async def crawl_and_kill_a_child(crawl: CrawlJob):
        running = asyncio.create_task(crawl.run_async())
        while getattr(getattr(crawl, child, None), "running", False) is False:
            await asyncio.sleep(0.01)
        os.kill(getattr(crawl, child).process.pid, signal.SIGKILL)
        return await running

    with serve_directory(tmp_path / "site", handler_class=SlowHandler) as base:
        crawl = job(tmp_path / "a.db", base, in_children=True)
        stats = asyncio.run(crawl_and_kill_a_child(crawl))
    assert stats.failed == 0 and not [e for e in stats.errors if "could not process" in e]
    assert len(talks(tmp_path / "a.db")) == 22
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


CRAWL_IN_A_PROCESS = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[1]]
from tests.test_children import job
job(Path(sys.argv[2]), sys.argv[3], in_children=True).run()
"""


def children_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def test_kill_9_of_a_crawl_ends_its_children_and_the_next_crawl_may_write(tmp_path):
    write_site(tmp_path / "site")
    root = str(Path(__file__).resolve().parents[1])
    with serve_directory(tmp_path / "site", handler_class=SlowHandler) as base:
        crawl = subprocess.Popen([sys.executable, "-c", CRAWL_IN_A_PROCESS, root, str(tmp_path / "a.db"), base])
        deadline = time.monotonic() + 30
        while len(children_of(crawl.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        workers = children_of(crawl.pid)
        assert len(workers) == 2, "the crawl never started its reader and writer"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in workers), "a child outlived its crawl"
        job(tmp_path / "a.db", base, in_children=True).run()  # not refused: the lock went with the crawl
    assert len(talks(tmp_path / "a.db")) == 22
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_ctrl_c_ends_the_crawl_and_its_children_with_the_run_marked_interrupted(tmp_path):
    write_site(tmp_path / "site")
    db = tmp_path / "a.db"
    with serve_directory(tmp_path / "site", handler_class=SlowHandler) as base:
        crawl = subprocess.Popen([sys.executable, "-m", "seminar_archive.cli", "crawl", "--db", str(db), "-q",
                                  "--series", FIXTURE_SERIES, *plan_pages(base)],
                                 cwd=Path(__file__).resolve().parents[1], start_new_session=True,
                                 stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while len(children_of(crawl.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        children = children_of(crawl.pid)
        assert len(children) == 2, "the crawl never started its reader and writer"
        os.killpg(crawl.pid, signal.SIGINT)  # what Ctrl-C in a terminal sends: the whole process group
        _, err = crawl.communicate(timeout=30)
    assert crawl.returncode == 130 and "interrupted" in err
    assert not any(alive(pid) for pid in children)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("interrupted",)]
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
