"""Page type "listing": one page listing many talks, one repeated block each.

The blocks are found by their shape, not their names: sibling elements of
one kind (`<li>`, `<details>`, `<article class="event">`, ...), the sections
that headings of one level open, or runs of labelled fields that start over.
The group with the most dated blocks (a date of their own, or one from a
heading above the group) is the listing; each block is read by
`block_draft`. A year missing from a date is the one of the heading above,
else the page's, and dates run forward through the list (December, then
January of the next year). A per-source `talk` selector names the blocks.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from bs4 import Tag

from ..talk import Talk
from .block import block_draft, strip_when
from .dates import YEAR_WORD
from .document import Document
from .draft import Draft, talks_in_order
from .fields import all_fields
from .markup import self_and_tags_in, tags_in
from .text import CANCELLED, node_text

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CONTEXT_TAGS = HEADINGS + ("caption",)
REPEATABLE = ("li", "details", "article", "section", "div", "p", "dd", "tbody")
Block = list  # sibling tags that describe one talk


@dataclass
class Group:
    blocks: list[Block]

    def headings(self) -> set[int]:
        return {id(h) for block in self.blocks for node in block
                for h in self_and_tags_in(node, HEADINGS)}


def _signature(tag: Tag) -> tuple:
    parent = tag.parent
    return (tag.name, tuple(tag.get("class") or ()), parent.name, tuple(parent.get("class") or ()), id(parent.parent))


def repeated_siblings(soup) -> list[Group]:
    """Tags of one kind and class under parents of one kind: the items of one or several lists."""
    groups: dict[tuple, list[Block]] = defaultdict(list)
    for tag in tags_in(soup, REPEATABLE):
        if tag.parent is not None and tag.parent.parent is not None:
            groups[_signature(tag)].append([tag])
    return [Group(blocks) for blocks in groups.values() if len(blocks) >= 2]


def heading_sections(soup) -> list[Group]:
    """For each parent and heading level: the runs of siblings each heading of that level opens."""
    found = []
    for parent in {id(h.parent): h.parent for h in tags_in(soup, HEADINGS)}.values():
        children = [c for c in parent.children if isinstance(c, Tag)]
        for level in sorted({c.name for c in children if c.name in HEADINGS}):
            sections: list[Block] = []
            for child in children:
                if child.name == level:
                    sections.append([child])
                elif child.name in HEADINGS and child.name < level:
                    sections.append([])  # a higher heading closes the run
                elif sections and sections[-1]:
                    sections[-1].append(child)
            sections = [s for s in sections if s]
            if len(sections) >= 2:
                found.append(Group(sections))
    return found


def label_runs(soup) -> list[Group]:
    """Sibling blocks of labelled fields, a new talk each time the first label comes again."""
    fields = [f for f in all_fields(soup) if f.block is not None]
    if not fields:
        return []
    starter = fields[0].name
    starts = [f.block for f in fields if f.name == starter]
    if len(starts) < 2 or len({id(s.parent) for s in starts}) != 1:
        return []
    blocks: list[Block] = []
    for child in (c for c in starts[0].parent.children if isinstance(c, Tag)):
        if any(child is s for s in starts):
            blocks.append([])
        if blocks:
            blocks[-1].append(child)
    return [Group(blocks)]


def candidate_groups(doc: Document) -> list[Group]:
    selector = doc.series.hints.selector("talk")
    if selector:
        return [Group([[tag] for tag in doc.soup.select(selector)])]
    return repeated_siblings(doc.soup) + heading_sections(doc.soup) + label_runs(doc.soup)


def context(block: Block, group: Group, doc: Document) -> tuple[date | None, int | None]:
    """The date and year that the nearest heading above the group gives the block."""
    inside = group.headings()
    for heading in block[0].find_all_previous(CONTEXT_TAGS):
        if id(heading) in inside:
            continue
        text = heading.get_text(" ")
        day = doc.reader.find(text)
        if day:
            return day, day.year
        years = YEAR_WORD.findall(text)
        if years:
            return None, int(years[0])
    return None, None


def _text(block: Block) -> str:
    return " ".join(node_text(node) for node in block)


def score(group: Group, doc: Document) -> float:
    """Dated blocks that say more than a date, weighed by the share of the group they make."""
    dated = 0
    for block in group.blocks:
        text = _text(block)
        if strip_when(text, doc.reader) and (doc.reader.spans(text) or context(block, group, doc)[0]):
            dated += 1
    return dated * dated / len(group.blocks) if group.blocks else 0.0


def best_group(doc: Document) -> Group | None:
    return doc.remember("listing", lambda: _best_group(doc))


def _best_group(doc: Document) -> Group | None:
    scored = [(score(group, doc), group) for group in candidate_groups(doc)]
    scored = [(value, group) for value, group in scored if value >= 2]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def block_talk(doc: Document, group: Group, block: Block, previous: date | None) -> Draft | None:
    draft = block_draft(block, doc.url, doc.reader, doc.series.hints)
    if not (draft.title or draft.speakers):
        return None
    inherited, year = context(block, group, doc)
    draft.day = doc.reader.find(draft.when, year=year, after=previous) or inherited
    if CANCELLED.search(_text(block)):
        draft.status = "cancelled"
    return draft


def listing_talks(doc: Document, group: Group) -> Iterator[Talk]:
    return talks_in_order(doc, group.blocks, lambda block, previous: block_talk(doc, group, block, previous))


class Listing:
    name = "listing"
    ceiling = 0.75  # the strongest signal `detect` can give

    def detect(self, doc: Document) -> float:
        if doc.format != "html":
            return 0.0
        group = best_group(doc)
        return 0.0 if group is None else self.ceiling if len(group.blocks) >= 3 else 0.45

    def talks(self, doc: Document) -> Iterator[Talk]:
        group = best_group(doc)
        return listing_talks(doc, group) if group else iter(())
