"""Links a talk carries: the meeting link and the links in its text.

Each link gets a kind (meeting, video, slides, paper, homepage, other).
Meeting passcodes (`pwd=` and the like) are removed at extraction time so
that nothing downstream ever stores or publishes them.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from bs4 import Tag

from ..linkrules import BARE_URL, classify, strip_secrets
from ..talk import Link
from .fields import Field
from .markup import self_and_tags_in
from .text import PLACEHOLDERS

def anchors_of(nodes) -> list[Tag]:
    found = []
    for node in nodes:
        if isinstance(node, Tag):
            found.extend(self_and_tags_in(node, "a"))
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
