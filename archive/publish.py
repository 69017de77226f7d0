"""Publish the archive with Datasette: locally (`serve`) or online (`datasette publish`).

Both go through a `Publication`: a folder holding the public copy of the
archive (`public_copy.py`: scrubbed, meeting links withheld unless kept,
browsing views added) and its metadata. Datasette serves that copy
immutable (`-i`), with the project's plugins (`plugins/`) and templates
(`templates/`), a SQL time limit and a row limit.
"""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Sequence

from .public_copy import make_public_copy

METADATA_PATH = Path(__file__).with_name("metadata.json")
PLUGINS_DIR = Path(__file__).with_name("plugins")
TEMPLATES_DIR = Path(__file__).with_name("templates")
DEFAULT_DATABASE = "archive"
# Installed next to Datasette wherever the archive is published (the plugins folder needs icalendar).
PLUGIN_PACKAGES = ("datasette-atom", "datasette-dashboards", "icalendar")
PLATFORMS = ("cloudrun", "fly", "vercel", "package")

SETTINGS = {
    "sql_time_limit_ms": "1000",
    "facet_time_limit_ms": "500",
    "max_returned_rows": "1000",
}


def load_metadata(db_path: str | Path | None = None) -> dict[str, Any]:
    """The Datasette metadata, its database (and the charts' database) renamed to `db_path`'s stem."""
    metadata = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    if db_path is not None:
        stem = Path(db_path).stem
        databases = metadata.get("databases", {})
        if DEFAULT_DATABASE in databases and stem != DEFAULT_DATABASE:
            databases[stem] = databases.pop(DEFAULT_DATABASE)
        for dashboard in metadata.get("plugins", {}).get("datasette-dashboards", {}).values():
            for chart in dashboard.get("charts", {}).values():
                if chart.get("db") == DEFAULT_DATABASE:
                    chart["db"] = stem
    return metadata


@dataclass(frozen=True)
class Publication:
    """A folder with the public copy of an archive and its metadata."""

    folder: Path
    database: Path
    metadata: Path

    def datasette_options(self) -> list[str]:
        """Options shared by `datasette serve`, `publish` and `package` (settings excepted)."""
        return ["--metadata", str(self.metadata), "--plugins-dir", str(PLUGINS_DIR),
                "--template-dir", str(TEMPLATES_DIR)]


def settings_options() -> list[str]:
    return [part for name, value in SETTINGS.items() for part in ("--setting", name, value)]


@contextmanager
def publication(db_path: str | Path, *, keep_meeting_links: bool = False,
                folder: str | Path | None = None) -> Iterator[Publication]:
    """Prepare the public copy of `db_path` in `folder` (default: a temporary one, removed after)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise FileNotFoundError(f"no archive database at {db_path}")
    temporary = folder is None
    where = Path(tempfile.mkdtemp(prefix="seminar-archive-publish-") if temporary else folder)
    try:
        where.mkdir(parents=True, exist_ok=True)
        database = make_public_copy(db_path, where / f"{db_path.stem}.db",
                                    keep_meeting_links=keep_meeting_links)
        metadata = where / "metadata.json"
        metadata.write_text(json.dumps(load_metadata(db_path), ensure_ascii=False, indent=2), encoding="utf-8")
        yield Publication(where, database, metadata)
    finally:
        if temporary:
            shutil.rmtree(where, ignore_errors=True)


def serve_command(pub: Publication, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """The argv that serves a publication with Datasette, read-only."""
    return [sys.executable, "-m", "datasette", "serve", "-i", str(pub.database),
            *pub.datasette_options(), *settings_options(), "--port", str(port), "--host", host]


def publish_command(pub: Publication, platform: str, extra: Sequence[str] = ()) -> list[str]:
    """The argv of `datasette publish PLATFORM` (or `datasette package`) for a publication.

    Settings go through `--extra-options`; `extra` (e.g. `--service NAME`,
    `--app NAME`, `--project NAME`, `-t TAG`) is appended as given.
    """
    if platform not in PLATFORMS:
        raise ValueError(f"platform must be one of {PLATFORMS}, got {platform!r}")
    verb = ["package"] if platform == "package" else ["publish", platform]
    installs = [part for package in PLUGIN_PACKAGES for part in ("--install", package)]
    return [sys.executable, "-m", "datasette", *verb, str(pub.database), *pub.datasette_options(),
            *installs, "--extra-options", " ".join(settings_options()), *extra]


def _stop(process: subprocess.Popen) -> int:
    """Stop Datasette after Ctrl-C: a terminal already sent it SIGINT; forward one if it
    is still running, and terminate it if it does not stop."""
    for action, timeout in ((None, 2), (signal.SIGINT, 10), (signal.SIGTERM, None)):
        if action is not None:
            process.send_signal(action)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            continue
    return process.wait()


class _Terminated(Exception):
    """This process got SIGTERM (`kill`, a service manager, a test's teardown)."""


def _raise_terminated(signum, frame):
    raise _Terminated


def run_until_interrupted(argv: Sequence[str]) -> int:
    """Run a command until it exits, Ctrl-C or SIGTERM (passed on); returns its exit code."""
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    process = subprocess.Popen(list(argv))
    try:
        return process.wait()
    except KeyboardInterrupt:
        return _stop(process)
    except _Terminated:
        process.terminate()
        return process.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1", *,
          keep_meeting_links: bool = False) -> int:
    """Serve the public copy of `db_path` until Datasette exits or Ctrl-C; returns its exit code."""
    with publication(db_path, keep_meeting_links=keep_meeting_links) as pub:
        return run_until_interrupted(serve_command(pub, port, host))
