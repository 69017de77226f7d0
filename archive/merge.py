"""Merge the observations of one talk into the values stored for it.

Observations come ordered best first: (source kind desc, source_date desc,
page address desc). Scalars take the first value present; speakers and links
come whole from the first observation that has any, so speakers of two
sources are never mixed.

Talk-level text (title, abstract, bio) is only taken from observations whose
speakers agree with the chosen ones (or that name no speaker): a stale
"upcoming" entry for another speaker must not lend its title to the talk.
Slot-level fields (start, location, meeting link, status) come from any.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Sequence

from scraper.talk import Link, Speaker, Talk

from .records import series_slug, surname_slug

TALK_LEVEL = ("title", "abstract", "bio")
SLOT_LEVEL = ("start", "end", "location", "status")


@dataclass(frozen=True)
class Observation:
    """One talk_sources row: the page it came from and what it said."""

    page_url: str
    talk: Talk


@dataclass
class Merged:
    """A talk's computed `talks` columns (without id/first_seen/last_seen)."""

    row: dict[str, Any]
    speakers: list[Speaker]
    links: list[Link]


def _present(value: Any) -> bool:
    """A value counts when it is not None and not a blank string."""
    return value is not None and not (isinstance(value, str) and not value.strip())


def _first(talks: Sequence[Talk], attr: str) -> Any:
    return next((getattr(t, attr) for t in talks if _present(getattr(t, attr))), None)


def _speaker_slugs(speakers: Sequence[Speaker]) -> set[str]:
    return {surname_slug(s.name) for s in speakers}


def _agrees(talk: Talk, speakers: Sequence[Speaker]) -> bool:
    """Whether `talk` may describe the talk given by `speakers` (a shared last name)."""
    if not talk.speakers or not speakers:
        return True
    return bool(_speaker_slugs(talk.speakers) & _speaker_slugs(speakers))


def affiliations_json(speakers: Sequence[Speaker]) -> str:
    """JSON array of the distinct affiliations, in speaker order."""
    seen: list[str] = []
    for speaker in speakers:
        if _present(speaker.affiliation) and speaker.affiliation not in seen:
            seen.append(speaker.affiliation)
    return json.dumps(seen, ensure_ascii=False)


def merge(observations: Sequence[Observation]) -> Merged:
    """Compute a talk from its observations, given best first (non-empty)."""
    talks = [o.talk for o in observations]
    best = talks[0]
    speakers = next((list(t.speakers) for t in talks if t.speakers), [])
    links = next((list(t.links) for t in talks if t.links), [])
    agreeing = [t for t in talks if _agrees(t, speakers)]
    row: dict[str, Any] = {
        "series": series_slug(best.series),
        "date": best.date.isoformat(),
        "year": best.date.year,
        "timezone": _first(talks, "timezone"),
        "speaker_names": "; ".join(s.name for s in speakers) or None,
        "affiliations": affiliations_json(speakers),
        "meeting_url": next((t.meeting_url for t in talks if t.meeting_url), None),
        "source_url": observations[0].page_url,
    }
    row.update({field: _first(agreeing, field) for field in TALK_LEVEL})
    row.update({field: _first(talks, field) for field in SLOT_LEVEL})
    for moment in ("start", "end"):
        row[moment] = row[moment].isoformat() if row[moment] else None
    row["status"] = row["status"] or "scheduled"
    return Merged(row=row, speakers=speakers, links=links)

