"""Speakers from the way pages write them.

"Name, Affiliation" is one speaker (commas may follow inside the affiliation);
"A, B, and C, Some University" is three speakers of one affiliation;
"Flash Talks: A, B?, C (x)" is a session of several speakers; "Name (Affiliation)"
puts the affiliation in parentheses, "Name - Affiliation" after a dash;
"A, B & C (Affiliation)" shares it; "A (X) and B (Y)" and "A, X; B, Y" do not. Honorifics and the marks organisers leave
("?", "(x)") are kept out of names.
"""
from __future__ import annotations

import re

from ..talk import Speaker
from .text import collapse

HONORIFIC = re.compile(r"^(?:(?:prof(?:essor)?|dr|docent|assoc\.? prof|mr|ms|mrs)\.?\s+)+", re.I)
MARKS = re.compile(r"\(\s*x\s*\)|\?+")
TRAILING_MARKUP = re.compile(r"\*\*.*$")  # literal "**label: **" left by broken markdown
SESSION_PREFIX = re.compile(r"^([^,:]{2,40}):\s+(.+)$")
CONJUNCTION = re.compile(r"^(?:and|&|och)\s+|\s+(?:and|&|och)\s+", re.I)
PARTICLES = {"van", "von", "der", "den", "de", "da", "di", "du", "la", "le", "af", "al", "bin", "ibn", "del", "dos", "y"}
NOT_A_PERSON = {"talks", "talk", "session", "sessions", "seminar", "workshop", "panel", "discussion",
                "group", "tba", "tbd", "break", "holiday", "christmas", "university", "institute",
                "research", "lab", "laboratory", "school", "college", "centre", "center", "department",
                "inc", "ltd", "ab", "gmbh", "team", "candidate", "postdoc", "student", "professor",
                "technology", "sciences", "science", "academy", "foundation", "company", "corporation"}
PAREN_AFFILIATION = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")
DASH = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*")


def clean_name(text: str) -> str:
    text = MARKS.sub(" ", text)
    text = HONORIFIC.sub("", collapse(text)).strip(" ,;")
    return collapse(text)


def looks_like_person(text: str, *, single_word_ok: bool = False) -> bool:
    """A personal name: a few capitalised words, no acronyms, no organisation words."""
    words = clean_name(text).split()
    if not words or len(words) > 5 or (len(words) == 1 and not single_word_ok):
        return False
    for word in words:
        bare = word.strip(".,'’-")
        if bare.casefold() in NOT_A_PERSON:
            return False
        if bare.casefold() in PARTICLES:
            continue
        if not bare or not bare[0].isupper() or (len(bare) > 1 and bare.isupper()):
            return False
        if any(ch.isdigit() for ch in bare):
            return False
    return True


def _person(text: str, affiliation: str | None = None) -> Speaker:
    """A speaker from one name item, reading "Name (Affiliation)" too."""
    text = MARKS.sub(" ", text)
    match = PAREN_AFFILIATION.match(text)
    if match and not affiliation:
        text, affiliation = match.group(1), match.group(2)
    return Speaker(clean_name(text), collapse(affiliation) if affiliation else None)


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",")]


def _session(items: list[str]) -> list[Speaker]:
    """Every item a speaker: the list after "Flash Talks:"."""
    return [_person(item) for item in items if looks_like_person(item, single_word_ok=True)]


def _name_run(items: list[str]) -> tuple[list[str], int]:
    """The names that open the list and how many items they take.

    Items after the first count as names only when a conjunction joins them
    ("A, B, and C, Aff"; "A and B (Aff)"): "Name, Some Place" stays one
    speaker even when the place reads like a name.
    """
    names: list[str] = []
    for index, item in enumerate(items):
        parts = [p for p in CONJUNCTION.split(item) if p]
        bare = [PAREN_AFFILIATION.sub(r"\1", p) if PAREN_AFFILIATION.match(p) else p for p in parts]
        if not all(looks_like_person(b, single_word_ok=len(items) == 1 and len(parts) == 1) for b in bare):
            break
        names.extend(parts)
        if len(parts) > 1 or CONJUNCTION.match(item):
            return names, index + 1
    return names[:1], min(len(names), 1)


def _dash_affiliation(text: str) -> str:
    """"Name - Affiliation" read as "Name, Affiliation" when the left side is all names."""
    parts = DASH.split(text, maxsplit=1)
    if len(parts) == 2:
        items = _items(parts[0])
        if _name_run(items)[1] == len(items):
            return f"{parts[0]}, {parts[1]}"
    return text


def parse_speakers(text: str | None) -> list[Speaker]:
    """All speakers named in a speaker field or a schedule entry."""
    if not text:
        return []
    text = collapse(TRAILING_MARKUP.sub("", text)).strip(" ,;")
    if ";" in text:
        return [speaker for part in text.split(";") for speaker in parse_speakers(part)]
    session = SESSION_PREFIX.match(text)
    if session and not looks_like_person(session.group(1)):
        return _session(_items(session.group(2)))
    items = [item for item in _items(_dash_affiliation(text)) if item]
    names, taken = _name_run(items)
    if not names:
        return []
    affiliation = ", ".join(items[taken:]) or None
    match = PAREN_AFFILIATION.match(names[-1])
    own = [PAREN_AFFILIATION.match(name) for name in names[:-1]]
    if match and not affiliation and len(names) > 1 and not any(own):
        names[-1], affiliation = match.group(1), match.group(2)  # "A, B & C (Shared Affiliation)"
    return [_person(name, affiliation) for name in names]
