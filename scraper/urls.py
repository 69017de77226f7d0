"""URL normalisation and crawl scope.

Two spellings of one address (`HTTP://Host:80/a/./b#x` and `http://host/a/b`)
must be crawled once. A crawl stays on its start pages' hosts: everything
under a start page's folder is in scope; beside it, a page that looks like a
talk's own page (a talk-ish folder and a slug, or a date in its address) is
in scope within a few links of a start page, so a listing at
`/seminar-series/` reaches its talks at `/seminars/<talk>/` and nothing
wanders over the whole site.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
NOT_HTML = re.compile(
    r"\.(jpe?g|png|gif|svg|webp|ico|bmp|tiff?|pdf|zip|gz|tgz|tar|mp[34]|mov|avi|webm|wav|ogg|"
    r"css|js|json|docx?|xlsx?|pptx?|odp|key|eps|ps|woff2?|ttf)$",
    re.I,
)


@lru_cache(maxsize=4096)  # a page's own address, and the links every page repeats (menus, upcoming lists)
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


TALK_WORDS = re.compile(r"seminar|talk|lecture|colloqui|event|kalendari|evenemang|föreläsning|webinar|"
                        r"presentation|workshop|speaker|programme|program|schedule", re.I)
NOT_TALK = re.compile(r"/(login|logout|sign-?in|search|tags?|categor(y|ies)|authors?|feeds?|contact|about|"
                      r"privacy|cookies?|news|jobs?|careers?|people|staff|share|print)(/|$)", re.I)
URL_DATE = re.compile(r"(?<!\d)(19|20)\d\d[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
MODES = ("auto", "folder", "host")


def looks_like_talk(url: str) -> bool:
    """An address shaped like a talk's own page: a date in it, a slug of three words or more,
    or a two-word slug or an id in a talk-ish folder (/seminars/, /events/, /talks/)."""
    path = urlsplit(url).path
    if NOT_TALK.search(path):
        return False
    if URL_DATE.search(path):
        return True
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    last = re.sub(r"\.(html?|php|aspx?)$", "", segments[-1], flags=re.I)
    words = len(re.split(r"[-_]+", last))
    in_talk_folder = any(TALK_WORDS.search(segment) for segment in segments[:-1])
    return last.isdigit() or words >= 3 or (words >= 2 and in_talk_folder)


@dataclass
class Scope:
    """Where a crawl may go: the start pages' folders, and (mode "auto") talk pages near them.

    `url in scope` holds for the folders and for every page `admit` let in.
    `admit(url, referrer)` decides for a link found on `referrer`, counting
    link depth from the start pages: mode "folder" admits the folders only,
    "auto" also pages that look like talks within `max_depth` links, "host"
    any page of the hosts within `max_depth` links.
    """

    prefixes: tuple[tuple[str, str], ...]  # (netloc, folder)
    mode: str = "auto"
    max_depth: int = 2
    depths: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_seeds(cls, seeds: list[str], mode: str = "auto", max_depth: int = 2) -> "Scope":
        if mode not in MODES:
            raise ValueError(f"scope mode {mode!r} is not one of {', '.join(MODES)}")
        scope = cls(tuple(sorted({(urlsplit(s).netloc, folder_of(s)) for s in seeds})), mode, max_depth)
        scope.depths.update((seed, 0) for seed in seeds)
        return scope

    def in_folder(self, url: str) -> bool:
        parts = urlsplit(url)
        return any(parts.netloc == netloc and parts.path.startswith(folder) for netloc, folder in self.prefixes)

    def __contains__(self, url: str) -> bool:
        return self.in_folder(url) or url in self.depths

    def depth(self, url: str) -> int | None:
        """Links from a start page to `url` (0 inside the folders), None when never admitted."""
        return 0 if self.in_folder(url) else self.depths.get(url)

    def admit(self, url: str, referrer: str | None = None) -> bool:
        """Whether to crawl `url`, linked from `referrer` (None: a start page or a page archived before)."""
        if self.in_folder(url):
            return True
        hosts = {netloc for netloc, _ in self.prefixes}
        if self.mode == "folder" or urlsplit(url).netloc not in hosts:
            return url in self.depths
        if referrer is None:
            depth = self.depths.get(url, self.max_depth)  # known before: admitted then, followed no further
        else:
            base = self.depth(referrer)
            depth = self.max_depth + 1 if base is None else base + 1
        if depth > self.max_depth or (self.mode == "auto" and not looks_like_talk(url)):
            return url in self.depths
        self.depths[url] = min(depth, self.depths.get(url, depth))
        return True


def same_document(a: str, b: str) -> bool:
    """Whether two addresses name one file the way static hosts serve it:
    `/lm/2021`, `/lm/2021.html`; `/talks/` and `/talks/index.html`."""
    def bare(url: str) -> tuple[str, str, str]:
        parts = urlsplit(url)
        path = re.sub(r"(/index)?\.html?$", "", parts.path).rstrip("/")
        return parts.netloc, path, parts.query
    return bare(a) == bare(b)


def worth_fetching(url: str) -> bool:
    """False for links to images, documents and other files that hold no page or feed."""
    return not NOT_HTML.search(urlsplit(url).path)
