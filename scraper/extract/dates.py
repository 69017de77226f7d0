"""Dates and start times as the pages write them.

Times are wall-clock times in the series' time zone: a page that says
"15:00 CET" in April means 15:00 local time (CEST), so zone abbreviations are
read as decoration and the series' zone (zoneinfo, IANA data) decides the
offset. Free-form dates fall back to dateutil's parser.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
CLOCK = re.compile(r"(?<![\d:])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d:])(?:\s*([ap])\.?m\.?)?", re.I)
HOUR_AMPM = re.compile(r"\b(1[0-2]|0?[1-9])\s*([ap])\.?m\b\.?", re.I)


def find_date(text: str) -> date | None:
    """The first date written in the text (ISO first, then free-form)."""
    if not text:
        return None
    match = ISO_DATE.search(text)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None
    try:
        parsed = dateparser.parse(text, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed.year > 1 else None


def find_time(text: str) -> time | None:
    """The first clock time written in the text ("15:00", "3.15 pm", "3pm")."""
    if not text:
        return None
    text = ISO_DATE.sub(" ", text)
    match = CLOCK.search(text)
    if match:
        hour, minute, half = int(match.group(1)), int(match.group(2)), match.group(3)
        return time(_to_24h(hour, half), minute)
    match = HOUR_AMPM.search(text)
    if match:
        return time(_to_24h(int(match.group(1)), match.group(2)), 0)
    return None


def _to_24h(hour: int, half: str | None) -> int:
    if half and half.lower() == "p" and hour < 12:
        return hour + 12
    if half and half.lower() == "a" and hour == 12:
        return 0
    return hour


def local_start(day: date, clock: time | None, timezone: str) -> datetime | None:
    """An aware datetime for the wall-clock time on that day in the zone."""
    if clock is None:
        return None
    return datetime.combine(day, clock, tzinfo=ZoneInfo(timezone))


def date_in_url(url: str) -> date | None:
    match = ISO_DATE.search(url)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None
