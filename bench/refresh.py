"""Benchmark: a full crawl, a refresh with no change, and a refresh after 1% of pages were edited.

Generates a synthetic series (default 10,000 announcement pages plus a plan
page a year), serves it on loopback, and runs `seminar-archive crawl` three
ways per round; prints wall time, pages/s, bodies downloaded, rows written
and the crawl's peak RSS for each, as the median of the rounds.

    python bench/refresh.py [--pages 10000] [--rounds 3] [--edit-share 0.01] [--full-only]
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import processes  # noqa: E402
from bench.synthetic_site import edit_titles, write_series  # noqa: E402
from seminar_archive.demo.server import StaticHandler, serve_directory  # noqa: E402


class CountingHandler(StaticHandler):
    """Counts the answers that carried a body (200) and those that did not (304)."""

    counts: dict[str, int]
    lock = threading.Lock()

    def reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        with self.lock:
            self.counts[str(status)] = self.counts.get(str(status), 0) + 1
        super().reply(status, body, headers)


def run_crawl(db: Path, start: str) -> processes.Measured:
    """One `seminar-archive crawl` as a user runs it: wall time and peak RSS of it and its children."""
    command = [sys.executable, "-m", "seminar_archive.cli", "crawl", start, "--db", str(db),
               "--series", "bench-seminar", "--timezone", "Europe/Stockholm", "-q"]
    return processes.run(command)


def last_run(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        run = dict(conn.execute("select * from crawl_runs order by id desc limit 1").fetchone())
        run["revisions"] = conn.execute("select count(*) from talk_revisions").fetchone()[0]
    return run


def one_round(pages: int, share: float, work: Path, full_only: bool = False) -> dict[str, dict]:
    site, db = work / "site", work / "bench.db"
    series = write_series(pages, site)
    counts: dict[str, int] = {}
    results = {}
    with serve_directory(site, handler_class=CountingHandler, counts=counts) as base:
        start = f"{base}sem/{series[-1].stem[:4]}.html"
        phases = ("full crawl", "no-change refresh", f"refresh, {share:.0%} edited")
        for phase in phases[:1] if full_only else phases:
            if phase.startswith("refresh,"):
                edited = len(edit_titles(series, share))
            counts.clear()
            revisions_before = last_run(db)["revisions"] if db.exists() else 0
            measured = run_crawl(db, start)
            run = last_run(db)
            results[phase] = {
                "wall s": measured.wall, "pages/s": (counts.get("200", 0) + counts.get("304", 0)) / measured.wall,
                "bodies": counts.get("200", 0), "rows written": run["rows_written"],
                "revisions": run["revisions"] - revisions_before, "peak RSS MiB": measured.rss,
                "of which crawl": measured.own_rss, "children": measured.rss - measured.own_rss,
            }
        if not full_only:
            results["edited pages"] = {"count": edited}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--edit-share", type=float, default=0.01)
    parser.add_argument("--full-only", action="store_true", help="only the full crawl (e.g. to compare peak RSS)")
    args = parser.parse_args()
    rounds = []
    for number in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="bench-refresh-") as work:
            rounds.append(one_round(args.pages, args.edit_share, Path(work), args.full_only))
        print(f"round {number + 1}/{args.rounds} done", file=sys.stderr)
    print(f"{args.pages} announcement pages, median of {args.rounds} rounds")
    for phase in rounds[0]:
        figures = {key: statistics.median(r[phase][key] for r in rounds) for key in rounds[0][phase]}
        print(f"  {phase:22} " + ", ".join(f"{key} {value:,.1f}" if isinstance(value, float) else f"{key} {value:,}"
                                           for key, value in figures.items()))
    if not args.full_only:
        full = statistics.median(r["full crawl"]["wall s"] for r in rounds)
        unchanged = statistics.median(r["no-change refresh"]["wall s"] for r in rounds)
        print(f"  no-change refresh / full crawl wall time: {unchanged / full:.1%}")


if __name__ == "__main__":
    main()
