"""Benchmark: our full crawl against a plain Scrapy spider doing the same work.

Generates the synthetic series with ../shared/tools/synth_site.py (the
yardstick; bench/synthetic_site.py when ../shared is absent), serves it with
../shared/tools/serve_site.py (fault-free, no delay), and runs, alternating,
`seminar-archive crawl` and ../shared/tools/scrapy_peer.py, each into a fresh
database, several rounds each. Prints the medians of wall time, pages/s and
peak RSS, and the ratio ours/Scrapy.

    pip install -e '.[bench]' && python bench/crawl.py [--pages 3000 10000] [--rounds 3]
"""
from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import processes  # noqa: E402

TOOLS = ROOT.parent / "shared" / "tools"


def write_site(pages: int, out: Path) -> str:
    """The synthetic site; returns the start page's path."""
    if (TOOLS / "synth_site.py").exists():
        printed = subprocess.run([sys.executable, str(TOOLS / "synth_site.py"), str(pages), str(out)],
                                 check=True, capture_output=True, text=True).stdout
        return re.search(r"start at (\S+)", printed).group(1)
    sys.path.insert(0, str(ROOT))
    from bench.synthetic_site import write_series

    series = write_series(pages, out)
    return f"sem/{series[-1].stem[:4]}.html"


def serve(site: Path) -> tuple[subprocess.Popen, str]:
    if (TOOLS / "serve_site.py").exists():
        command = [sys.executable, str(TOOLS / "serve_site.py"), str(site)]
    else:
        command = [sys.executable, "-m", "seminar_archive.demo.server", str(site)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    return server, server.stdout.readline().strip()


def ours(start: str, db: Path) -> tuple[float, processes.Measured, int]:
    measured = processes.run([sys.executable, "-m", "seminar_archive.cli", "crawl", start, "--db", str(db),
                              "--series", "bench-seminar", "--publish-noindex", "-q"], cwd=ROOT)
    pages = int(re.search(r"(\d+) pages visited", measured.output).group(1))
    return measured.wall, measured, pages


def scrapy(start: str, db: Path) -> tuple[float, processes.Measured, int]:
    measured = processes.run([sys.executable, str(TOOLS / "scrapy_peer.py"), start, str(db)], cwd=ROOT)
    pages = int(re.search(r"(\d+) responses", measured.output).group(1))
    return measured.wall, measured, pages


def measure(pages: int, rounds: int) -> dict[str, list[tuple[float, processes.Measured, int]]]:
    results: dict[str, list] = {"ours": [], "scrapy": []}
    with tempfile.TemporaryDirectory(prefix="bench-crawl-") as work:
        work = Path(work)
        start_path = write_site(pages, work / "site")
        server, base = serve(work / "site")
        try:
            for number in range(rounds):
                for name, run in (("ours", ours), ("scrapy", scrapy)):
                    db = work / f"{name}-{number}.db"
                    results[name].append(run(base + start_path, db))
                print(f"{pages} pages: round {number + 1}/{rounds} done", file=sys.stderr)
        finally:
            server.terminate()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[3000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for pages in args.pages:
        results = measure(pages, args.rounds)
        speed = {}
        for name, runs in results.items():
            wall = statistics.median(r[0] for r in runs)
            speed[name] = statistics.median(r[2] / r[0] for r in runs)
            rss = statistics.median(r[1].rss for r in runs)
            parts = min(runs, key=lambda r: abs(r[1].rss - rss))[1].rss_parts
            print(f"{pages:>7} pages  {name:6}  wall {wall:6.1f} s  {speed[name]:6.1f} pages/s  "
                  f"peak RSS {rss} MiB ({parts}: each process)")
        print(f"{pages:>7} pages  ours/Scrapy pages/s: {speed['ours'] / speed['scrapy']:.2f}x")


if __name__ == "__main__":
    main()
