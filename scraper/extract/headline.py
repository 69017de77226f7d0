"""One line naming a talk: "Ada Quill (Nowhere U): Sparse gardens", "Sparse gardens - Ada Quill".

Listings, feed item titles and calendar summaries put the speaker and the
title on one line in either order. The side that reads as people is the
speaker; when both could (a short title in Title Case), the speaker comes
first unless the line says "by".
"""
from __future__ import annotations

import re

from .speakers import looks_like_person, parse_speakers
from .text import collapse

SEPARATORS = (re.compile(r"\s*:\s+"), re.compile(r"\s+[-–—|·]\s+|\s*[–—|·]\s*"))
BY = re.compile(r"[,;]?\s+by\s+", re.I)
TRAILING_PARENS = re.compile(r"^(?P<title>.+?)\s*\((?P<who>[^()]*(?:\([^()]*\)[^()]*)*)\)\s*$")
EDGE = re.compile(r"^[\s,;:·|–—-]+|[\s,;:·|–—-]+$")


def trim(text: str) -> str:
    return EDGE.sub("", collapse(text))


def names_people(text: str) -> bool:
    """Whether the text names one or more speakers ("Ada Quill, Nowhere U", "A and B (X)")."""
    speakers = parse_speakers(text)
    return bool(speakers) and looks_like_person(speakers[0].name)


def _strength(text: str) -> int:
    """How surely the text is a speaker: 2 with an affiliation or several people, 1 a bare name."""
    speakers = parse_speakers(text)
    if not speakers or not looks_like_person(speakers[0].name):
        return 0
    return 2 if len(speakers) > 1 or speakers[0].affiliation else 1


def split_headline(text: str | None, title: str | None = None) -> tuple[str | None, str | None]:
    """(speaker text, title) of a one-line talk name; `title` when the markup marks it (<em>, <a>)."""
    text = trim(text or "")
    if not text:
        return None, title
    if title:
        rest = trim(text.replace(trim(title), " ", 1))
        return (rest if rest and names_people(rest) else None), trim(title)
    by = BY.split(text, maxsplit=1)
    if len(by) == 2 and names_people(by[1]):
        return trim(by[1]), trim(by[0])
    for separator in SEPARATORS:
        parts = separator.split(text, maxsplit=1)
        if len(parts) == 2:
            left, right = map(trim, parts)
            if _strength(left) >= max(_strength(right), 1):
                return left, right
            if _strength(right):
                return right, left
    parens = TRAILING_PARENS.match(text)
    if parens and names_people(parens.group("who")):
        return trim(parens.group("who")), trim(parens.group("title"))
    return (text, None) if _strength(text) else (None, text)
