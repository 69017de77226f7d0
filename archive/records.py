"""Pure helpers around the shared `Talk` record: ids, slugs, JSON.

Nothing here touches the database. `talk_to_json` validates the record
against the contract in `scraper.talk`, so a malformed Talk fails loudly
before it reaches a table.
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import date as Date, datetime, timezone as dt_timezone
from functools import lru_cache
from typing import Any, Iterable, Sequence

from scraper.talk import LINK_KINDS, STATUSES, Link, SourceKind, Speaker, Talk

_TEXT_FIELDS = ("series", "source_url", "timezone", "title", "abstract", "bio", "location")


@lru_cache(maxsize=4096)  # the same series and speaker names, over and over in a crawl
def slugify(text: str) -> str:
    """Ascii-fold, lowercase and turn every run of non-alphanumerics into '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def series_slug(series: str) -> str:
    """The `series.id` for a series name (idempotent on slugs)."""
    slug = slugify(series)
    if not slug:
        raise ValueError(f"series name {series!r} has no usable characters")
    return slug


def name_key(name: str) -> str:
    """Identity of a speaker name: NFC, whitespace collapsed, casefolded (accents kept)."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def surname_slug(name: str) -> str:
    """Slug of a person's last name: "Smith, Jane" and "Prof. Jane Smith" give "smith"."""
    name = name.strip()
    last = name.split(",")[0] if "," in name else (name.split() or [""])[-1]
    return slugify(last)


def last_name_slug(talk: Talk) -> str:
    """Slug of the first speaker's last name ('' when the talk has no speaker)."""
    return surname_slug(talk.speakers[0].name) if talk.speakers else ""


def utc_iso(value: datetime | str) -> str:
    """Normalise a timestamp to 'YYYY-MM-DDTHH:MM:SS+00:00' (naive means UTC)."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt_timezone.utc)
    return moment.astimezone(dt_timezone.utc).isoformat(timespec="seconds")


def _same_slot(a: Talk, b: Talk) -> bool:
    return a.date == b.date and series_slug(a.series) == series_slug(b.series)


def _leader_ids(leaders: Sequence[Talk], base: str) -> list[tuple[str, str]]:
    """(last-name slug, id) for the talks a page announces on one date, in page order."""
    assigned: list[tuple[str, str]] = []
    for index, talk in enumerate(leaders):
        slug = last_name_slug(talk)
        earlier = next((ident for s, ident in assigned if slug and s == slug), None)
        if earlier:
            ident = earlier  # the same speaker twice on a date: a repeat, not a new talk
        elif index == 0:
            ident = base
        else:
            ident = f"{base}-{slug or index + 1}"
        assigned.append((slug, ident))
    return assigned


def talk_id(talk: Talk, siblings: Iterable[Talk] = ()) -> str:
    """Stable, readable id of `talk`: '{series}-{YYYY-MM-DD}'.

    `siblings` are all the talks of the same source page, in page order (with
    or without `talk` itself). When the page announces several talks on the
    same date, the 2nd+ get '-{last name slug of the first speaker}' (or
    '-{n}' when there is no speaker). Only the page's most authoritative
    entries for that date count as separate talks: a lower-kind entry on the
    same page (an "upcoming" sidebar repeating the page's own talk) takes the
    id of the entry with the same speaker, else the plain date id.
    """
    page = list(siblings)
    if not any(t is talk for t in page):
        page.append(talk)
    same_day = [t for t in page if _same_slot(t, talk)]
    base = f"{series_slug(talk.series)}-{talk.date.isoformat()}"
    if len(same_day) == 1:
        return base
    top = max(int(t.source_kind) for t in same_day)
    leaders = [t for t in same_day if int(t.source_kind) == top]
    assigned = _leader_ids(leaders, base)
    for leader, (_, ident) in zip(leaders, assigned):
        if leader is talk:
            return ident
    slug = last_name_slug(talk)
    return next((ident for s, ident in assigned if slug and s == slug), base)


def validate_talk(talk: Talk) -> None:
    """Raise ValueError unless `talk` follows the `scraper.talk` contract."""
    def bad(why: str) -> ValueError:
        return ValueError(f"invalid Talk ({getattr(talk, 'series', '?')} {getattr(talk, 'date', '?')}): {why}")

    if not isinstance(talk.date, Date) or isinstance(talk.date, datetime):
        raise bad(f"date must be a datetime.date, got {talk.date!r}")
    if talk.source_date is not None and (
        not isinstance(talk.source_date, Date) or isinstance(talk.source_date, datetime)
    ):
        raise bad(f"source_date must be a date or None, got {talk.source_date!r}")
    for name in ("start", "end"):
        moment = getattr(talk, name)
        if moment is not None and (not isinstance(moment, datetime) or moment.utcoffset() is None):
            raise bad(f"{name} must be an aware datetime or None, got {moment!r}")
    for name in _TEXT_FIELDS:
        value = getattr(talk, name)
        if value is not None and not isinstance(value, str):
            raise bad(f"{name} must be a string, got {value!r}")
    if not talk.series or not talk.source_url or not talk.timezone:
        raise bad("series, source_url and timezone are required")
    if talk.status is not None and talk.status not in STATUSES:
        raise bad(f"status must be one of {STATUSES} or None, got {talk.status!r}")
    try:
        SourceKind(talk.source_kind)
    except ValueError:
        raise bad(f"unknown source_kind {talk.source_kind!r}") from None
    if not all(isinstance(s, Speaker) and isinstance(s.name, str) and s.name.strip() for s in talk.speakers):
        raise bad("speakers must be Speaker objects with a name")
    if not all(isinstance(link, Link) and isinstance(link.url, str) for link in talk.links):
        raise bad("links must be Link objects with a url")
    if any(link.kind not in LINK_KINDS for link in talk.links):
        raise bad(f"link kinds must be among {LINK_KINDS}")


def talk_to_dict(talk: Talk) -> dict[str, Any]:
    """Validate `talk` and convert it to plain JSON-ready values."""
    validate_talk(talk)
    return {
        "series": talk.series,
        "date": talk.date.isoformat(),
        "source_url": talk.source_url,
        "source_kind": SourceKind(talk.source_kind).name,
        "timezone": talk.timezone,
        "title": talk.title,
        "speakers": [{"name": s.name, "affiliation": s.affiliation} for s in talk.speakers],
        "abstract": talk.abstract,
        "bio": talk.bio,
        "start": talk.start.isoformat() if talk.start else None,
        "location": talk.location,
        "status": talk.status,
        "links": [{"url": link.url, "kind": link.kind, "text": link.text} for link in talk.links],
        "source_date": talk.source_date.isoformat() if talk.source_date else None,
        "end": talk.end.isoformat() if talk.end else None,
    }


def talk_from_dict(data: dict[str, Any]) -> Talk:
    """Inverse of `talk_to_dict` (source_kind may be a name or an int)."""
    kind = data["source_kind"]
    return Talk(
        series=data["series"],
        date=Date.fromisoformat(data["date"]),
        source_url=data["source_url"],
        source_kind=SourceKind[kind] if isinstance(kind, str) else SourceKind(kind),
        timezone=data["timezone"],
        title=data.get("title"),
        speakers=[Speaker(s["name"], s.get("affiliation")) for s in data.get("speakers") or []],
        abstract=data.get("abstract"),
        bio=data.get("bio"),
        start=datetime.fromisoformat(data["start"]) if data.get("start") else None,
        location=data.get("location"),
        status=data.get("status"),
        links=[Link(l["url"], l.get("kind", "other"), l.get("text")) for l in data.get("links") or []],
        source_date=Date.fromisoformat(data["source_date"]) if data.get("source_date") else None,
        end=datetime.fromisoformat(data["end"]) if data.get("end") else None,
    )


def talk_to_json(talk: Talk) -> str:
    """Serialise a Talk to the JSON text stored in `talk_sources.record`."""
    return json.dumps(talk_to_dict(talk), ensure_ascii=False)


def talk_from_json(text: str) -> Talk:
    """Parse a `talk_sources.record` back into a Talk."""
    return talk_from_dict(json.loads(text))
