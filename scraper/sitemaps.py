"""Sitemaps: the list of pages a site says it has (sitemaps.org protocol).

A sitemap is XML (`<urlset><url><loc>`), a sitemap index pointing at more
sitemaps (`<sitemapindex><sitemap><loc>`), or plain text with one address a
line. Sitemaps are declared by `Sitemap:` lines of robots.txt, or sit at
`/sitemap.xml`. The XML is parsed with lxml with entities and network access
off, so a hostile file cannot reach anything but itself.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from lxml import etree

MAX_FILES = 20  # sitemap files read per host and crawl (an index and its sitemaps)
MAX_PAGES = 10_000  # addresses taken from them


@dataclass
class Sitemap:
    """What one sitemap file lists: pages, and (an index) further sitemaps."""

    pages: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def parse_sitemap(body: bytes) -> Sitemap:
    """The addresses a sitemap file lists; an unreadable file lists nothing."""
    if not body.lstrip()[:1] == b"<":
        lines = (line.strip() for line in body.decode("utf-8", "replace").splitlines())
        return Sitemap(pages=[line for line in lines if line.startswith(("http://", "https://"))])
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return Sitemap()
    found = Sitemap()
    target = found.sitemaps if _local(root.tag) == "sitemapindex" else found.pages
    for entry in root:
        loc = next((child for child in entry if _local(child.tag) == "loc"), None)
        if loc is not None and loc.text and loc.text.strip():
            target.append(loc.text.strip())
    return found


async def read_sitemaps(fetch: Callable[[str], Awaitable[bytes | None]], roots: Iterable[str],
                        allowed: Callable[[str], bool]) -> list[str]:
    """The pages listed by the sitemaps at `roots` and the sitemaps their indexes name.

    `fetch` returns a file's body (None when it is not there); only files
    `allowed` says may be read are fetched, at most MAX_FILES of them, and
    at most MAX_PAGES addresses are returned.
    """
    waiting, read, pages = list(roots), set(), []
    while waiting and len(read) < MAX_FILES and len(pages) < MAX_PAGES:
        url = waiting.pop(0)
        if url in read or not allowed(url):
            continue
        read.add(url)
        body = await fetch(url)
        if body is None:
            continue
        found = parse_sitemap(body)
        pages += found.pages[:MAX_PAGES - len(pages)]
        waiting += found.sitemaps
    return pages
