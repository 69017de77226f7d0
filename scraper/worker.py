"""Extraction in a second process, so that parsing one page overlaps fetching and storing others.

Parsing and reading a page is pure CPU work; in the crawl's own process it
holds up the event loop that fetches and stores. `ExtractionWorker` runs
`extract` in a child process (`python -m scraper.worker`) fed over
its stdin and stdout with length-prefixed pickles, answered in order.

The child is started fresh (not forked): it inherits no open file, so a
crawl's writer lock stays with the crawl, and it ends when its input closes,
so it never outlives a crawl that was killed. If it dies, the pages still
waiting are extracted in the crawl's own process, like every page after.
"""
from __future__ import annotations

import asyncio
import gc
import pickle
import signal
import struct
import sys
from collections import deque
from typing import TYPE_CHECKING

from .series import Series

if TYPE_CHECKING:
    from .extract.page import PageExtraction

HEADER = struct.Struct("!I")


class ExtractionWorker:
    """`await worker.extract(...)`: the same answer as `extract(...)`, computed in a child process."""

    def __init__(self) -> None:
        self.process: asyncio.subprocess.Process | None = None
        self.waiting: deque[tuple[asyncio.Future, tuple]] = deque()
        self.reader: asyncio.Task | None = None

    async def start(self) -> None:
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "scraper.worker",
                stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        except OSError:
            return  # no second process to be had (limits, no executable): pages are read here
        self.reader = asyncio.create_task(self._read_answers())

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None and not self.reader.done()

    async def extract(self, url: str, body: bytes, content_type: str, series: Series,
                      encoding: str | None = None) -> PageExtraction:
        job = (url, body, content_type, series, encoding)
        if not self.running:
            return extract(*job)
        answer = asyncio.get_running_loop().create_future()
        self.waiting.append((answer, job))
        frame = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.process.stdin.write(HEADER.pack(len(frame)) + frame)
            await self.process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the worker is gone: _read_answers hands the job back
        return await answer

    async def _read_answers(self) -> None:
        stdout = self.process.stdout
        try:
            while True:
                size = HEADER.unpack(await stdout.readexactly(HEADER.size))[0]
                ok, value = pickle.loads(await stdout.readexactly(size))
                answer, _ = self.waiting.popleft()
                if answer.done():
                    continue
                if ok:
                    answer.set_result(value)
                else:
                    answer.set_exception(value)
        except (asyncio.IncompleteReadError, ConnectionResetError):
            pass
        finally:
            self._fall_back()

    def _fall_back(self) -> None:
        """The worker is gone: what it had not answered is extracted here."""
        while self.waiting:
            answer, job = self.waiting.popleft()
            if answer.done():
                continue
            try:
                answer.set_result(extract(*job))
            except Exception as exc:
                answer.set_exception(exc)

    async def close(self) -> None:
        if self.process is None:
            return
        if self.process.returncode is None:
            self.process.stdin.close()
            await self.process.wait()
        if self.reader is not None:
            await self.reader


def extract(*job):
    """`page.extract`, imported on first use: the crawl's own process need not load bs4 and the page types."""
    from .extract.page import extract as extract_page

    return extract_page(*job)


def serve(stdin=None, stdout=None) -> None:
    """The child's loop: read a job, write its answer (or the exception it raised), until input ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle; it closes our input
    from .extract.page import extract as read_page  # the whole page-type stack, loaded once ...

    gc.freeze()  # ... and kept out of every garbage collection from now on
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    while header := stdin.read(HEADER.size):
        job = pickle.loads(stdin.read(HEADER.unpack(header)[0]))
        try:
            answer = (True, read_page(*job))
        except Exception as exc:  # the crawl reports it as that page's problem
            answer = (False, exc)
        try:
            frame = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            frame = pickle.dumps((False, RuntimeError(repr(answer[1]))))
        stdout.write(HEADER.pack(len(frame)) + frame)
        stdout.flush()
        # A parsed page is a web of reference cycles (parent <-> children) that would wait for an
        # occasional full collection, several pages' worth at a time; collected now it costs ~nothing
        # (only this page's objects are not frozen) and the worker's memory stays that of one page.
        gc.collect()


if __name__ == "__main__":
    serve()
