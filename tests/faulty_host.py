"""A web host that misbehaves on purpose, for the crawler's fault tests.

Serves a small fictional series (every page an announcement in the usual
markup) plus paths that fail in the ways real servers do. Every request is
logged on the handler class (`requests`), so tests can assert what was, and
was not, asked for.
"""
from __future__ import annotations

import gzip
import random
import threading
import time
from pathlib import Path

from seminar_archive.demo.server import StaticHandler

PAGE = """<!doctype html><html><head>{head}<title>t</title></head><body><div id="main">
<p><strong>Title:</strong> {title}</p>
<p><strong>Speaker:</strong> {speaker}</p>
<p><strong>Abstract:</strong> {abstract}</p>
<p><strong>Date:</strong> {date} 15:00</p>
{links}
</div></body></html>"""

# path -> (date, title, speaker); the index page links them all and the fault paths.
TALKS = {
    "talks/2025-01-09.html": ("2025-01-09", "Tidal models for small harbours", "Vera Oksanen, Coastline Institute"),
    "talks/2025-01-16.html": ("2025-01-16", "Counting moss with drones", "Tomas Brink, Fellside University"),
    "talks/2025-01-23.html": ("2025-01-23", "Quiet transformers for loud factories", "Amira Zed, Foundry Lab"),
    "talks/2025-01-30.html": ("2025-01-30", "Rivers that remember", "Jon Iversen, Delta College"),
    "talks/2025-02-06.html": ("2025-02-06", "Maps from footsteps", "Lin Okoye, Hillcrest University"),
}
FAULT_LINKS = ["talks/limited.html", "talks/stall.html", "talks/drop.html", "talks/loop-a.html",
               "talks/out.html", "talks/huge.html", "talks/huge-chunked.html", "talks/notes",
               "talks/latin1.html", "talks/gzipped.html", "talks/private/secret.html"]
LATIN1 = ("2025-02-13", "Caf\u00e9 acoustics and na\u00efve Bayes", "Zo\u00eb Lef\u00e8vre, \u00c9cole du Nord")
GZIPPED = ("2025-02-20", "Compressed sensing of bird song", "Ruth Amado, Meadow Institute")


def page(date: str, title: str, speaker: str, links: list[str] = (), head: str = "") -> str:
    anchors = "\n".join(f'<p><a href="/{link}">{link}</a></p>' for link in links)
    return PAGE.format(head=head, title=title, speaker=speaker, abstract=f"About {title.lower()}.",
                       date=date, links=anchors)


def write_site(root: Path) -> None:
    (root / "talks" / "private").mkdir(parents=True, exist_ok=True)
    links = list(TALKS) + FAULT_LINKS
    (root / "talks" / "index.html").write_text(page("2025-01-02", "Index", "Ada Host, Index Univ", links))
    for path, talk in TALKS.items():
        (root / path).write_text(page(*talk))
    (root / "talks/private/secret.html").write_text(page("2025-03-06", "Secret", "No One, Nowhere"))
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /talks/private/\n")


class FaultyHandler(StaticHandler):
    """StaticHandler plus fault paths; `busy_rate` answers that share of requests 503."""

    busy_rate = 0.0
    stall_seconds = 1.5
    other_host = "http://127.0.0.2:9/"
    requests: list[str]
    lock = threading.Lock()
    rng = random.Random(7)
    counts: dict[str, int]

    def do_GET(self) -> None:
        with self.lock:
            self.requests.append(self.path)
            self.counts[self.path] = self.counts.get(self.path, 0) + 1
            count = self.counts[self.path]
            busy = self.busy_rate and self.path != "/robots.txt" and self.rng.random() < self.busy_rate
        if busy:
            return self.reply(503, b"busy", {"Retry-After": "0", "Content-Type": "text/plain"})
        fault = FAULTS.get(self.path.lstrip("/"))
        if fault is None:
            return super().do_GET()
        fault(self, count)

    def send_raw(self, status: int, body: bytes, content_type: str, extra: dict | None = None) -> None:
        self.reply(status, body, {"Content-Type": content_type, **(extra or {})})

    def limited(self, count: int) -> None:
        if count == 1:
            return self.send_raw(429, b"slow down", "text/plain", {"Retry-After": "1"})
        self.send_raw(200, page("2025-03-13", "Patience as a policy", "Ines Wait, Queue University").encode(),
                      "text/html; charset=utf-8")

    def stall(self, count: int) -> None:
        time.sleep(self.stall_seconds)
        self.send_raw(200, b"too late", "text/html")

    def drop(self, count: int) -> None:
        body = page("2025-03-20", "Broken pipes and whole talks", "Omar Flux, Stream College").encode()
        if count == 1:  # promise the whole page, send a third of it, hang up
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.send_raw(200, body, "text/html; charset=utf-8")

    def redirect(self, target: str) -> None:
        self.reply(302, b"", {"Location": target})

    def huge(self, count: int, chunked: bool = False) -> None:
        size = 50 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        block = b"<p>" + b"x" * 65530 + b"</p>"
        try:
            for _ in range(size // len(block)):
                data = block if not chunked else b"%x\r\n%s\r\n" % (len(block), block)
                self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def notes(self, count: int) -> None:
        self.send_raw(200, b"%PDF-1.4 fictional notes", "application/pdf")

    def latin1(self, count: int) -> None:
        self.send_raw(200, page(*LATIN1).encode("latin-1"), "text/html")

    def gzipped(self, count: int) -> None:
        body = gzip.compress(page(*GZIPPED).encode())
        self.send_raw(200, body, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})


FAULTS = {
    "talks/limited.html": FaultyHandler.limited,
    "talks/stall.html": FaultyHandler.stall,
    "talks/drop.html": FaultyHandler.drop,
    "talks/loop-a.html": lambda h, c: h.redirect("/talks/loop-b.html"),
    "talks/loop-b.html": lambda h, c: h.redirect("/talks/loop-a.html"),
    "talks/out.html": lambda h, c: h.redirect(h.other_host + "talks/elsewhere.html"),
    "talks/huge.html": FaultyHandler.huge,
    "talks/huge-chunked.html": lambda h, c: h.huge(c, chunked=True),
    "talks/notes": FaultyHandler.notes,
    "talks/latin1.html": FaultyHandler.latin1,
    "talks/gzipped.html": FaultyHandler.gzipped,
}
