"""Reading one talk out of a block of markup: a listing entry, a feed item, a calendar note.

Labelled fields ("Speaker: ...") are read as such. What is left is read by
its role, paragraph by paragraph: the first line that is more than a date is
the headline (speaker and title, `split_headline`); a later short line that
names a room or a meeting is the location, one that names people the
speaker; a paragraph that opens with the speaker's name is the bio; the rest
is the abstract. Dates and times are taken out of every line first.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit
from dataclasses import dataclass, field

from bs4 import NavigableString, Tag

from ..series import Hints
from .dates import WEEKDAY_NUMBER, DateReader, time_matches
from .draft import Draft
from .fields import Field, all_fields, first_of_each, known_label
from .headline import names_people, split_headline, trim
from .links import anchors_of, link_list, talk_links
from .markup import first_in, tags_in
from .speakers import parse_speakers
from .text import BLOCK_TAGS, collapse, node_text, paragraphs_of, repair
from ..urls import worth_fetching

LOCATION_WORDS = re.compile(
    r"\b(room|rooms|hall|building|auditorium|aula|lecture theat(?:re|er)|campus|floor|seminar room|"
    r"sal|salen|lokal|huset|online|zoom|teams|hybrid|via)\b", re.I)
ZONE_WORDS = re.compile(r"\b(?:CES?T|UTC|GMT|EES?T|WES?T|BST|E[SD]T|P[SD]T|C[SD]T|local time)\b|\bkl(?:\.|ockan)?(?=\s|$)")
# A weekday left beside a time ("Thursday 15:00"): full names anywhere, short ones ("Thu") only before "," "." or a digit.
WEEKDAY_WORD = re.compile(r"\b(?:%s)\b|\b(?:%s)(?:[.,]|(?=\s+\d))" % (
    "|".join(name for name in WEEKDAY_NUMBER if len(name) >= 6),
    "|".join(name for name in WEEKDAY_NUMBER if len(name) < 6)), re.I)
HEADLINE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt", "caption")
TITLE_MARKS = ("cite", "q", "em", "i", "a", "strong", "b")
SHORT = 160
PART = re.compile(r"\s+[·|•]\s+")


@dataclass
class Paragraph:
    node: Tag | None
    text: str


@dataclass
class _Roles:
    draft: Draft
    when: list[str] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    headline_done: bool = False


def fields_draft(fields: dict[str, Field], base_url: str) -> Draft:
    """A draft of what labelled fields say."""
    text = {name: found.raw_text for name, found in fields.items()}
    speakers = text.get("speaker")
    if speakers and text.get("affiliation"):
        speakers = f"{collapse(speakers)}, {collapse(text['affiliation'])}"
    when = " ".join(text[name] for name in ("date", "time") if name in text) or None
    return Draft(title=text.get("title"), speakers=speakers, abstract=text.get("abstract"), bio=text.get("bio"),
                 location=text.get("location"), when=when, links=talk_links(fields, base_url))


def strip_when(text: str, reader: DateReader) -> str:
    """The text without its dates, times, zone names and weekdays."""
    text = reader.without_dates(text)
    for match in reversed(list(time_matches(text))):
        text = text[:match.start()] + " " + text[match.end():]
    return trim(WEEKDAY_WORD.sub(" ", ZONE_WORDS.sub(" ", text)))


def _leaves(node, skip: set[int]) -> list[Paragraph]:
    """The text-holding blocks of a node, in order, less the skipped (labelled) ones."""
    if id(node) in skip:
        return []
    if isinstance(node, NavigableString):
        return [Paragraph(None, str(node))] if str(node).strip() else []
    if not isinstance(node, Tag) or node.name in ("script", "style", "template"):
        return []
    if not any(isinstance(c, Tag) and c.name in BLOCK_TAGS | {"summary"} for c in node.descendants):
        return [Paragraph(node, node_text(node))]
    found: list[Paragraph] = []
    for child in node.children:
        found.extend(_leaves(child, skip))
    return found


def free_paragraphs(nodes, fields: list[Field]) -> list[Paragraph]:
    """The paragraphs of a block that no labelled field took."""
    skip = {id(f.block) for f in fields} | {id(b) for f in fields for b in f.blocks}
    paragraphs = []
    for leaf in (leaf for node in nodes for leaf in _leaves(node, skip)):
        for text in paragraphs_of(repair(leaf.text)):
            paragraphs.append(Paragraph(leaf.node, text))
    return paragraphs


def marked_title(node: Tag | None, reader: DateReader) -> str | None:
    """The title the markup sets apart: a heading, or an emphasised or linked part that names no one."""
    if node is None:
        return None
    if node.name in HEADLINE_TAGS and first_in(node, TITLE_MARKS) is None:
        text = strip_when(node.get_text(" "), reader)
        return None if not text or names_people(text) else None if _splittable(text) else text
    for mark in tags_in(node, TITLE_MARKS):
        text = strip_when(mark.get_text(" "), reader)
        if len(text.split()) >= 2 and not names_people(text):
            return text
    return None


def _splittable(text: str) -> bool:
    return split_headline(text)[0] is not None


def _read(roles: _Roles, paragraph: Paragraph, reader: DateReader) -> None:
    if reader.spans(paragraph.text) or next(time_matches(reader.without_dates(paragraph.text)), None):
        roles.when.append(paragraph.text)
    rest = strip_when(paragraph.text, reader)
    if not rest:
        return
    draft = roles.draft
    if not roles.headline_done and len(rest) <= SHORT and not (draft.title and draft.speakers):
        roles.headline_done = True
        speaker, title = split_headline(rest, marked_title(paragraph.node, reader))
        draft.speakers = draft.speakers or speaker
        draft.title = draft.title or title
        return
    for part in _parts(rest, paragraph.node):
        _read_part(roles, part)


def _parts(text: str, node: Tag | None) -> list[str]:
    """A line's parts between "·" or "|", less those that are only a link ("Slides", "paper: arXiv:1234")."""
    anchors = [a.get_text(" ", strip=True) for a in tags_in(node, "a")] if node is not None else []
    parts = []
    for part in PART.split(text):
        bare = part
        for anchor in anchors:
            bare = bare.replace(anchor, " ")
        if anchors and (not bare.strip(" :") or known_label(bare)):
            continue
        parts.append(part)
    return parts


def _read_part(roles: _Roles, text: str) -> None:
    draft = roles.draft
    short = len(text) <= SHORT
    if short and not draft.location and LOCATION_WORDS.search(text):
        draft.location = text
    elif short and not draft.speakers and names_people(text):
        draft.speakers = text
    elif not draft.bio and _about_speaker(text, draft):
        draft.bio = text
    else:
        roles.abstract.append(text)


def _about_speaker(text: str, draft: Draft) -> bool:
    """A paragraph that opens with a speaker's name or surname ("Ada Quill is ...", "Quill works ...")."""
    speakers = draft.speakers if isinstance(draft.speakers, list) else parse_speakers(draft.speakers)
    return any(text.startswith(s.name) or text.startswith(s.name.split()[-1] + " ") for s in speakers)


def block_draft(nodes, base_url: str, reader: DateReader, hints: Hints | None = None) -> Draft:
    """Everything a block of markup says of one talk."""
    nodes = [nodes] if isinstance(nodes, Tag) else list(nodes)
    fields = all_fields(nodes)
    draft = fields_draft(first_of_each(fields), base_url)
    if hints:
        apply_selectors(nodes, hints, draft)
    roles = _Roles(draft, [draft.when] if draft.when else [])
    free = free_paragraphs(nodes, fields)
    for paragraph in free:
        _read(roles, paragraph, reader)
    draft.when = " ".join(roles.when) or None
    if not draft.abstract and roles.abstract:
        draft.abstract = "\n\n".join(roles.abstract)
    draft.links = draft.links + free_links(free, base_url, {link.url for link in draft.links})
    return draft


def free_links(paragraphs: list[Paragraph], base_url: str, known: set[str]):
    """Links of unlabelled text: on a person's name a homepage; none to the site's own pages."""
    host = urlsplit(base_url).netloc
    nodes = list({id(p.node): p.node for p in paragraphs if p.node is not None}.values())
    groups = []
    for anchor in anchors_of(nodes):
        target = urljoin(base_url, anchor.get("href") or "")
        if urlsplit(target).netloc == host and worth_fetching(target):
            continue
        groups.append(("homepage" if names_people(anchor.get_text(" ")) else "other", [anchor], ""))
    groups.extend(("other", [], p.text) for p in paragraphs)
    return [link for link in link_list(groups, base_url) if link.url not in known]


SELECTED = {"title": "title", "speaker": "speakers", "abstract": "abstract", "bio": "bio", "location": "location"}


def apply_selectors(nodes, hints: Hints, draft: Draft) -> None:
    """Fields the source's hints point at with CSS selectors replace what was read."""
    def selected(name: str) -> str | None:
        selector = hints.selector(name)
        if not selector:
            return None
        found = [match for node in nodes if isinstance(node, Tag)
                 for match in ([node] if node.css.match(selector) else node.select(selector))]
        return "\n\n".join(node_text(match) for match in found) or None

    for name, attribute in SELECTED.items():
        value = selected(name)
        if value is not None:
            setattr(draft, attribute, value)
    when = " ".join(filter(None, (selected("date"), selected("time"))))
    if when:
        draft.when = when
