"""Publish the archive with Datasette, using the packaged `metadata.json`."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

METADATA_PATH = Path(__file__).with_name("metadata.json")
DEFAULT_DATABASE = "archive"

SETTINGS = {
    "sql_time_limit_ms": "1000",
    "facet_time_limit_ms": "500",
    "max_returned_rows": "1000",
}


def load_metadata(db_path: str | Path | None = None) -> dict[str, Any]:
    """The Datasette metadata, its database key renamed to `db_path`'s stem."""
    metadata = json.loads(METADATA_PATH.read_text(encoding="utf-8"))
    if db_path is not None:
        stem = Path(db_path).stem
        databases = metadata.get("databases", {})
        if DEFAULT_DATABASE in databases and stem != DEFAULT_DATABASE:
            databases[stem] = databases.pop(DEFAULT_DATABASE)
    return metadata


def write_metadata(db_path: str | Path) -> Path:
    """Write the metadata for `db_path` to a new temporary file; the caller removes it."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".json",
                                     prefix="seminar-archive-metadata-", delete=False) as handle:
        json.dump(load_metadata(db_path), handle, ensure_ascii=False, indent=2)
    return Path(handle.name)


def _argv(db_path: str | Path, metadata: Path, port: int, host: str) -> list[str]:
    argv = [sys.executable, "-m", "datasette", "serve", str(db_path),
            "--metadata", str(metadata), "--port", str(port), "--host", host]
    for name, value in SETTINGS.items():
        argv += ["--setting", name, value]
    return argv


def serve_command(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1") -> list[str]:
    """The argv that serves `db_path` with Datasette.

    It writes the metadata to a temporary file named in the argv, which the
    caller may delete once the server has stopped (`serve` does so).
    """
    if not Path(db_path).is_file():
        raise FileNotFoundError(f"no archive database at {db_path}")
    return _argv(db_path, write_metadata(db_path), port, host)


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


def serve(db_path: str | Path, port: int = 8001, host: str = "127.0.0.1") -> int:
    """Run Datasette on `db_path` until it exits or Ctrl-C; returns its exit code."""
    argv = serve_command(db_path, port, host)
    metadata = Path(argv[argv.index("--metadata") + 1])
    process = subprocess.Popen(argv)
    try:
        return process.wait()
    except KeyboardInterrupt:
        return _stop(process)
    finally:
        metadata.unlink(missing_ok=True)
