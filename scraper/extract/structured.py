"""Page type "structured": schema.org `Event` markup in JSON-LD, microdata or RDFa (read by extruct).

An event's `name` is the title (or "Speaker: Title" when no performer is
given), its `performer`s the speakers with their `affiliation` or
`worksFor`, `description` the abstract and a performer's `description` the
bio; `startDate`/`endDate` the times, `location` a Place (its name) or a
VirtualLocation (its URL, the meeting link); `eventStatus` EventCancelled
cancels it. A page with one event is that talk's own page; with several, a
listing.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from ..talk import Link, SourceKind, Speaker, Talk
from .document import Document
from .draft import Draft, build_talk
from .items import FormatItems
from ..linkrules import classify, strip_secrets
from .headline import split_headline
from .speakers import clean_name, parse_speakers
from .text import collapse

SCHEMA = ("http://schema.org/", "https://schema.org/")
SCHEMA_ORG = re.compile(r"schema\.org", re.I)
SYNTAXES = ["json-ld", "microdata", "rdfa"]
PEOPLE = ("performer", "performers", "speaker", "actor")
MATERIAL = ("subjectOf", "recordedIn", "workFeatured", "workPerformed")


def _local(key: str) -> str:
    for prefix in SCHEMA:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


def _types(item: dict) -> list[str]:
    kinds = item.get("@type") or []
    return [_local(kind) for kind in ([kinds] if isinstance(kinds, str) else kinds)]


def _rdfa_nodes(items: list[dict]) -> list[dict]:
    """Expanded RDFa nodes (as extruct gives them) nested back into compact schema.org objects."""
    by_id = {item.get("@id"): item for item in items}

    def compact(node: dict, depth: int) -> dict:
        out: dict = {"@type": _types(node)}
        for key, values in node.items():
            if key.startswith("@"):
                continue
            out[_local(key)] = [value_of(value, depth) for value in values]
        return out

    def value_of(value: dict, depth: int):
        if "@value" in value:
            return value["@value"]
        target = by_id.get(value.get("@id"))
        return compact(target, depth + 1) if target is not None and depth < 4 else value.get("@id")

    return [compact(item, 0) for item in items if item.get("@type")]


def _flatten(items: list) -> Iterator[dict]:
    for item in items:
        if isinstance(item, dict):
            yield item
            yield from _flatten(item.get("@graph") or [])


def events(doc: Document) -> list[dict]:
    """Every schema.org Event (or subtype) the page marks up."""
    return doc.remember("events", lambda: _events(doc))


def _events(doc: Document) -> list[dict]:
    if not SCHEMA_ORG.search(doc.html):  # no vocabulary, no events: spare the parsers
        return []
    import extruct  # ~10 MB of parsers, loaded by the first page that mentions schema.org

    try:
        data = extruct.extract(doc.html, base_url=doc.url, syntaxes=SYNTAXES, uniform=True, errors="ignore")
    except Exception:  # extruct raises what its parsers raise on broken markup
        return []
    items = list(_flatten(data.get("json-ld", []))) + data.get("microdata", []) + _rdfa_nodes(data.get("rdfa", []))
    return [item for item in items if any(kind.endswith("Event") for kind in _types(item))]


def _all(item: dict, key: str) -> list:
    value = item.get(key)
    return value if isinstance(value, list) else [] if value is None else [value]


def _one(item: dict, *keys: str):
    for key in keys:
        for value in _all(item, key):
            if value not in (None, ""):
                return value
    return None


def _text(value) -> str | None:
    if isinstance(value, dict):
        return _text(_one(value, "name", "@value"))
    return collapse(str(value)) if value not in (None, "") else None


def _raw(value) -> str | None:
    """Text that keeps its line breaks (paragraphs of a description)."""
    return str(value) if isinstance(value, (str, int, float)) and str(value).strip() else _text(value)


def _moment(value) -> datetime | date | None:
    text = _text(value)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text[:10])
    except ValueError:
        return None


def _people(event: dict) -> list[dict]:
    return [p for key in PEOPLE for p in _all(event, key) if isinstance(p, dict)]


def _speakers(event: dict) -> list[Speaker]:
    """Performers with their affiliation; a name written "Dr. Name (Affiliation)" is read as such."""
    speakers = []
    for person in _people(event):
        name, affiliation = _text(person), _text(_one(person, "affiliation", "worksFor"))
        if name:
            speakers.extend([Speaker(clean_name(name), affiliation)] if affiliation else parse_speakers(name))
    return speakers


def _links(event: dict) -> list[Link]:
    found: list[tuple[str, str]] = []
    for place in _all(event, "location"):
        if isinstance(place, dict) and "VirtualLocation" in _types(place) and _one(place, "url"):
            found.append((_text(_one(place, "url")), "meeting"))
    for person in _people(event):
        found.extend((url, "homepage") for key in ("url", "sameAs") for url in _all(person, key) if isinstance(url, str))
    for key in MATERIAL:
        for work in _all(event, key):
            url = _one(work, "url", "contentUrl", "@id") if isinstance(work, dict) else work
            if isinstance(url, str):
                found.append((url, "other"))
    links, seen = [], set()
    for url, default in found:
        url = strip_secrets(url)
        if url not in seen:
            seen.add(url)
            links.append(Link(url, classify(url, default=default)))
    return links


def _location(event: dict) -> str | None:
    for place in _all(event, "location"):
        if isinstance(place, str):
            return collapse(place)
        if isinstance(place, dict) and "VirtualLocation" not in _types(place):
            return _text(place) or _text(_one(place, "address"))
    return None


def event_draft(event: dict) -> Draft:
    speakers = _speakers(event)
    title = _text(_one(event, "name"))
    if not speakers:
        named, title = split_headline(title)
        speakers = named
    start, end = _moment(_one(event, "startDate")), _moment(_one(event, "endDate"))
    bios = [_raw(_one(p, "description")) for p in _people(event)]
    status = _text(_one(event, "eventStatus")) or ""
    return Draft(
        title=title, speakers=speakers, abstract=_raw(_one(event, "description")),
        bio="\n\n".join(b for b in bios if b) or None, location=_location(event),
        day=start if isinstance(start, date) and not isinstance(start, datetime) else None,
        start=start if isinstance(start, datetime) else None,
        end=end if isinstance(end, datetime) else None,
        links=_links(event), status="cancelled" if status.endswith("EventCancelled") else None,
    )


class StructuredEvents(FormatItems):
    name = "structured"
    ceiling = 0.9  # the strongest signal `detect` can give
    format = "html"
    items = staticmethod(events)

    def talks(self, doc: Document) -> Iterator[Talk]:
        found = events(doc)
        kind = SourceKind.PAGE if len(found) == 1 else SourceKind.PLAN
        for event in found:
            talk = build_talk(doc, event_draft(event), kind)
            if talk:
                yield talk
