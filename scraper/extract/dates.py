"""Dates and start/end times as pages write them.

Times are wall-clock times in the series' time zone: a page that says
"15:00 CET" in April means 15:00 local time (CEST), so zone abbreviations are
read as decoration and the series' zone (zoneinfo, IANA data) decides the
offset. Dates are found by shape (ISO, numeric, "4 April 2024", "Apr 4",
English and Swedish names); a date written without its year takes the year
the page is about, and the order of day and month in "4/1/21" is the one the
page's unambiguous dates ("3/25/21") show, else the source's locale.
Free-form leftovers fall back to dateutil's parser.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import parser as dateparser

MONTHS = {
    1: "jan january januari", 2: "feb february februari", 3: "mar march mars", 4: "apr april",
    5: "may maj", 6: "jun june juni", 7: "jul july juli", 8: "aug august augusti",
    9: "sep sept september", 10: "oct october okt oktober", 11: "nov november", 12: "dec december",
}
MONTH_NUMBER = {name: number for number, names in MONTHS.items() for name in names.split()}
WEEKDAYS = {
    0: "mon monday måndag mån", 1: "tue tues tuesday tisdag tis", 2: "wed wednesday onsdag ons",
    3: "thu thur thurs thursday torsdag tors", 4: "fri friday fredag fre",
    5: "sat saturday lördag lör", 6: "sun sunday söndag sön",
}
WEEKDAY_NUMBER = {name: number for number, names in WEEKDAYS.items() for name in names.split()}


def _alternation(names) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


MONTH = rf"(?P<m>{_alternation(MONTH_NUMBER)})\.?"
WEEKDAY = rf"(?:(?P<wd>{_alternation(WEEKDAY_NUMBER)})\.?,?\s+(?:the\s+|den\s+)?)?"
YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
ORDINAL = r"(?:st|nd|rd|th|:e|:a)?"
DATE_SHAPES = (
    re.compile(r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\d/])", re.I),
    re.compile(rf"\b{WEEKDAY}(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{4}}|\d\d)(?![\d/.]\d)", re.I),
    re.compile(rf"\b{WEEKDAY}(?P<d>\d{{1,2}}){ORDINAL}\.?\s+(?:of\s+)?{MONTH}{YEAR}(?!\w)", re.I),
    re.compile(rf"\b{WEEKDAY}{MONTH}\s+(?P<d>\d{{1,2}}){ORDINAL}\b{YEAR}(?!\w)", re.I),
)
ISO_DATE = DATE_SHAPES[0]
URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-/_]?(0[1-9]|1[0-2])[-/_]?(0[1-9]|[12]\d|3[01])(?!\d)")
NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(?:\d{4}|\d\d)(?![\d/.]\d)")
YEAR_WORD = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-]\d)")

TOKEN = r"(?P<h{n}>[01]?\d|2[0-3])(?:[:.](?P<m{n}>[0-5]\d))?(?:\s*(?P<ap{n}>[ap])\.?\s?m\b\.?)?"
RANGE_SEP = r"\s*(?:-|–|—|to|till|until|\u2013)\s*"
CLOCK_RANGE = re.compile(rf"(?<![\d:.]){TOKEN.format(n=1)}(?:{RANGE_SEP}{TOKEN.format(n=2)})?(?![\d:])", re.I)
SWEDISH_HOUR = re.compile(r"\bkl(?:\.|ockan)?\s*$")
NOT_A_TIME_BEFORE = re.compile(r"\b(room|rum|sal|hall|building|house|hus|floor|level|våning|plan|no|nr|number|version|v)\.?\s*$", re.I)


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


@dataclass(frozen=True)
class DateReader:
    """Reads dates the way one page writes them.

    `order` is the order of numeric dates ("DMY", "MDY" or "YMD"); `years`
    are the years the page is about, most likely first, for dates written
    without one.
    """

    order: str = "DMY"
    years: tuple[int, ...] = ()

    def find(self, text: str | None, *, year: int | None = None, after: date | None = None) -> date | None:
        """The first date written in the text; `year` (else the page's years) completes a yearless one,
        and a yearless date well before `after` is taken to be in the next year."""
        found = self.spans(text or "", year=year, after=after)
        return found[0][2] if found else None

    def spans(self, text: str, *, year: int | None = None, after: date | None = None) -> list[tuple[int, int, date]]:
        """(start, end, date) of every date written in the text, in order, overlaps dropped."""
        found = []
        for shape in DATE_SHAPES:
            for match in shape.finditer(text):
                day = self._read(match, year, after)
                if day:
                    found.append((match.start(), match.end(), day))
        found.sort(key=lambda span: (span[0], -span[1]))
        kept: list[tuple[int, int, date]] = []
        for span in found:
            if not kept or span[0] >= kept[-1][1]:
                kept.append(span)
        return kept

    def _read(self, match: re.Match, year: int | None, after: date | None) -> date | None:
        groups = match.groupdict()
        if groups.get("a"):
            first, second = int(groups["a"]), int(groups["b"])
            day, month = (second, first) if self.order == "MDY" else (first, second)
        else:
            day, month = int(groups["d"]), _month(groups["m"])
        weekday = WEEKDAY_NUMBER.get((groups.get("wd") or "").casefold())
        try:
            if groups.get("y"):
                return date(_year(groups["y"]), month, day)
            return self._complete(month, day, weekday, year, after)
        except ValueError:
            return None

    def _complete(self, month: int, day: int, weekday: int | None, year: int | None,
                  after: date | None) -> date | None:
        """A yearless date: in the given or page year, the one matching its weekday, after `after`."""
        candidates = [year] if year else list(self.years)
        if not candidates:
            return None
        if weekday is not None:
            for guess in candidates + [y + d for y in candidates for d in (1, -1)]:
                try:
                    if date(guess, month, day).weekday() == weekday:
                        return date(guess, month, day)
                except ValueError:
                    continue
        found = date(candidates[0], month, day)
        if after and found < after - timedelta(days=180):
            found = date(found.year + 1, month, day)
        return found

    def without_dates(self, text: str) -> str:
        """The text with every date replaced by spaces (so that "4.4.2024" is not read as a time)."""
        for start, end, _ in reversed(self.spans(text)):
            text = text[:start] + " " * (end - start) + text[end:]
        return URL_DATE.sub(lambda m: " " * len(m.group()), text)


def _month(name: str) -> int:
    name = name.casefold().rstrip(".")
    return int(name) if name.isdigit() else MONTH_NUMBER[name]


def order_of(texts, fallback: str = "DMY") -> str:
    """The order of day and month that a page's unambiguous numeric dates show ("25/3/21" is DMY)."""
    day_first = month_first = False
    for text in texts:
        for first, _, second in NUMERIC_DATE.findall(text):
            day_first |= int(first) > 12 >= int(second)
            month_first |= int(second) > 12 >= int(first)
    if day_first != month_first:
        return "DMY" if day_first else "MDY"
    return fallback


def locale_order(locale: str | None, timezone: str | None = None) -> str:
    """The numeric date order of a locale: month first in the US (and, with no locale, its zones)."""
    if locale:
        return "MDY" if re.search(r"[_-](US|PH|FM)\b", locale, re.I) or locale.upper() == "US" else "DMY"
    return "MDY" if (timezone or "").startswith(("America/", "US/")) else "DMY"


DEFAULT_READER = DateReader()


def find_date(text: str | None) -> date | None:
    """The first full date written in the text; dateutil's fuzzy parser for other forms."""
    if not text:
        return None
    found = DEFAULT_READER.find(text)
    if found:
        return found
    try:
        parsed = dateparser.parse(text, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed.year > 1 else None


def _clock(match: re.Match, n: int, half: str | None) -> time | None:
    hour, minute = int(match.group(f"h{n}")), match.group(f"m{n}")
    half = match.group(f"ap{n}") or half
    if half and hour > 12:
        return None
    return time(_to_24h(hour, half), int(minute or 0))


def time_matches(text: str) -> Iterator[re.Match]:
    """The clock times and ranges written in a text with its dates blanked out: "15:00", "3pm",
    "15:00-16:00", "3-4pm", "kl. 15-16"; not a bare number, nor "Room 3.14"."""
    for match in CLOCK_RANGE.finditer(text):
        before = text[max(0, match.start() - 12):match.start()]
        has_end = match.group("h2") is not None
        marked = match.group("m1") or match.group("ap1") or (has_end and (match.group("m2") or match.group("ap2")))
        if NOT_A_TIME_BEFORE.search(before) or not (marked or SWEDISH_HOUR.search(before)):
            continue
        yield match


def find_times(text: str | None, reader: DateReader = DEFAULT_READER) -> tuple[time | None, time | None]:
    """The first clock time written in the text and the end of its range if one is given."""
    if not text:
        return None, None
    for match in time_matches(reader.without_dates(text)):
        has_end = match.group("h2") is not None
        end = _clock(match, 2, None) if has_end else None
        start = _clock(match, 1, match.group("ap2") if has_end and not match.group("ap1") else None)
        if start and end and end <= start and not match.group("ap1") and match.group("ap2"):
            start = _clock(match, 1, None)  # "11-1pm": the start is the morning
        if start:
            return start, end
    return None, None


def find_time(text: str | None) -> time | None:
    """The first clock time written in the text ("15:00", "3.15 pm", "3pm")."""
    return find_times(text)[0]


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


def in_zone(moment: datetime, timezone: str) -> datetime:
    """An aware datetime in the series' zone: a naive one is read as wall-clock time there."""
    zone = ZoneInfo(timezone)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def date_in_url(url: str) -> date | None:
    """A date written in an address: /2024-04-04.html, /2024/04/04/slug, /20240404-talk."""
    match = URL_DATE.search(url)
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None
