"""Finding labelled fields ("Title:", "Speaker:", ...) in a page.

A labelled field starts at a block (paragraph, list item, ...) that opens with
a bold label ending in a colon (`<strong>Abstract:</strong> ...`) or with a
known label as plain text ("Abstract: ..."), or is a `<dt>`, `<th>` or heading
holding only a label (`<dt>Speaker</dt><dd>...</dd>`). Its value is the rest of that
block plus the blocks that follow, up to the next label or a sign-off line
("-- The Team", "More information ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import NavigableString, Tag

from .text import node_text
from .markup import first_in, self_and_tags_in, tags_in

# Canonical field name -> the labels that announce it (English and Swedish), lower case.
LABELS = {
    "title": ("title", "talk title", "topic", "titel", "rubrik", "ämne"),
    "speaker": ("speaker", "speakers", "presenter", "presenters", "presented by", "lecturer",
                "talare", "föreläsare", "föredragshållare"),
    "affiliation": ("affiliation", "institution", "organisation", "organization", "lärosäte"),
    "abstract": ("abstract", "summary", "description", "sammanfattning", "beskrivning"),
    "bio": ("about the speaker", "about the speakers", "bio", "biography", "speaker bio",
            "om talaren", "om föreläsaren", "om föreläsarna"),
    "date": ("date", "when", "date and time", "datum", "när", "dag", "datum och tid"),
    "time": ("time", "tid", "klockan", "kl"),
    "location": ("location", "where", "venue", "place", "room", "address", "plats", "lokal", "sal"),
    "meeting": ("zoom link", "zoom", "meeting link", "teams link", "join", "online"),
    "material": ("links", "material", "materials", "resources", "slides", "recording", "video", "paper",
                 "länkar", "bilder", "inspelning"),
    "upcoming": ("upcoming seminars", "upcoming talks", "coming seminars", "next seminars",
                 "kommande seminarier"),
}
LABEL_TO_FIELD = {label: name for name, labels in LABELS.items() for label in labels}
KNOWN_LABEL = re.compile(
    r"^\W{0,3}(%s)\s*:" % "|".join(sorted(map(re.escape, LABEL_TO_FIELD), key=len, reverse=True)),
    re.I,
)
# Fields of one line: their value goes on to the next block only when the label stands alone.
ONE_LINE = {"title", "speaker", "affiliation", "date", "time", "location"}
SIGN_OFF = re.compile(r"^\s*(--|more information\b)", re.I)
FIELD_BLOCKS = ("p", "li", "div", "dd", "dt", "th", "h2", "h3", "h4", "h5", "h6")
# Blocks that are a label on their own when their whole text is one ("<dt>Speaker</dt>", "<h3>Abstract</h3>").
LABEL_BLOCKS = ("dt", "th", "h2", "h3", "h4", "h5", "h6")


@dataclass
class Field:
    """A labelled field: its canonical name and the markup nodes of its value."""

    name: str
    label: str
    nodes: list = field(default_factory=list)  # the rest of the labelled block
    block: Tag | None = None  # the labelled block itself
    blocks: list = field(default_factory=list)  # the blocks that continue it

    @property
    def raw_text(self) -> str:
        """The value's text; each continuing block starts a new paragraph."""
        first = "".join(node_text(node) for node in self.nodes)
        return "\n\n".join([first] + [node_text(block) for block in self.blocks])

    @property
    def all_nodes(self) -> list:
        return self.nodes + self.blocks


def _children(block: Tag) -> list:
    return [c for c in block.children if not (isinstance(c, NavigableString) and not c.strip())]


def _bold_label(block: Tag) -> tuple[str, list] | None:
    """'Label' and the value nodes when the block opens with <strong>Label:</strong>."""
    children = _children(block)
    if not children or not isinstance(children[0], Tag) or children[0].name not in ("strong", "b"):
        return None
    label = children[0].get_text(" ", strip=True)
    rest = list(children[0].next_siblings)
    if label.endswith(":"):
        return label[:-1].strip(), rest
    if rest and isinstance(rest[0], NavigableString) and rest[0].lstrip().startswith(":"):
        return label, [NavigableString(rest[0].lstrip()[1:])] + rest[1:]
    if len(children) == 1 and known_label(label):
        return label, []  # <p><strong>Abstract</strong></p> and the value below
    return None


def known_label(text: str) -> bool:
    return text.strip().rstrip(":").strip().casefold() in LABEL_TO_FIELD


def _text_label(block: Tag) -> tuple[str, list] | None:
    """'Label' and the value nodes when the block's text opens with a known label."""
    if first_in(block, FIELD_BLOCKS):
        return None
    text = block.get_text()
    if block.name == "th" and getattr(block.find_next_sibling(["td", "th"]), "name", "th") == "th":
        return None  # a column header, not a row label
    if block.name in LABEL_BLOCKS and (known_label(text) or (block.name in ("dt", "th") and text.strip().endswith(":"))):
        return text.strip().rstrip(":").strip(), []
    match = KNOWN_LABEL.match(text)
    if not match:
        return None
    return match.group(1), _nodes_after(block, match.end())


def _nodes_after(block: Tag, offset: int) -> list:
    """The block's content after its first `offset` characters, markup (links) kept."""
    nodes: list = []
    for child in block.children:
        text = child if isinstance(child, NavigableString) else child.get_text()
        if offset <= 0:
            nodes.append(child)
        elif len(text) > offset:
            nodes.append(NavigableString(text[offset:]) if isinstance(child, NavigableString) else child)
        offset -= len(text)
    return nodes


def label_of(block: Tag) -> tuple[str, list] | None:
    if not isinstance(block, Tag) or block.name not in FIELD_BLOCKS:
        return None
    return _bold_label(block) or _text_label(block)


def _blocks_under(roots) -> list[Tag]:
    """The field blocks of some markup: each root that is one, and those inside it."""
    roots = [roots] if isinstance(roots, Tag) else [r for r in roots if isinstance(r, Tag)]
    return [block for root in roots
            for block in self_and_tags_in(root, FIELD_BLOCKS)]


def all_fields(roots) -> list[Field]:
    """Every labelled field in some markup (a tag or a run of sibling tags), in page order.

    A field's value goes on over the blocks after its label up to the next
    label, a sign-off line, or the end of the markup given.
    """
    found: list[Field] = []
    seen_blocks: set[int] = set()
    within = None if isinstance(roots, Tag) else {id(r) for r in roots}
    for block in _blocks_under(roots):
        if id(block) in seen_blocks:
            continue
        labelled = label_of(block)
        if not labelled:
            continue
        label, nodes = labelled
        current = Field(LABEL_TO_FIELD.get(label.casefold(), "other"), label, list(nodes), block=block)
        for sibling in _continuation(block, current):
            if isinstance(sibling, NavigableString):
                continue
            if (within is not None and id(block) in within and id(sibling) not in within) \
                    or label_of(sibling) or SIGN_OFF.match(sibling.get_text()):
                break
            current.blocks.append(sibling)
            seen_blocks.update(id(t) for t in tags_in(sibling, FIELD_BLOCKS))
        if current.name != "other":
            found.append(current)
    return found


def _continuation(block: Tag, current: Field):
    """The sibling blocks a field's value may go on into."""
    siblings = (s for s in block.next_siblings if not isinstance(s, NavigableString))
    if current.name not in ONE_LINE:
        return siblings
    has_value = "".join(node_text(node) for node in current.nodes).strip()
    if has_value:
        return []
    return siblings if block.name in ("dt", "th") else [s for s in [next(siblings, None)] if s is not None]


def first_of_each(fields: list[Field]) -> dict[str, Field]:
    """Fields by canonical name, the first of each name winning."""
    named: dict[str, Field] = {}
    for found in fields:
        named.setdefault(found.name, found)
    return named
