"""Full-text search over talks (FTS5, porter stemming, bm25 ranking)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .schema import connect_readonly

# bm25 weights for talks_fts columns: title, abstract, speaker_names, bio.
WEIGHTS = (10.0, 2.0, 5.0, 1.0)

_SEARCH_SQL = """
SELECT talks.id, talks.date, talks.series, talks.title, talks.speaker_names,
       snippet(talks_fts, -1, ?, ?, '…', 16) AS snippet,
       bm25(talks_fts, {weights}) AS score
FROM talks_fts JOIN talks ON talks.rowid = talks_fts.rowid
WHERE talks_fts MATCH ?
ORDER BY score, talks.date DESC
LIMIT ?
""".format(weights=", ".join(str(w) for w in WEIGHTS))


def fts_query(text: str) -> str:
    """Turn free user text into a safe FTS5 query: every term a quoted phrase, ANDed.

    Terms without any letter or digit are dropped; FTS operators and stray
    quotes lose their meaning. Returns '' when nothing searchable is left.
    """
    terms = [t for t in text.split() if any(c.isalnum() for c in t)]
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def search_talks(db_path: str | Path, query: str, limit: int = 20, *,
                 mark: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
    """Talks matching `query`, best first.

    Each result has id, date, series, title, speaker_names, snippet (matches
    wrapped in `mark`) and score (bm25, lower is better; title weighs most).
    """
    match = fts_query(query)
    if not match:
        return []
    conn = connect_readonly(db_path)
    try:
        rows = conn.execute(_SEARCH_SQL, [mark[0], mark[1], match, limit]).fetchall()
    finally:
        conn.close()
    return [dict(row) for row in rows]
