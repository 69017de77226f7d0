"""Views for browsing the published archive (created in the public copy only).

The crawl database stays as `schema.py` defines it; `create_views` adds what
a reader of the archive needs on top: talks with their speakers joined in.
"""
from __future__ import annotations

from sqlite_utils import Database

SPEAKER_TALKS_SQL = """
SELECT talk_speakers.speaker_id AS speaker_id,
       speakers.name AS speaker,
       talk_speakers.affiliation AS affiliation,
       talks.id AS talk_id,
       talks.date AS date,
       talks.year AS year,
       talks.title AS title,
       talks.series AS series,
       talks.status AS status
FROM talk_speakers
JOIN speakers ON speakers.id = talk_speakers.speaker_id
JOIN talks ON talks.id = talk_speakers.talk_id
"""

VIEWS = {"speaker_talks": SPEAKER_TALKS_SQL}


def create_views(db: Database) -> None:
    """Create (or replace) the browsing views."""
    for name, sql in VIEWS.items():
        db.create_view(name, sql.strip(), replace=True)
