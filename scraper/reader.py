"""Reading one fetched page for a crawl: the talks it may publish and the links it may follow.

`read` is what the crawl's page-reading process runs (`seminar_archive.child`):
extraction (`extract.page`) plus what the page's robots meta directives
allow. Its answer is small, plain data, and this module does not load the
parser or the page types until a page is read, so the crawl's own process
(which only receives the answers) never does.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .linkrules import strip_secrets
from .series import Series
from .talk import Talk
from .urls import normalise


@dataclass
class PageReading:
    """What a crawl keeps of a read page."""

    talks: list[Talk] = field(default_factory=list)  # none if the page asks not to be indexed
    links: list[str] = field(default_factory=list)  # absolute, normalised, no passcodes; none if nofollow
    robots: list[str] = field(default_factory=list)  # its robots meta directives, sorted
    withheld: bool = False  # the page asked not to be indexed or followed, and it was not


def read(url: str, body: bytes, content_type: str, series: Series, encoding: str | None = None) -> PageReading:
    """Extract a page; a series that opted in (`publish_noindex`) keeps what robots directives would withhold."""
    from .extract.page import extract  # the parser and every page type: loaded by the first page read

    extraction = extract(url, body, content_type, series, encoding)
    obey = not series.publish_noindex
    links = [] if extraction.nofollow and obey else _followed(extraction.links, extraction.url)
    return PageReading(talks=[] if extraction.noindex and obey else extraction.talks, links=links,
                       robots=sorted(extraction.robots),
                       withheld=(extraction.noindex or extraction.nofollow) and obey)


def _followed(hrefs: list[str], base: str) -> list[str]:
    absolute = (normalise(href, base) for href in hrefs)
    return list(dict.fromkeys(strip_secrets(url) for url in absolute if url))
