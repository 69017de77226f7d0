"""Finding talk pages that no page links to: the address pattern of a series' pages.

Seminar sites name a talk's page after its date, its speaker, or both
(`lm/2024-04-04.html`, `/seminars/2024-3-7-ada-quill/`). `learn_patterns`
reads the addresses of the announcement pages already found, each with the
date and first speaker of its talk, and turns the parts written from them
into placeholders: the date as written (`{Y}-{m}-{d}`, `{Y}-{n}-{j}` without
leading zeros, `{Y}/{m}/{d}`, `{Y}{m}{d}` ...) and the speaker's name as a
slug (`{speaker}` first-last, `{speaker_}` first_last, `{speaker_full}` every
name, `{surname}`), ascii-folded and lowercase. A pattern is kept when two
pages or more follow it (or when only one page could be read at all), and
not when it only restates a pattern that covers more pages.
`Pattern.address` then writes the address of a talk known only from a plan
row or an "Upcoming seminars" list, and `pick` chooses, where a site changed
its scheme over the years, the pattern of the pages nearest in time.
Nothing here does any I/O.
"""
from __future__ import annotations

import bisect
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

# How a date may be written in an address, most usual first.
DATE_FORMS = ("{Y}-{m}-{d}", "{Y}/{m}/{d}", "{Y}_{m}_{d}", "{Y}{m}{d}", "{Y}.{m}.{d}",
              "{Y}-{n}-{j}", "{Y}/{n}/{j}", "{Y}_{n}_{j}",
              "{d}-{m}-{Y}", "{j}-{n}-{Y}", "{d}.{m}.{Y}")
NAME_FORMS = ("speaker", "speaker_full", "speaker_", "surname")
# Letters that do not fold to ascii by decomposition, as sites' slug functions write them.
LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th"})
HONORIFICS = {"dr", "prof", "professor", "docent", "mr", "mrs", "ms", "sir"}
PAGES_READ = 1000  # the newest pages of a series are enough to learn its patterns
# A page missing when a talk was long past will not appear: such a miss is not tried again.
RETRY_WITHIN = timedelta(days=14)


def date_values(day: date) -> dict[str, str]:
    return {"Y": f"{day.year:04d}", "m": f"{day.month:02d}", "d": f"{day.day:02d}",
            "n": str(day.month), "j": str(day.day)}


def _slug(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word.lower().translate(LETTERS)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def name_values(name: str) -> dict[str, str]:
    """The slugs a site may build from a speaker's name ("Last, First" is read as "First Last")."""
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first} {last}"
    words = [slug for slug in (_slug(word) for word in name.split()) if slug]
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    if not words:
        return {}
    pair = [words[0], words[-1]] if len(words) > 1 else words
    return {"speaker": "-".join(pair), "speaker_": "_".join(pair).replace("-", "_"),
            "speaker_full": "-".join(words), "surname": words[-1]}


def _bounded(value: str, edge: str) -> re.Pattern:
    """`value` where it stands whole: not preceded or followed by an `edge` character."""
    return re.compile(rf"(?<!{edge}){re.escape(value)}(?!{edge})")


def _with_dates(rest: str, day: date) -> list[str]:
    """`rest` with the date written in it replaced by each form that matches."""
    values = date_values(day)
    found = []
    for form in DATE_FORMS:
        written = form.format(**values)
        if written not in rest:
            continue  # most forms are not in the address: no pattern to compile
        pattern = _bounded(written, r"\d")
        if pattern.search(rest):
            found.append(pattern.sub(form, rest))
    return found


def _with_names(rest: str, speaker: str | None) -> list[str]:
    """`rest` with the speaker's name replaced by each slug form that matches."""
    found = []
    for form, written in name_values(speaker or "").items():
        if len(written) < 2 or written not in rest:
            continue
        pattern = _bounded(written, "[a-z0-9]")
        if pattern.search(rest):
            found.append(pattern.sub("{" + form + "}", rest))
    return found


def templates_of(url: str, day: date, speaker: str | None) -> list[str]:
    """Every reading of `url` as a pattern (the date and/or the speaker made placeholders), best first."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    rest = url[len(origin):].replace("{", "{{").replace("}", "}}")
    readings = []
    for dated in _with_dates(rest, day) or [rest]:
        named = _with_names(dated, speaker)
        readings += named or ([dated] if dated != rest else [])
    return [origin + reading for reading in dict.fromkeys(readings)]


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@dataclass(frozen=True)
class Pattern:
    """An address template and the dates of the pages that follow it (sorted)."""

    template: str
    dates: tuple[date, ...]

    @property
    def support(self) -> int:
        return len(self.dates)

    def address(self, day: date, speakers: Sequence[str] = ()) -> str | None:
        """The address of a talk on `day` by `speakers`; None when the pattern needs a name it lacks."""
        values = date_values(day)
        if _fields(self.template) & set(NAME_FORMS):
            if not speakers or not name_values(speakers[0]):
                return None
            values.update(name_values(speakers[0]))
        return self.template.format_map(values)

    def distance(self, day: date) -> int:
        """Days from `day` to the nearest page that follows the pattern."""
        at = bisect.bisect_left(self.dates, day)
        near = self.dates[max(at - 1, 0):at + 1]
        return min(abs((other - day).days) for other in near)


def learn_patterns(pages: Iterable[tuple[str, date, str | None]]) -> list[Pattern]:
    """The address patterns of announcement pages given as (url, talk date, first speaker)."""
    followers: dict[str, set[str]] = {}
    dates: dict[str, list[date]] = {}
    readable = set()
    for url, day, speaker in pages:
        for template in templates_of(url, day, speaker):
            if url not in followers.setdefault(template, set()):
                followers[template].add(url)
                dates.setdefault(template, []).append(day)
                readable.add(url)
    ranked = sorted(followers, key=lambda t: -len(followers[t]))  # stable: best reading first on a tie
    kept: list[str] = []
    for template in ranked:
        if len(followers[template]) < 2 and len(readable) > 1:
            break
        if not any(followers[template] <= followers[other] for other in kept):
            kept.append(template)
    return [Pattern(template, tuple(sorted(dates[template]))) for template in kept]


def pick(patterns: Sequence[Pattern], day: date) -> Pattern | None:
    """The pattern of the pages nearest in time to `day` (the most followed on a tie)."""
    return min(patterns, key=lambda p: (p.distance(day), -p.support), default=None)


def worth_retrying(talk_day: date, missed_on: date) -> bool:
    """Whether a page missing on `missed_on` may yet appear: it was looked for before the talk was long past."""
    return missed_on <= talk_day + RETRY_WITHIN
