"""Links a talk carries: the meeting link and the links in its text.

Each link gets a kind (meeting, video, slides, paper, homepage, other).
Meeting passcodes (`pwd=` and the like) are removed at extraction time so
that nothing downstream ever stores or publishes them.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bs4 import Tag

from ..talk import Link
from .fields import Field
from .text import PLACEHOLDERS

BARE_URL = re.compile(r"https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")
SECRET_PARAMS = {"pwd", "passcode", "password", "pw", "tk", "token"}
# A link's kind: its host says it best, then the words of the link, then the shape of its path.
HOST_KINDS = [
    ("meeting", re.compile(r"zoom\.us/|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|meet\.jit\.si", re.I)),
    ("video", re.compile(r"youtube\.com/|youtu\.be/|vimeo\.com/|play\.kth\.se", re.I)),
    ("paper", re.compile(r"arxiv\.org/|doi\.org/|openreview\.net/|aclanthology\.org/|proceedings\.|dl\.acm\.org/", re.I)),
]
TEXT_KINDS = [
    ("video", re.compile(r"\b(video|recording|recorded talk|watch|inspelning)\b", re.I)),
    ("slides", re.compile(r"\b(slides|slide deck|presentation|bilder)\b", re.I)),
    ("paper", re.compile(r"\b(paper|preprint|article|artikel)\b", re.I)),
    ("meeting", re.compile(r"\b(zoom|join|teams|meeting link)\b", re.I)),
    ("homepage", re.compile(r"\b(home ?page|website|web page|personal page|hemsida)\b", re.I)),
]
PATH_KINDS = [
    ("video", re.compile(r"/recordings?\b|video|\.(mp4|webm)(\?|$)", re.I)),
    ("slides", re.compile(r"\.(pdf|pptx?|key|odp)(\?|$)|slides|speakerdeck\.com|slideshare\.net", re.I)),
]


def strip_secrets(url: str) -> str:
    """The URL without passcode parameters in its query or fragment."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SECRET_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def classify(url: str, text: str | None = None, *, default: str = "other") -> str:
    """meeting, video, slides, paper, homepage or other (`default` when nothing tells)."""
    for patterns, subject in ((HOST_KINDS, url), (TEXT_KINDS, text or ""), (PATH_KINDS, url)):
        for kind, pattern in patterns:
            if pattern.search(subject):
                return kind
    return default


def anchors_of(nodes) -> list[Tag]:
    found = []
    for node in nodes:
        if isinstance(node, Tag):
            found.extend([node] if node.name == "a" else node.find_all("a"))
    return found


def urls_in(nodes, text: str, base_url: str) -> list[tuple[str, str | None]]:
    """(url, text) pairs of some markup: its anchors first, then bare URLs in its text."""
    found = []
    for anchor in anchors_of(nodes):
        href = (anchor.get("href") or "").strip()
        if href.casefold() in PLACEHOLDERS or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urljoin(base_url, href)
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
            text_of = anchor.get_text(" ", strip=True)
            found.append((url, None if text_of == href else text_of or None))
    found.extend((url, None) for url in BARE_URL.findall(text))
    return found


def link_list(groups, base_url: str) -> list[Link]:
    """Links of (default kind, nodes, text) groups, de-duplicated, passcodes removed."""
    links: list[Link] = []
    seen: set[str] = set()
    for default, nodes, text in groups:
        for url, label in urls_in(nodes, text, base_url):
            url = strip_secrets(url)
            if url not in seen:
                seen.add(url)
                links.append(Link(url, classify(url, label, default=default), label))
    return links


FIELD_DEFAULT_KIND = {"meeting": "meeting", "bio": "homepage", "speaker": "homepage"}


def talk_links(fields: dict[str, Field], base_url: str) -> list[Link]:
    """The meeting link and the links of the talk's text, de-duplicated, passcodes removed."""
    names = [name for name in ("meeting", "title", "speaker", "abstract", "bio", "location", "material")
             if name in fields]
    return link_list([(FIELD_DEFAULT_KIND.get(name, "other"), fields[name].all_nodes, fields[name].raw_text)
                      for name in names], base_url)
