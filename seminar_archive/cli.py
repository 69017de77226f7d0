"""The `seminar-archive` command: a thin click layer over scraper/, archive/ and the crawl job."""
from __future__ import annotations

import dataclasses
import re
import shlex
import sys
import time
from pathlib import Path

import click

from scraper.fetch import FetchSettings
from scraper.series import BUILTIN, series_for
from scraper.urls import normalise

KEEP_MEETING_LINKS = click.option(
    "--keep-meeting-links", is_flag=True,
    help="Publish the talks' meeting links (Zoom etc.; passcodes are removed regardless).")
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
              help=f"Name of the series (built in: {', '.join(BUILTIN)}; or one of --config). "
                   "Default: derived from the site.")
@click.option("--config", "config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A sources.toml listing the series to crawl (all of them, or --series NAME).")
@click.option("--timezone", metavar="ZONE", help="IANA time zone of the series' times, e.g. Europe/Stockholm.")
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 32),
              help="Parallel requests per host.")
@click.option("--delay", default=0.0, show_default=True, type=click.FloatRange(0, 3600),
              help="Seconds between two requests to the same host.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for a server before retrying.")
@click.option("--every", "period", metavar="DURATION", callback=lambda ctx, param, value: _duration(value),
              help="Keep running and refresh on this period (e.g. 30m, 6h, 1d).")
@click.option("--publish-noindex", is_flag=True,
              help="Archive pages whose <meta name=robots> says noindex/nofollow (only where the series' "
                   "organisers agree; a built-in series' config says so itself).")
@click.option("--quiet", "-q", is_flag=True, help="No progress line, only the summary.")
def crawl(urls, db_path, series_name, config, timezone, concurrency, delay, timeout, period, publish_noindex, quiet):
    """Crawl seminar pages starting from URLS into the archive, or refresh it.

    Follows links that stay on the same host and under each start page's
    folder, fetching at most --concurrency pages at a time per host and
    obeying robots.txt. Every page is stored in its own transaction.
    Crawling again is a cheap refresh: pages already archived are asked for
    with their ETag/Last-Modified, unchanged ones cost no download, and
    changed talks keep their id and a history of what changed (see
    `history`). Only one crawl writes to an archive at a time.

    With --config sources.toml, every series of the file is crawled in
    turn (or only --series NAME). With --series learning-machines and no URL,
    the series' yearly plan pages on the web are the start pages.
    """
    chosen = _series_to_crawl(urls, series_name, config, timezone)
    if publish_noindex:
        chosen = [dataclasses.replace(series, publish_noindex=True) for series in chosen]
    settings = FetchSettings(timeout=timeout, delay=delay)
    while True:
        for series in chosen:
            _crawl_once(db_path, series, concurrency, settings, quiet, keep_going=period is not None or len(chosen) > 1)
        if period is None:
            return
        click.echo(f"next refresh in {period:g} s (Ctrl-C to stop)", err=True)
        try:
            time.sleep(period)
        except KeyboardInterrupt:
            sys.exit(130)


def _series_to_crawl(urls, series_name, config, timezone) -> list:
    """The series a `crawl` command names: from --config, a built-in name, or start URLs."""
    if config is not None:
        if urls:
            raise click.UsageError("give start URLs or --config, not both")
        listed = _load_config(config)
        if series_name:
            listed = [s for s in listed if s.name == series_name]
            if not listed:
                raise click.UsageError(f"no series named {series_name!r} in {config}")
        return listed
    if not urls and series_name not in BUILTIN:
        raise click.UsageError("give at least one start URL, --config sources.toml, or --series with a "
                               f"built-in series ({', '.join(BUILTIN)})")
    for url in urls:
        if normalise(url) is None:
            raise click.BadParameter(f"{url!r} is not an http(s) address", param_hint="URLS")
    series = series_for(series_name, list(urls), timezone)
    _check_timezone(series.timezone)
    return [series]


def _load_config(path: Path) -> list:
    from scraper.sources import SourcesError, load_sources

    try:
        return load_sources(path)
    except SourcesError as exc:
        raise click.ClickException(str(exc))


def _crawl_once(db_path, series, concurrency, settings, quiet, keep_going: bool) -> None:
    """One crawl with a progress line; a failure ends the command unless it runs on a period."""
    from .pipeline import CrawlFailed, CrawlJob
    from .progress import CrawlProgress, summary

    progress = CrawlProgress(enabled=not quiet)
    job = CrawlJob(db_path, series, list(series.start_urls), per_host=concurrency,
                   settings=settings, on_progress=progress)
    try:
        stats = job.run()
    except CrawlFailed as exc:
        progress.close()
        if not keep_going:
            raise click.ClickException(f"crawl failed, archive unchanged: {exc}")
        click.echo(f"crawl failed, archive unchanged: {exc}", err=True)
        return
    except KeyboardInterrupt:
        progress.close()
        click.echo("interrupted: pages stored so far are kept; the next crawl goes on from there", err=True)
        sys.exit(130)
    progress.close()
    click.echo(summary(stats), err=True)


DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def _duration(text: str | None) -> float | None:
    """Seconds in "90", "30m", "6h", "1d"."""
    if text is None:
        return None
    match = DURATION.match(text)
    if not match or float(match.group(1)) <= 0:
        raise click.BadParameter(f"{text!r} is not a duration such as 30m, 6h or 1d", param_hint="--every")
    return float(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


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
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "csv", "ics"]), default="json", show_default=True,
              help="ics: one iCalendar file of every talk (times in the series' time zone).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
def export(db_path, fmt, output):
    """Export every talk as JSON, JSON lines, CSV or iCalendar (formats documented in the README)."""
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
@KEEP_MEETING_LINKS
def serve(db_path, port, host, keep_meeting_links):
    """Browse and search the archive in Datasette (with the project's metadata.json).

    Datasette serves a scrubbed, read-only copy of the archive: no meeting
    passcode, and no meeting link unless --keep-meeting-links.
    """
    from archive.publish import serve as serve_archive

    serve_archive(_existing_db(db_path), port=port, host=host, keep_meeting_links=keep_meeting_links)


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("platform", type=click.Choice(["cloudrun", "fly", "vercel", "package", "dockerfile"]))
@click.argument("extra", nargs=-1, type=click.UNPROCESSED)
@DB_OPTION
@KEEP_MEETING_LINKS
@click.option("--output", "-o", type=click.Path(file_okay=False, path_type=Path),
              help="dockerfile: the folder to write the build context to.")
@click.option("--dry-run", is_flag=True, help="Print the datasette command instead of running it.")
def publish(platform, extra, db_path, keep_meeting_links, output, dry_run):
    """Publish the archive online with `datasette publish` (or build a container).

    \b
    PLATFORM is cloudrun, fly or vercel (datasette publish; fly and vercel need
    the datasette-publish-fly / datasette-publish-vercel plugin), package
    (datasette package: a local Docker image), or dockerfile (a Docker build
    folder, written to --output, that builds without network access).
    EXTRA options go to datasette as given, e.g. `-- --service seminars`.
    The published database is the same scrubbed copy that `serve` shows.
    """
    from archive.publish import publication, publish_command, run_until_interrupted

    _existing_db(db_path)
    if platform == "dockerfile":
        from archive.container import write_build_context

        if output is None:
            raise click.UsageError("dockerfile needs --output FOLDER")
        with publication(db_path, keep_meeting_links=keep_meeting_links) as pub:
            write_build_context(pub, output)
        click.echo(f"wrote {output}: docker build -t seminar-archive {output}", err=True)
        return
    with publication(db_path, keep_meeting_links=keep_meeting_links) as pub:
        argv = publish_command(pub, platform, extra)
        if dry_run:
            click.echo(" ".join(shlex.quote(part) for part in argv))
            return
        sys.exit(run_until_interrupted(argv))


@main.command()
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path), default="demo.db",
              show_default=True, help="Where to write the demo archive (replaced if it exists).")
def demo(port, db_path):
    """Crawl a fictional seminar site served on 127.0.0.1 and open it in Datasette (no network needed)."""
    from .demo.run import run_demo

    run_demo(db_path, port)


@main.command()
@click.argument("talk_id")
@DB_OPTION
def history(talk_id, db_path):
    """Show how a talk changed across refreshes: each field's old and new value."""
    from archive.revisions import talk_history

    revisions = talk_history(_existing_db(db_path), talk_id)
    if not revisions:
        click.echo(f"no recorded change for {talk_id!r} (it has kept its first version, or does not exist)", err=True)
        return
    for rev in revisions:
        click.echo(f"{rev['changed_at']}  {rev['field']}  (from {rev['page_url']})")
        click.echo(f"    was: {_short(rev['old'])}")
        click.echo(f"    now: {_short(rev['new'])}")


def _short(value: str | None, width: int = 100) -> str:
    if value is None:
        return "(empty)"
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"


@main.command()
@DB_OPTION
def reextract(db_path):
    """Rebuild every talk from the page bodies stored in the archive (no network).

    Run it after upgrading seminar-archive: improved extraction applies to
    the whole archive; changed fields are recorded as revisions.
    """
    from .pipeline import reextract as reextract_archive
    from .progress import summary

    stats = reextract_archive(_existing_db(db_path))
    click.echo(summary(stats), err=True)


@main.command()
@click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A sources.toml (default: the built-in series).")
@DB_OPTION
def sources(config, db_path):
    """List the configured series, with the last crawl of each in the archive."""
    from scraper.sources import default_sources

    listed = _load_config(config) if config else default_sources()
    runs = _last_runs(db_path) if db_path.exists() else {}
    for series in listed:
        urls = series.start_urls
        click.echo(f"{series.name}  ({series.title or series.name}, {series.timezone})")
        click.echo(f"    start: {urls[0] if urls else '-'}" + (f"  (+{len(urls) - 1} more)" if len(urls) > 1 else ""))
        run = runs.get(series.name)
        click.echo("    last crawl: " + (f"{run['finished'] or run['started']} {run['status']}, "
                                         f"{run['talks']} talks archived" if run else "never"))


def _last_runs(db_path: Path) -> dict[str, dict]:
    """The latest crawl run of each series in the archive, with the series' talk count."""
    from archive.schema import connect_readonly

    with connect_readonly(db_path) as conn:
        if "series" not in {row[1] for row in conn.execute("PRAGMA table_info(crawl_runs)")}:
            return {}
        rows = conn.execute(
            """SELECT r.series, r.started, r.finished, r.status,
                      (SELECT count(*) FROM talks t WHERE t.series = r.series) AS talks
               FROM crawl_runs r WHERE r.id IN (SELECT max(id) FROM crawl_runs GROUP BY series)""").fetchall()
    return {row["series"]: dict(row) for row in rows if row["series"]}


if __name__ == "__main__":
    main()
