"""Storage, merging, search, export and publishing of seminar talks.

The archive knows nothing of HTTP: it receives `scraper.talk.Talk` records
per fetched page and keeps one SQLite database (see `Archive`).
"""
from .export import CSV_COLUMNS, TALK_KEYS, export_talks, iter_talks
from .public_copy import UnsafeToPublish, make_public_copy
from .publish import Publication, publication, serve, serve_command
from .records import talk_from_json, talk_id, talk_to_json
from .search import fts_query, search_talks
from .store import Archive, KnownPage, PageOutcome

__all__ = [
    "Archive", "KnownPage", "PageOutcome", "talk_id", "talk_to_json", "talk_from_json",
    "export_talks", "iter_talks", "TALK_KEYS", "CSV_COLUMNS", "search_talks", "fts_query",
    "serve", "serve_command", "publication", "Publication", "make_public_copy", "UnsafeToPublish",
]
