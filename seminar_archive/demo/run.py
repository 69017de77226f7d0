"""`seminar-archive demo`: the whole pipeline offline, on a fictional series.

Writes the fictional site, serves it on 127.0.0.1, crawls it into a fresh
archive and opens that archive in Datasette.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import click

from archive.publish import serve
from scraper.series import Series

from ..pipeline import CrawlJob
from ..progress import CrawlProgress, summary
from .server import serve_directory
from .site import write_site

DEMO_SERIES = Series(name="demo-seminar", timezone="Europe/Stockholm", publish_noindex=True)


def build_demo_archive(db_path: Path, site_dir: Path, *, progress: bool = True) -> None:
    """Write and serve the fictional site, and crawl it into a fresh archive at db_path."""
    write_site(site_dir)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    with serve_directory(site_dir) as base_url:
        seeds = [f"{base_url}seminars/2023.html", f"{base_url}seminars/2024.html"]
        meter = CrawlProgress(enabled=progress)
        series = Series(DEMO_SERIES.name, DEMO_SERIES.timezone, tuple(seeds), base_url, True)
        stats = CrawlJob(db_path, series, seeds, on_progress=meter).run()
        meter.close()
    click.echo(summary(stats), err=True)


def run_demo(db_path: Path, port: int) -> None:
    with tempfile.TemporaryDirectory(prefix="seminar-demo-") as tmp:
        build_demo_archive(db_path, Path(tmp))
    click.echo(f"demo archive written to {db_path}; open http://127.0.0.1:{port}/ (Ctrl-C to stop)", err=True)
    serve(db_path, port=port, host="127.0.0.1")
