"""Links a talk carries: the meeting link and the links in its text.

Each link gets a kind (meeting, video, slides, paper, homepage, other).
Meeting passcodes (`pwd=` and the like) are removed at extraction time so
that nothing downstream ever stores or publishes them.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from ..talk import Link
from .fields import Field
from .text import PLACEHOLDERS

BARE_URL = re.compile(r"https?://[^\s<>()\[\]\"']+[^\s<>()\[\]\"'.,;:!?]")
SECRET_PARAMS = {"pwd", "passcode", "password", "pw", "tk", "token"}
KIND_PATTERNS = [
    ("meeting", re.compile(r"zoom\.us/|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|meet\.jit\.si", re.I)),
    ("video", re.compile(r"youtube\.com/|youtu\.be/|vimeo\.com/|/recording|play\.kth\.se|video", re.I)),
    ("slides", re.compile(r"\.(pdf|pptx?|key|odp)(\?|$)|slides|speakerdeck\.com|slideshare\.net", re.I)),
    ("paper", re.compile(r"arxiv\.org/|doi\.org/|openreview\.net/|aclanthology\.org/|proceedings\.", re.I)),
]


def strip_secrets(url: str) -> str:
    """The URL without passcode parameters in its query or fragment."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() not in SECRET_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def classify(url: str, *, default: str = "other") -> str:
    for kind, pattern in KIND_PATTERNS:
        if pattern.search(url):
            return kind
    return default


def _urls_in(field: Field, base_url: str) -> list[tuple[str, str | None]]:
    """(url, text) pairs of a field: its anchors first, then bare URLs in its text."""
    found = []
    for anchor in field.anchors():
        href = (anchor.get("href") or "").strip()
        if href.casefold() in PLACEHOLDERS or href.startswith(("#", "mailto:", "javascript:")):
            continue
        url = urljoin(base_url, href)
        if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc:
            text = anchor.get_text(" ", strip=True)
            found.append((url, None if text == href else text or None))
    found.extend((url, None) for url in BARE_URL.findall(field.raw_text))
    return found


def talk_links(fields: dict[str, Field], base_url: str) -> list[Link]:
    """The meeting link and the links of the talk's text, de-duplicated, passcodes removed."""
    links: list[Link] = []
    seen: set[str] = set()
    for name in ("meeting", "title", "speaker", "abstract", "bio", "location"):
        if name not in fields:
            continue
        default = {"meeting": "meeting", "bio": "homepage", "speaker": "homepage"}.get(name, "other")
        for url, text in _urls_in(fields[name], base_url):
            url = strip_secrets(url)
            if url not in seen:
                seen.add(url)
                links.append(Link(url, classify(url, default=default), text))
    return links
