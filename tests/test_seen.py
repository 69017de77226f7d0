"""The crawl's seen-set: exact membership, whatever order and however many addresses."""
from __future__ import annotations

import random

from scraper.seen import MIN_RECENT, SeenSet


def test_seen_set_remembers_every_address_and_nothing_else():
    rng = random.Random(5)
    added = [rng.getrandbits(64) for _ in range(MIN_RECENT * 20)]
    others = [rng.getrandbits(64) for _ in range(5000)]
    seen = SeenSet()
    for key in added + added[:1000]:  # some seen twice
        seen.add(key)
    assert len(seen) == len(set(added))
    assert all(key in seen for key in added)
    assert not any(key in seen for key in set(others) - set(added))
    assert len(seen.recent) < len(seen.merged) // 4, "most hashes are kept in the compact array"
    assert list(seen.merged) == sorted(seen.merged)
