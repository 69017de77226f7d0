"""Serve a folder on loopback the way a static web host does.

Used by the tests and the demo so the crawler talks to a real HTTP server:
GET and HEAD, `dir/` -> `dir/index.html`, extensionless paths -> `.html`,
ETag and Last-Modified validators with 304 answers, HTTP/1.1 keep-alive.

    python -m seminar_archive.demo.server DIR    # prints the base URL, serves until Ctrl-C
"""
from __future__ import annotations

import argparse
import email.utils
import mimetypes
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote

NOT_FOUND = b"<!doctype html>\n<title>404 Not Found</title>\n<h1>404 Not Found</h1>\n"


def resolve(root: Path, request_path: str) -> Path | None:
    """The file under `root` that a static host serves for `request_path`, or None."""
    path = unquote(request_path.split("?", 1)[0].split("#", 1)[0])
    target = (root / path.lstrip("/")).resolve()
    if target != root and root not in target.parents:
        return None  # the path escapes the served folder
    if target.is_dir():
        target = target / "index.html"
    elif not target.exists():
        target = target.with_name(target.name + ".html")
    return target if target.is_file() else None


def content_type(path: Path) -> str:
    """Content-Type from the file name; text types are declared UTF-8."""
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return ctype + "; charset=utf-8" if ctype.startswith("text/") else ctype


class StaticHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD from the folder `root` (set on a subclass)."""

    root: Path
    protocol_version = "HTTP/1.1"  # keep-alive; every answer carries Content-Length
    server_version = "SeminarDemo/1.0"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: object) -> None:
        """Keep stderr quiet: no access log."""

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        target = resolve(self.root, self.path)
        if target is None:
            return self.reply(404, NOT_FOUND, {"Content-Type": "text/html; charset=utf-8"})
        stat = target.stat()
        mtime = int(stat.st_mtime)
        validators = {  # from the file's size and modification time, as nginx does: no read for a 304
            "ETag": f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"',
            "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
        }
        if self.not_modified(validators["ETag"], mtime):
            return self.reply(304, b"", validators)
        self.reply(200, target.read_bytes(), {"Content-Type": content_type(target), **validators})

    def not_modified(self, etag: str, mtime: int) -> bool:
        """Whether the request's validators still match (If-None-Match wins)."""
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
            return "*" in tags or etag in tags
        try:
            since = email.utils.parsedate_to_datetime(self.headers.get("If-Modified-Since", ""))
        except (TypeError, ValueError):
            return False
        return since is not None and mtime <= since.timestamp()

    def reply(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        """Send one answer; no body on HEAD or 304."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD" and status != 304:
            self.wfile.write(body)


@contextmanager
def serve_directory(root: Path, host: str = "127.0.0.1",
                    handler_class: type[StaticHandler] = StaticHandler, **attributes) -> Iterator[str]:
    """Serve `root` on a free port in a daemon thread; yield the base URL.

    `handler_class` may be a subclass of StaticHandler (the tests' faulty
    host is one); `attributes` are set on the handler class it serves with.
    """
    handler = type("Handler", (handler_class,), {"root": Path(root).resolve(), **attributes})
    server = ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main(argv: list[str] | None = None) -> int:
    """Command line: serve DIR, print the base URL, stop on Ctrl-C."""
    parser = argparse.ArgumentParser(description="Serve a folder as a static site on loopback.")
    parser.add_argument("dir", type=Path)
    args = parser.parse_args(argv)
    with serve_directory(args.dir) as url:
        print(url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
