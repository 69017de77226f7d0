"""Work done in a child process, so that a crawl uses more than one core.

A crawl has three kinds of CPU work per page: fetching (the event loop, in
the crawl's own process), reading the page (parsing it, extracting its
talks) and writing it to the archive. `Child` runs the last two each in a
process of its own: `await child.call("method", *args)` calls a method of an
object that lives in the child and returns its answer (or raises what it
raised). Calls are answered in the order they were made.

The child is started fresh (`python -m seminar_archive.child`), not forked:
it inherits no open file but those it is given (`pass_fds`), and it ends
when its input closes, so it never outlives a crawl that was killed. The
object is named by its module and factory (`"archive.store:Archive"`, or a
module alone) with arguments; if no child can be started, or it dies,
calls go to the same object made in the crawl's own process, the calls that
were waiting included.
"""
from __future__ import annotations

import asyncio
import gc
import importlib
import pickle
import signal
import struct
import sys
from collections import deque
from typing import Any, BinaryIO

HEADER = struct.Struct("!I")


def make(target: str, args: tuple) -> Any:
    """The object `target` names: `module:factory` called with `args`, or the module itself."""
    module_name, _, factory = target.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, factory)(*args) if factory else module


def frame(value: Any) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return HEADER.pack(len(data)) + data


class Child:
    """Calls on `make(target, args)`, made in a child process while one is running."""

    def __init__(self, target: str, *args: Any, spawn: bool = True, pass_fds: tuple[int, ...] = ()):
        self.target = target
        self.args = args
        self.spawn = spawn  # False: every call is made here
        self.pass_fds = pass_fds
        self.process: asyncio.subprocess.Process | None = None
        self.waiting: deque[tuple[asyncio.Future, tuple]] = deque()
        self.reader: asyncio.Task | None = None
        self.local: Any = None  # the object made here, once calls cannot go to the child
        self.started = False
        self.starting = asyncio.Lock()

    async def start(self) -> None:
        """Start the child (once; `call` does it at the first call)."""
        async with self.starting:
            if not self.started:
                if self.spawn:
                    await self._spawn()
                self.started = True

    async def _spawn(self) -> None:
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "seminar_archive.child", stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE, pass_fds=self.pass_fds)
        except OSError:
            return  # no second process to be had (limits, no executable): calls are made here
        self.process.stdin.write(frame((self.target, self.args)))
        self.reader = asyncio.create_task(self._read_answers())

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None and not self.reader.done()

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        request = (method, args, kwargs)
        if not self.started:
            await self.start()
        if not self.running:
            return self._call_here(request)
        answer = asyncio.get_running_loop().create_future()
        self.waiting.append((answer, request))
        try:
            self.process.stdin.write(frame(request))
            await self.process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the child is gone: _read_answers hands the call back
        return await answer

    def _call_here(self, request: tuple) -> Any:
        if self.local is None:
            self.local = make(self.target, self.args)
        method, args, kwargs = request
        return getattr(self.local, method)(*args, **kwargs)

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
        """The child is gone: the calls it had not answered are made here, in order."""
        while self.waiting:
            answer, request = self.waiting.popleft()
            if answer.done():
                continue
            try:
                answer.set_result(self._call_here(request))
            except Exception as exc:
                answer.set_exception(exc)

    async def close(self) -> None:
        """Let the child answer what it was asked, then end it."""
        if self.process is None:
            return
        if self.process.returncode is None:
            self.process.stdin.close()
            await self.process.wait()
        if self.reader is not None:
            await self.reader


def _read_frame(stream: BinaryIO) -> Any:
    """The next value on `stream`, or None when it ends (a frame cut short ends it too)."""
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    size = HEADER.unpack(header)[0]
    data = stream.read(size)
    return pickle.loads(data) if len(data) == size else None


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """The child's loop: make the object, then answer each call (or send what it raised) until input ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the crawl's to handle; it closes our input
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    start = _read_frame(stdin)
    if start is None:
        return
    target = make(*start)  # what it needs, loaded once ...
    gc.freeze()  # ... and kept out of every garbage collection from now on
    calls = 0
    while (request := _read_frame(stdin)) is not None:
        method, args, kwargs = request
        try:
            answer = (True, getattr(target, method)(*args, **kwargs))
        except Exception as exc:  # the crawl reports it as that page's problem
            answer = (False, exc)
        try:
            stdout.write(frame(answer))
        except Exception:  # an answer or exception that cannot be pickled
            stdout.write(frame((False, RuntimeError(repr(answer[1])))))
        stdout.flush()
        # A parsed page is a web of reference cycles (parent <-> children) that would wait for an
        # occasional full collection, several pages' worth at a time; collected now it costs ~nothing
        # (only this call's objects are not frozen) and the child's memory stays that of one call.
        gc.collect()
        calls += 1
        if calls == 1:
            gc.freeze()  # what the first call loaded on demand (the page reader loads its parser so)


if __name__ == "__main__":
    import os, cProfile
    if os.environ.get("CHILD_PROFILE"):
        cProfile.run("serve()", f"/tmp/b/child-{os.getpid()}.prof")
    else:
        serve()
