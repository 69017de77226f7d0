"""Running a command as a benchmark: its wall time and the peak memory of it and its children.

A crawl reads and writes pages in two child processes (seminar_archive/child.py),
so the memory it costs is the crawl's peak RSS plus its children's. `run` samples
VmHWM (the kernel's own peak RSS of a process) of the command and of every
process below it five times a second, and reports each one's peak and their sum.
"""
from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Measured:
    wall: float
    output: str
    pid: int
    peaks: dict[int, int] = field(default_factory=dict)  # pid -> peak RSS in MiB

    @property
    def rss(self) -> int:
        """Sum of the peak RSS of the command and its child processes, MiB."""
        return sum(self.peaks.values())

    @property
    def own_rss(self) -> int:
        """Peak RSS of the command's own process, MiB."""
        return self.peaks.get(self.pid, 0)

    @property
    def rss_parts(self) -> str:
        children = [peak for pid, peak in self.peaks.items() if pid != self.pid]
        return " + ".join(str(peak) for peak in [self.own_rss] + sorted(children, reverse=True))


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            pids += [grandchild for child in (task / "children").read_text().split() for grandchild in _tree(int(child))]
        except OSError:
            pass
    return pids


def _peak_mib(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next((line for line in status.splitlines() if line.startswith("VmHWM:")), None)
    return int(line.split()[1]) // 1024 if line else None


def run(command: list[str], cwd: Path | None = None) -> Measured:
    """Run `command` to its end (output captured): wall seconds and peak RSS of its process tree.

    A command that fails stops the benchmark with its output.
    """
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peaks: dict[int, int] = {}

    def sample() -> None:
        while process.poll() is None:
            for pid in _tree(process.pid):
                peak = _peak_mib(pid)
                if peak is not None:
                    peaks[pid] = max(peaks.get(pid, 0), peak)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read()
    process.wait()
    wall = time.perf_counter() - began
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output}")
    return Measured(wall, output, process.pid, peaks)
