"""Writing a crawl's pages, in a process of its own (`seminar_archive.child`).

Storing a page (merging its talks with what other pages said, revisions,
the search index, one transaction) costs about as much CPU as fetching and
reading it together. `PageWriter` does it in a child process while the crawl
fetches and reads the next pages; the crawl's own connection only reads.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archive.store import Archive, PageOutcome
from scraper.urls import same_document


@dataclass(frozen=True)
class Archived:
    """These bytes are archived already: the links stored with them, and whether for this very address."""

    links: list[str]
    same_address: bool


def archived_copy(archive: Archive, url: str, digest: str) -> Archived | None:
    """The stored page when `url` (or another address of the same document) last served these bytes."""
    known = archive.known_page(url)
    if known and known.sha256 == digest:  # served again without validators, same bytes
        return Archived(archive.page_links(url), same_address=True)
    alias = next((other for other in archive.urls_with_body(digest) if same_document(other, url)), None)
    if alias:  # the same page under a second address ("lm/2021" and "lm/2021.html")
        return Archived(archive.page_links(alias), same_address=False)
    return None


class PageWriter:
    """Every write of one crawl run, on a connection of its own (`Archive.join_run`)."""

    def __init__(self, db_path: str | Path, run_id: int):
        self.archive = Archive(db_path)
        self.archive.join_run(run_id)

    def record_page(self, url: str, sha256: str, **page) -> PageOutcome | Archived:
        """`Archive.record_page`, unless these bytes were archived while the page was being read."""
        return archived_copy(self.archive, url, sha256) or self.archive.record_page(url, sha256=sha256, **page)

    def record_gone(self, *args) -> list[str]:
        return self.archive.record_gone(*args)

    def record_probe(self, *args) -> None:
        self.archive.record_probe(*args)

    def rows_written(self) -> int:
        return self.archive.rows_written()
