"""URL normalisation and crawl scope.

Two spellings of one address (`HTTP://Host:80/a/./b#x` and `http://host/a/b`)
must be crawled once; links leave scope when they change host or climb out
of the start page's folder.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
NOT_HTML = re.compile(
    r"\.(jpe?g|png|gif|svg|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|tar|mp[34]|mov|avi|webm|wav|ogg|"
    r"css|js|json|xml|rss|atom|ics|docx?|xlsx?|pptx?|odp|key|eps|ps|woff2?|ttf)$",
    re.I,
)


def normalise(url: str, base: str | None = None) -> str | None:
    """The canonical form of a (possibly relative) http(s) URL, or None if it is not one."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    clean = posixpath.normpath(path)
    if path.endswith("/") and not clean.endswith("/"):
        clean += "/"
    clean = "/" + clean.lstrip("/")
    return urlunsplit((scheme, netloc, clean, parts.query, ""))


def folder_of(url: str) -> str:
    """The folder a page lives in: `/lm/2022.html` -> `/lm/`."""
    path = urlsplit(url).path
    return path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"


@dataclass(frozen=True)
class Scope:
    """Same host as a start page and under its folder."""

    prefixes: tuple[tuple[str, str], ...]  # (netloc, folder)

    @classmethod
    def from_seeds(cls, seeds: list[str]) -> "Scope":
        return cls(tuple(sorted({(urlsplit(s).netloc, folder_of(s)) for s in seeds})))

    def __contains__(self, url: str) -> bool:
        parts = urlsplit(url)
        return any(parts.netloc == netloc and parts.path.startswith(folder)
                   for netloc, folder in self.prefixes)


def worth_fetching(url: str) -> bool:
    """False for links to images, documents and other files that hold no HTML page."""
    return not NOT_HTML.search(urlsplit(url).path)
