"""Finding tags by name, fast.

bs4's `find_all` builds a filter object for every call and matches each node
through it: about ten times the cost of walking the tree and comparing names.
The page types ask for tags by name hundreds of times per page, so they ask here.
"""
from __future__ import annotations

from collections.abc import Collection

from bs4 import Tag


def _names(names: str | Collection[str]) -> Collection[str]:
    return (names,) if isinstance(names, str) else names


def tags_in(node: Tag, names: str | Collection[str]) -> list[Tag]:
    """The tags under `node` (not itself) with one of these names, in document order."""
    wanted = _names(names)
    return [tag for tag in node.descendants if isinstance(tag, Tag) and tag.name in wanted]


def first_in(node: Tag, names: str | Collection[str]) -> Tag | None:
    """The first tag under `node` with one of these names, or None."""
    wanted = _names(names)
    return next((tag for tag in node.descendants if isinstance(tag, Tag) and tag.name in wanted), None)


def self_and_tags_in(node: Tag, names: str | Collection[str]) -> list[Tag]:
    """`node` itself when it has one of these names, then the tags under it that do."""
    wanted = _names(names)
    return ([node] if node.name in wanted else []) + tags_in(node, wanted)
