"""Tidewater Seminar: one page per talk at `talks/YYYY-MM-DD.html`, some linked from nowhere (fictional).

The markup of the Quiet Machines demo (the real series' layout): a yearly
plan page `talks/2025.html` whose rows link the announcements, and on each
announcement an "Upcoming seminars" list. The plan page was not kept up to
date: three announcements are linked from no page at all, their dates and
speakers named only in earlier pages' upcoming lists (one of them only on
another unlinked page). Two announced talks have no page yet, one is
cancelled, and one page is neither linked nor announced anywhere.
`sitemap=True` adds a complete sitemap, declared in robots.txt.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from seminar_archive.demo.site import field, layout

FOLDER = "talks"
START = [f"{FOLDER}/2025.html"]
SERIES = "Tidewater Seminar"


@dataclass(frozen=True)
class Talk:
    day: str
    speaker: str
    title: str
    linked: bool = True              # the plan page links its page
    upcoming: tuple[str, ...] = ()   # days its page lists under "Upcoming seminars"


TALKS = (
    Talk("2025-01-16", "Marit Solheim, Fjordside University", "Reading tide tables with sequence models",
         upcoming=("2025-01-23", "2025-01-30")),
    Talk("2025-01-23", "Caspar Lindqvist-Oyelaran, Harbour Institute", "Salt, sand and sparse regression",
         upcoming=("2025-01-30", "2025-02-06")),
    Talk("2025-01-30", "Ines Varga, Delta Polytechnic", "Estuary mixing from cheap sensors", linked=False,
         upcoming=("2025-02-06",)),
    Talk("2025-02-06", "Tore Askildsen, Kelp Lab", "Kelp forests seen from above",
         upcoming=("2025-02-13",)),
    Talk("2025-02-13", "Yara Bendahan, North Quay College", "Ship wakes and shoreline erosion", linked=False,
         upcoming=("2025-02-20",)),
    Talk("2025-02-20", "Oskar Tveit, Fjordside University", "Listening for herring", linked=False,
         upcoming=("2025-02-27",)),
    Talk("2025-02-27", "Linnea Ødegård, Harbour Institute", "Ice on the quay: a year of webcams",
         upcoming=("2025-03-06", "2025-03-13", "2025-03-20")),
    Talk("2025-03-27", "Runa Haldorsen, Kelp Lab", "A page nobody announced", linked=False),
)
# Talks named in upcoming lists whose page was never written: day -> speaker.
WITHOUT_PAGE = {"2025-03-06": "Henrik Aas, Delta Polytechnic", "2025-03-13": "Sunniva Berg, North Quay College",
                "2025-03-20": "Petra Lund, Kelp Lab"}
CANCELLED = "2025-03-20"
# Written later (`late=True`): the page of a talk that was announced before its page existed.
LATE = Talk("2025-03-06", WITHOUT_PAGE["2025-03-06"], "Tide pools at night", linked=False)


def speaker_on(day: str) -> str:
    return next((talk.speaker for talk in TALKS if talk.day == day), None) or WITHOUT_PAGE[day]


def upcoming_list(days: tuple[str, ...]) -> str:
    items = [f"<li>{day}: {speaker_on(day)}</li>" for day in days] + ["<li>All seminars are 15:00 CET.</li>"]
    return "\n".join(["<p><strong>Upcoming seminars:</strong></p>", "<ul>", *items, "</ul>"])


def announcement(talk: Talk) -> str:
    lines = [f"<p>Welcome to this week's {SERIES}.</p>", field("Title", talk.title), field("Speaker", talk.speaker),
             field("Abstract", f"{talk.title} — what we measured, and what it told us."),
             field("Location", "Room Tangen, Quay Building"), field("Date", f"{talk.day} 15:00")]
    if talk.upcoming:
        lines.append(upcoming_list(talk.upcoming))
    return layout("\n".join(lines))


def plan_row(day: str, speaker: str, link: bool, cancelled: bool = False) -> str:
    name = speaker.split(",")[0]
    who = f'<a href="{day}.html">{name}</a>' if link else name
    if cancelled:
        return f'<tr><td><span style="color:red">{day}</span></td><td><span style="color:red">{who}</span></td>' \
               '<td><span style="color:red">CANCELLED</span></td></tr>'
    return f"<tr><td>{day}</td><td>{who}</td><td>STABP</td></tr>"


def plan() -> str:
    """The plan page as the organisers left it: E-mailed talks have no row, one row lost its link."""
    rows = [plan_row(t.day, t.speaker, t.linked) for t in TALKS if t.linked or t.day == "2025-01-30"]
    rows += [plan_row("2025-03-13", WITHOUT_PAGE["2025-03-13"], link=False),
             plan_row(CANCELLED, WITHOUT_PAGE[CANCELLED], link=False, cancelled=True)]
    table = ["<table>", "<tr><th>date</th><th>speaker</th><th>comment</th></tr>", *sorted(rows), "</table>"]
    return layout("\n".join([f"<h1>{SERIES} plan 2025</h1>", *table]))


def sitemap(base: str) -> str:
    urls = [f"{base}{FOLDER}/2025.html"] + [f"{base}{FOLDER}/{t.day}.html" for t in TALKS] + [f"{base}about/"]
    entries = "\n".join(f"  <url><loc>{url}</loc></url>" for url in urls)
    return f'<?xml version="1.0" encoding="UTF-8"?>\n' \
           f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}\n</urlset>\n'


def write_site(out: Path, base: str = "", *, sitemap_declared: bool = False, late: bool = False) -> None:
    """Write the site; with `sitemap_declared` (and the `base` URL it is served at) a complete sitemap too;
    with `late`, the page of a talk first announced without one."""
    (out / FOLDER).mkdir(parents=True, exist_ok=True)
    (out / FOLDER / "2025.html").write_text(plan(), encoding="utf-8")
    for talk in TALKS + ((LATE,) if late else ()):
        (out / FOLDER / f"{talk.day}.html").write_text(announcement(talk), encoding="utf-8")
    robots = "User-agent: *\nDisallow: /drafts/\n"
    if sitemap_declared:
        (out / "site-map.xml").write_text(sitemap(base), encoding="utf-8")
        robots += f"Sitemap: {base}site-map.xml\n"
    (out / "robots.txt").write_text(robots, encoding="utf-8")
