"""Breakwater Lectures: each talk at `/seminars/YYYY-M-D-first-last/`, some linked from nowhere (fictional).

The series page `/seminar-series/` links the talks the web editor added;
the others were only e-mailed. Each talk's page names the next talks under
"Upcoming seminars". The site's software builds a page's address from the
talk's date (no leading zeros) and the speaker's whole name, accents
dropped (`2025-9-11-ana-maria-ruiz`). Two announced talks have no page yet,
and one page is neither linked nor announced.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from . import page, site_furniture, write

START = ["seminar-series/"]
SERIES = "Breakwater Lectures"

# (day, speaker, affiliation, title, linked from the series page, days its page lists as upcoming)
TALKS = [
    ("2025-09-04", "Zoë Lefèvre", "Université de Port-Sable", "Foam lines and rip currents", True,
     ("2025-09-11", "2025-09-18")),
    ("2025-09-11", "Ana María Ruiz", "Instituto del Litoral", "Dune grass as a sediment trap", True,
     ("2025-09-18", "2025-09-25")),
    ("2025-09-18", "Ngozi Adeyemi-Hart", "Harbour City University", "Wave gauges that never sleep", False,
     ("2025-09-25",)),
    ("2025-09-25", "Jonas Ek", "Skerry Institute", "Counting boats with radar", True, ("2025-10-02",)),
    ("2025-10-02", "Lucía del Monte", "Cape Verde Marine Lab", "Turtles, tides and timing", False,
     ("2025-10-09", "2025-10-16")),
    ("2025-10-09", "Bo Wennerström", "Skerry Institute", "Fog forecasts for ferries", True, ("2025-10-30",)),
    ("2025-10-16", "Henrik Strøm", "North Cape College", "Breakwaters that learn", False, ("2025-10-23",)),
    ("2025-11-06", "Mira Castell", "Harbour City University", "A talk nobody announced", False, ()),
]
# Announced in an upcoming list, page not written yet: day -> (speaker, affiliation).
WITHOUT_PAGE = {"2025-10-23": ("Tuva Rask", "Lighthouse Trust"), "2025-10-30": ("Emil Sand", "Skerry Institute")}
TRANSLITERATE = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss"})


def address(day: str, speaker: str) -> str:
    """The page address the site's software makes: no leading zeros, the whole name as a slug."""
    year, month, dom = (int(part) for part in day.split("-"))
    ascii_name = unicodedata.normalize("NFKD", speaker.lower().translate(TRANSLITERATE))
    name = re.sub(r"[^a-z0-9]+", "-", ascii_name.encode("ascii", "ignore").decode()).strip("-")
    return f"seminars/{year}-{month}-{dom}-{name}/"


def who(day: str) -> str:
    talk = next((t for t in TALKS if t[0] == day), None)
    speaker, affiliation = (talk[1], talk[2]) if talk else WITHOUT_PAGE[day]
    return f"{speaker}, {affiliation}"


def talk_page(day, speaker, affiliation, title, upcoming) -> str:
    fields = [("Title", title), ("Speaker", f"{speaker}, {affiliation}"), ("Date", f"{day} 16:15"),
              ("Location", "Breakwater Hall, room 3"), ("Abstract", f"{title}: a study from the outer harbour.")]
    lines = [f"<p><strong>{label}:</strong> {value}</p>" for label, value in fields]
    if upcoming:
        items = "".join(f"<li>{day}: {who(day)}</li>" for day in upcoming)
        lines.append(f"<p><strong>Upcoming seminars:</strong></p>\n<ul>{items}</ul>")
    return page(title, f"<h1>{SERIES}</h1>\n" + "\n".join(lines))


def write_site(out: Path) -> None:
    site_furniture(out)
    items = []
    for day, speaker, affiliation, title, linked, upcoming in TALKS:
        write(out, address(day, speaker), talk_page(day, speaker, affiliation, title, upcoming))
        if linked:
            items.append(f'<li><a href="/{address(day, speaker)}">{title}</a></li>')
    write(out, "seminar-series/", page(SERIES, f"<h1>{SERIES}</h1>\n<p>Thursdays at 16:15.</p>\n<ul>\n"
                                                 + "\n".join(items) + "\n</ul>"))
