"""The `seminar-archive` command: a thin click layer over scraper/, archive/ and the crawl job."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from scraper.fetch import FetchSettings
from scraper.series import BUILTIN, series_for

DB_OPTION = click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
                         default="archive.db", show_default=True, help="SQLite archive file.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="seminar-archive")
def main():
    """Crawl the web pages of research seminar series into a searchable SQLite
    archive of talks, and publish it with Datasette.

    \b
    Typical use:
      seminar-archive crawl --series learning-machines --db lm.db
      seminar-archive search "diffusion" --db lm.db
      seminar-archive serve --db lm.db
      seminar-archive export --db lm.db --format csv --output talks.csv
    """


@main.command()
@click.argument("urls", nargs=-1)
@DB_OPTION
@click.option("--series", "series_name", metavar="NAME",
              help=f"Name of the series (built in: {', '.join(BUILTIN)}). Default: derived from the site.")
@click.option("--timezone", metavar="ZONE", help="IANA time zone of the series' times, e.g. Europe/Stockholm.")
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 32),
              help="Parallel requests per host.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for a server before retrying.")
@click.option("--quiet", "-q", is_flag=True, help="No progress line, only the summary.")
def crawl(urls, db_path, series_name, timezone, concurrency, timeout, quiet):
    """Crawl seminar pages starting from URLS into the archive.

    Follows links that stay on the same host and under each start page's
    folder, fetching at most --concurrency pages at a time per host. Every
    page is stored in its own transaction; crawling again updates talks in
    place (ids are stable). With --series learning-machines and no URL, the
    series' yearly plan pages on the web are the start pages.
    """
    from .pipeline import CrawlFailed, CrawlJob
    from .progress import CrawlProgress, summary

    if not urls and series_name not in BUILTIN:
        raise click.UsageError("give at least one start URL, or --series with a built-in series "
                               f"({', '.join(BUILTIN)})")
    series = series_for(series_name, list(urls), timezone)
    _check_timezone(series.timezone)
    progress = CrawlProgress(enabled=not quiet)
    job = CrawlJob(db_path, series, list(series.start_urls), per_host=concurrency,
                   settings=FetchSettings(timeout=timeout), on_progress=progress)
    try:
        stats = job.run()
    except CrawlFailed as exc:
        progress.close()
        raise click.ClickException(f"crawl failed, archive unchanged: {exc}")
    except KeyboardInterrupt:
        progress.close()
        click.echo("interrupted: pages stored so far are kept", err=True)
        sys.exit(130)
    progress.close()
    click.echo(summary(stats), err=True)


def _check_timezone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise click.BadParameter(f"unknown time zone {name!r} (use an IANA name such as Europe/Stockholm)",
                                 param_hint="--timezone")


def _existing_db(db_path: Path) -> Path:
    if not db_path.exists():
        raise click.ClickException(f"no archive at {db_path}: run `seminar-archive crawl` first")
    return db_path


@main.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv"]), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def export(db_path, fmt, output):
    """Export every talk as JSON, JSON lines or CSV (the format is documented in the README)."""
    from archive.export import export_talks

    _existing_db(db_path)
    if output is None:
        export_talks(db_path, fmt, sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as out:
        export_talks(db_path, fmt, out)
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.argument("query")
@DB_OPTION
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
def search(query, db_path, limit):
    """Full-text search over titles, abstracts, speakers and bios, best match first."""
    from archive.search import search_talks

    rows = search_talks(_existing_db(db_path), query, limit=limit)
    if not rows:
        click.echo(f"no talk matches {query!r}", err=True)
        sys.exit(1)
    for row in rows:
        click.echo(f"{row['date']}  {row['title'] or '(untitled)'}  —  {row['speaker_names'] or 'unknown speaker'}")
        click.echo(f"    {row['snippet']}  [{row['id']}]")


@main.command()
@DB_OPTION
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--host", default="127.0.0.1", show_default=True)
def serve(db_path, port, host):
    """Browse and search the archive in Datasette (with the project's metadata.json)."""
    from archive.publish import serve as serve_archive

    serve_archive(_existing_db(db_path), port=port, host=host)


@main.command()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default="demo.db",
              show_default=True, help="Where to write the demo archive (replaced if it exists).")
def demo(port, db_path):
    """Crawl a fictional seminar site served on 127.0.0.1 and open it in Datasette (no network needed)."""
    from .demo.run import run_demo

    run_demo(db_path, port)


if __name__ == "__main__":
    main()
