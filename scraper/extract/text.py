"""Turning page markup into clean plain text.

Paragraphs are kept as blank-line-separated plain text. Mojibake (UTF-8 read
as cp1252, "masterâ€™s") is repaired with ftfy, which knows far more broken
encodings than any hand-written table; quotes are left curly as written.
"""
from __future__ import annotations

import re

import ftfy
from bs4 import NavigableString, Tag

BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "dd", "dt", "td", "th", "tr", "table", "section",
              "article", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "details"}
# Lines holding only punctuation: spreadsheet artefacts that stood between paragraphs.
ARTEFACT_LINE = re.compile(r"^[\s,;.\-]*$")
PLACEHOLDERS = {"n/a", "na", "tba", "tbd", "-", "?", "..."}
CANCELLED = re.compile(r"\b(cancel+ed|inställt|inställd)\b", re.I)


# What ftfy could change in ASCII text: entities, carriage returns, control characters.
ASCII_FIXABLE = re.compile(r"[&\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def repair(text: str) -> str:
    """Fix mojibake and stray entities without touching typography."""
    if text.isascii() and not ASCII_FIXABLE.search(text):
        return text  # nothing ftfy would change, and most fields are like this
    return ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=True)


def collapse(text: str) -> str:
    return " ".join(text.split())


# A cell separator glued to the end of a sentence ("predictions.,") before an artefact line.
GLUED_SEPARATOR = re.compile(r"(?<=[.!?)\]\"'”’]),+$")


def paragraphs_of(raw: str) -> list[str]:
    """Split raw text into clean paragraphs.

    Blank lines and artefact lines ("," alone) separate paragraphs; any other
    line break inside a paragraph is just a space.
    """
    paragraphs, current = [], []
    for line in raw.split("\n"):
        if not ARTEFACT_LINE.match(line):
            current.append(line)
            continue
        if current:
            paragraph = collapse(" ".join(current))
            paragraphs.append(GLUED_SEPARATOR.sub("", paragraph) if line.strip() else paragraph)
            current = []
    if current:
        paragraphs.append(collapse(" ".join(current)))
    return [p for p in paragraphs if p]


def node_text(node) -> str:
    """Text of a node with <br> and block boundaries as line breaks."""
    if isinstance(node, NavigableString):
        return str(node)
    if not isinstance(node, Tag):
        return ""
    if node.name == "br":
        return "\n"
    inner = "".join(node_text(child) for child in node.children)
    return f"\n{inner}\n" if node.name in BLOCK_TAGS else inner


def clean_text(raw: str | None) -> str | None:
    """Plain text with paragraphs joined by a blank line; None when empty or a placeholder."""
    if raw is None:
        return None
    text = "\n\n".join(paragraphs_of(repair(raw)))
    if not text or text.casefold() in PLACEHOLDERS:
        return None
    return text


def clean_line(raw: str | None) -> str | None:
    """A single-line field (title, location): whitespace collapsed."""
    text = clean_text(raw)
    return collapse(text) if text else None
