"""Finding labelled fields ("Title:", "Speaker:", ...) in a page.

A labelled field starts at a block (paragraph, list item, ...) that opens with
a bold label ending in a colon (`<strong>Abstract:</strong> ...`) or with a
known label as plain text ("Abstract: ..."). Its value is the rest of that
block plus the blocks that follow, up to the next label or a sign-off line
("-- The Team", "More information ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag

from .text import node_text

# Canonical field name -> the labels that announce it (English and Swedish), lower case.
LABELS = {
    "title": ("title", "talk title", "titel"),
    "speaker": ("speaker", "speakers", "presenter", "presenters", "talare", "föreläsare"),
    "abstract": ("abstract", "summary", "sammanfattning"),
    "bio": ("about the speaker", "about the speakers", "bio", "biography", "speaker bio", "om talaren"),
    "date": ("date", "when", "time", "date and time", "datum", "tid"),
    "location": ("location", "where", "venue", "place", "room", "plats", "lokal"),
    "meeting": ("zoom link", "zoom", "meeting link", "teams link", "join", "online"),
    "upcoming": ("upcoming seminars", "upcoming talks", "coming seminars", "next seminars",
                 "kommande seminarier"),
}
LABEL_TO_FIELD = {label: name for name, labels in LABELS.items() for label in labels}
KNOWN_LABEL = re.compile(
    r"^\W{0,3}(%s)\s*:" % "|".join(sorted(map(re.escape, LABEL_TO_FIELD), key=len, reverse=True)),
    re.I,
)
SIGN_OFF = re.compile(r"^\s*(--|more information\b)", re.I)
FIELD_BLOCKS = ("p", "li", "div", "dd", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Field:
    """A labelled field: its canonical name and the markup nodes of its value."""

    name: str
    label: str
    nodes: list = field(default_factory=list)  # the rest of the labelled block
    blocks: list = field(default_factory=list)  # the blocks that continue it

    @property
    def raw_text(self) -> str:
        """The value's text; each continuing block starts a new paragraph."""
        first = "".join(node_text(node) for node in self.nodes)
        return "\n\n".join([first] + [node_text(block) for block in self.blocks])

    @property
    def all_nodes(self) -> list:
        return self.nodes + self.blocks

    def anchors(self) -> list[Tag]:
        found = []
        for node in self.all_nodes:
            if isinstance(node, Tag):
                found.extend([node] if node.name == "a" else node.find_all("a"))
        return found


def _bold_label(block: Tag) -> tuple[str, list] | None:
    """'Label' and the value nodes when the block opens with <strong>Label:</strong>."""
    children = [c for c in block.children if not (isinstance(c, NavigableString) and not c.strip())]
    if not children or not isinstance(children[0], Tag) or children[0].name not in ("strong", "b"):
        return None
    label = children[0].get_text(" ", strip=True)
    rest = list(children[0].next_siblings)
    if label.endswith(":"):
        return label[:-1].strip(), rest
    if rest and isinstance(rest[0], NavigableString) and rest[0].lstrip().startswith(":"):
        return label, [NavigableString(rest[0].lstrip()[1:])] + rest[1:]
    return None


def _text_label(block: Tag) -> tuple[str, list] | None:
    """'Label' and the value nodes when the block's text opens with a known label."""
    if block.find(FIELD_BLOCKS):
        return None
    text = block.get_text()
    match = KNOWN_LABEL.match(text)
    if not match:
        return None
    return match.group(1), [NavigableString(text[match.end():])]


def label_of(block: Tag) -> tuple[str, list] | None:
    if not isinstance(block, Tag) or block.name not in FIELD_BLOCKS:
        return None
    return _bold_label(block) or _text_label(block)


def labelled_fields(soup: BeautifulSoup) -> dict[str, Field]:
    """The page's labelled fields by canonical name (the first of each name wins)."""
    fields: dict[str, Field] = {}
    seen_blocks: set[int] = set()
    for block in soup.find_all(FIELD_BLOCKS):
        if id(block) in seen_blocks:
            continue
        found = label_of(block)
        if not found:
            continue
        label, nodes = found
        name = LABEL_TO_FIELD.get(label.casefold(), "other")
        current = Field(name, label, list(nodes))
        for sibling in block.next_siblings:
            if isinstance(sibling, NavigableString):
                continue
            if label_of(sibling) or SIGN_OFF.match(sibling.get_text()):
                break
            current.blocks.append(sibling)
            seen_blocks.update(id(t) for t in sibling.find_all(FIELD_BLOCKS))
        if name != "other":
            fields.setdefault(name, current)
    return fields
