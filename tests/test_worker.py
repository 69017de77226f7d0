"""Pages read in a second process: same archive, and no process or lock left behind."""
from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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


def job(db: Path, base: str, read_in_worker: bool) -> CrawlJob:
    seeds = plan_pages(base)
    series = Series(FIXTURE_SERIES, "Europe/Stockholm", tuple(seeds), publish_noindex=True)
    return CrawlJob(db, series, seeds, read_in_worker=read_in_worker)


def talks(db: Path) -> list[dict]:
    return [{k: v for k, v in talk.items() if k not in TIMESTAMPS} for talk in exported(db)]


def test_pages_read_in_a_worker_process_give_the_same_archive(site, tmp_path):
    _, base = site
    with_worker = job(tmp_path / "worker.db", base, read_in_worker=True)
    with_worker.run()
    job(tmp_path / "here.db", base, read_in_worker=False).run()
    assert with_worker.worker is not None and with_worker.worker.process.returncode == 0
    assert len(talks(tmp_path / "worker.db")) == 22
    assert talks(tmp_path / "worker.db") == talks(tmp_path / "here.db")


def test_a_worker_killed_mid_crawl_leaves_its_pages_to_the_crawl(tmp_path):
    write_site(tmp_path / "site")

    async def crawl_and_kill_the_worker(crawl: CrawlJob):
        running = asyncio.create_task(crawl.run_async())
        while getattr(crawl, "worker", None) is None or not crawl.worker.running:
            await asyncio.sleep(0.01)
        os.kill(crawl.worker.process.pid, signal.SIGKILL)
        return await running

    with serve_directory(tmp_path / "site", handler_class=SlowHandler) as base:
        crawl = job(tmp_path / "a.db", base, read_in_worker=True)
        stats = asyncio.run(crawl_and_kill_the_worker(crawl))
    assert stats.failed == 0 and not [e for e in stats.errors if "could not process" in e]
    assert len(talks(tmp_path / "a.db")) == 22


CRAWL_IN_A_PROCESS = """
import sys
from pathlib import Path
sys.path[:0] = [sys.argv[1]]
from tests.test_worker import job
job(Path(sys.argv[2]), sys.argv[3], read_in_worker=True).run()
"""


def children_of(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def alive(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"


def test_kill_9_of_a_crawl_ends_its_worker_and_the_next_crawl_may_write(tmp_path):
    write_site(tmp_path / "site")
    root = str(Path(__file__).resolve().parents[1])
    with serve_directory(tmp_path / "site", handler_class=SlowHandler) as base:
        crawl = subprocess.Popen([sys.executable, "-c", CRAWL_IN_A_PROCESS, root, str(tmp_path / "a.db"), base])
        deadline = time.monotonic() + 30
        while not children_of(crawl.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        workers = children_of(crawl.pid)
        assert workers, "the crawl never started its worker"
        crawl.send_signal(signal.SIGKILL)
        crawl.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in workers), "the worker outlived its crawl"
        job(tmp_path / "a.db", base, read_in_worker=True).run()  # not refused: the lock went with the crawl
    assert len(talks(tmp_path / "a.db")) == 22
    with sqlite3.connect(tmp_path / "a.db") as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
