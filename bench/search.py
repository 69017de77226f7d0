"""Search latency over a large synthetic archive, through Datasette's JSON API.

    python bench/search.py [--talks 1000000] [--db bench.db] [--rounds 30]

Writes `--talks` fictional talks straight into an archive (the project's
schema and full-text index; not through the crawler), starts `seminar-archive
serve` on a free loopback port, and times search requests with httpx:

- the talks table's search box: /db/talks.json?_search=WORDS (facets and count included),
- the same without facets and count (`_nofacet=1&_nocount=1`), what an API client asks,
- the ranked canned query: /db/search.json?q=WORDS.

Prints the median and 95th percentile per kind, in milliseconds. An existing
`--db` with enough talks is reused. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive import Archive  # noqa: E402

NAMED_TOPICS = ("diffusion", "transformer", "graph", "causal", "protein", "robot", "language", "privacy",
                "fairness", "climate", "kernel", "bandit", "quantum", "speech", "vision", "federated")
TOPICS = NAMED_TOPICS + tuple(f"topic{n}" for n in range(144))  # each in about 1 talk in 80
FILLER = ("learning", "models", "networks", "data", "inference", "methods", "theory", "systems",
          "optimisation", "representation", "uncertainty", "scale", "efficient", "robust", "deep",
          "probabilistic", "neural", "sparse", "online", "structured", "generative", "adaptive")
AFFILIATIONS = [f"University of Place {n}" for n in range(400)]
QUERIES = ("diffusion", "graph neural", "causal inference", "protein", "quantum kernel",
           "privacy federated", "robot", "efficient transformer")


def synthetic_talks(count: int, seed: int = 7):
    """Fictional talk rows: a talk is about one of 160 topics (its title and abstract say so),
    mentions a second one in passing, and otherwise uses common words and a long tail of rare ones."""
    rng = random.Random(seed)
    words = [f"term{n}" for n in range(20000)]  # a long tail of rare words for the abstracts
    for n in range(count):
        day = f"{1990 + n * 36 // count:04d}-{1 + n % 12:02d}-{1 + n % 28:02d}"
        topic = rng.choice(TOPICS)
        title = " ".join([topic.capitalize(), *rng.sample(FILLER, 3)])
        abstract = " ".join([topic, *rng.sample(FILLER, 8), rng.choice(TOPICS), topic,
                             *(rng.choice(words) for _ in range(50))])
        yield {"id": f"bench-{n:07d}", "series": "bench", "date": day, "year": int(day[:4]),
               "start": f"{day}T15:00:00+01:00", "timezone": "Europe/Stockholm", "title": title,
               "abstract": abstract, "speaker_names": f"Speaker {n % 50000}", "status": "scheduled",
               "affiliations": f'["{rng.choice(AFFILIATIONS)}"]',
               "source_url": f"https://bench.example/{day}", "first_seen": "2026-01-01T00:00:00+00:00",
               "last_seen": "2026-01-01T00:00:00+00:00"}


def build(db_path: Path, count: int) -> None:
    with Archive(db_path) as archive:
        if archive.talk_count() >= count:
            return
        archive.ensure_series("bench", timezone="Europe/Stockholm")
        started = time.perf_counter()
        archive.db["talks"].insert_all(synthetic_talks(count), batch_size=5000)
        archive.db["talks"].optimize()
        print(f"wrote {count:,} talks in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(db_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "seminar_archive.cli", "serve", "--db", str(db_path),
                                "--port", str(port)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.5)
    process.terminate()
    raise RuntimeError("seminar-archive serve did not start")


def timed(client: httpx.Client, url: str, params: dict) -> float:
    started = time.perf_counter()
    answer = client.get(url, params=params)
    elapsed = (time.perf_counter() - started) * 1000
    answer.raise_for_status()
    if not answer.json():
        raise AssertionError(f"no result for {params}")
    return elapsed


def measure(base: str, db: str, rounds: int) -> dict[str, list[float]]:
    kinds = {
        "talks.json?_search (facets, count)": (f"{base}/{db}/talks.json", lambda q: {"_search": q, "_shape": "array"}),
        "talks.json?_search&_nofacet&_nocount": (f"{base}/{db}/talks.json",
                                                 lambda q: {"_search": q, "_shape": "array", "_nofacet": 1, "_nocount": 1}),
        "search.json?q= (ranked, snippets)": (f"{base}/{db}/search.json", lambda q: {"q": q, "_shape": "array"}),
    }
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    with httpx.Client(timeout=30) as client:
        for url, params in kinds.values():
            timed(client, url, params(QUERIES[0]))  # warm the page cache
        for _ in range(rounds):
            for query in QUERIES:
                for kind, (url, params) in kinds.items():
                    timings[kind].append(timed(client, url, params(query)))
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--talks", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "bench.db")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    build(args.db, args.talks)
    started = time.perf_counter()
    process, base = serve(args.db)
    print(f"serve ready in {time.perf_counter() - started:.0f} s (public copy included)", file=sys.stderr)
    try:
        timings = measure(base, args.db.stem, args.rounds)
    finally:
        process.terminate()
        process.wait(timeout=60)
    print(f"{args.talks:,} talks, {args.rounds * len(QUERIES)} requests per kind, queries: {', '.join(QUERIES)}")
    for kind, values in timings.items():
        p95 = statistics.quantiles(values, n=20)[-1]
        print(f"{kind:42s} median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()
