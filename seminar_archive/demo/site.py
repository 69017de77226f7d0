"""Write a FICTIONAL seminar series site, "Quiet Machines", for tests and the demo.

Same markup as the real "Learning Machines" site (layout, `<p><strong>Label:</strong>
value</p>` announcements, "Upcoming seminars" lists, yearly plan tables with red
CANCELLED and grey placeholder rows); every person, place and text is invented.
`write_site(out)` writes out/robots.txt, the plan pages out/seminars/2023.html and
2024.html and one out/seminars/YYYY-MM-DD.html per announcement. Image links and the
2025 History link lead to 404s. `drafts=True` writes an earlier state in which a few
announcements still have empty Title/Abstract fields. The clean extraction expected
from this site is tests/data/fixture_expected.jsonl.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

PREFIX = "seminars"
SERIES = "Quiet Machines"
OWNER = "Tove Almqvist"
INFO_URL = "https://example.org/quiet-machines"
ONLINE = "This is an online seminar. Connect using Zoom."
ROOM_1 = "https://meet.example.org/j/4417002913"
ROOM_2 = "https://meet.example.org/j/6210448855"
NO_ZOOM = '<a href="N/A">N/A</a>'
ROBOTS_TXT = "User-agent: *\nDisallow: /drafts/\n"
ASSETS = {"photo": "photo", "social-media": "social media ",  # plan image links, files never written
          "meeting-backdrop": "meeting backdrop ", "youtube-thumbnail": "youtube thumbnail "}


def linked(url: str) -> str:
    """A URL written as a link to itself, as markdown autolinks render."""
    return f'<a href="{url}">{url}</a>'


def paragraphs(*parts: str) -> str:
    """A field spread over several real `<p>` paragraphs."""
    return "</p>\n<p>".join(parts)


def spreadsheet(*parts: str) -> str:
    """Paragraphs pasted from a spreadsheet: one `<p>`, cells of `,` and ` ,` between them."""
    return ",\n,\n ,\n,\n".join(parts)


def mojibake(text: str) -> str:
    """UTF-8 text wrongly decoded as cp1252, e.g. "master’s" -> "masterâ€™s"."""
    return text.encode("utf-8").decode("cp1252")


def slug(text: str) -> str:
    """File-name slug of a plan cell, as the real site builds its image names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ascii_text.lower().replace("?", "").replace(",", "-").replace(" ", "-")


@dataclass(frozen=True)
class Announcement:
    """One announcement page and its plan row. Text fields are raw HTML."""

    day: str
    speaker: str
    title: str = ""
    abstract: str = ""
    bio: str = ""
    time: str | None = "15:00"          # None: the page has no Date field
    listed_time: str = "15:00"          # time shown for this talk in "Upcoming" lists
    zoom: str = NO_ZOOM
    location: str = ONLINE
    upcoming: tuple[str, ...] = ()      # days listed under "Upcoming seminars"
    upcoming_form: str = ""             # "times", "daily" or "broken"; default by year
    comment: str = "STABP"              # plan comment column; <del> = material missing
    cancelled: bool = False             # plan row red and CANCELLED, page kept
    draft_blank: tuple[str, ...] = ()   # fields still empty in the drafts state

    @property
    def form(self) -> str:
        """Upcoming list form: with times in 2023, by day in 2024, unless set."""
        return self.upcoming_form or ("times" if self.day < "2024" else "daily")

    @property
    def plan_text(self) -> str:
        """The speaker as the plan table and Upcoming lists write it."""
        return self.speaker.rstrip(", ")


@dataclass(frozen=True)
class PlanRow:
    """A plan row without an announcement page of its own."""

    day: str
    text: str
    colour: str                         # "red": cancelled, "grey": placeholder
    link: bool = False                  # red row linking a page that was never written


TALKS = (
    Announcement(
        "2023-02-02", "Henrika Solberg, University of Vestmark",
        "Listening to glaciers: self-supervised models for seismic noise",
        "Glaciers creak, slide and calve, and each event leaves a faint trace in the seismic record. I will "
        "show how a model trained on unlabelled recordings tells calving from wind and traffic noise.",
        "Henrika Solberg is an associate professor of geophysical data science at the University of "
        "Vestmark.",
        upcoming=("2023-02-09", "2023-02-23", "2023-03-09")),
    Announcement(
        "2023-02-09", "Maja Kettunen, Orrin Baptiste, and Lise Dahlgård, Northfjord University of Technology",
        "Fleet learning for harbour cranes",
        "Cranes in a busy port share their wear but not their data. Each crane trains a small fault "
        "detector on its own vibration logs and only exchanges model updates.",
        "Maja Kettunen is a professor of mechatronics and leads the Smart Ports lab.\nOrrin Baptiste is "
        "a postdoc in the same lab.\nLise Dahlgård is a PhD student working on condition monitoring.",
        zoom=ROOM_1, upcoming=("2023-02-23", "2023-03-09", "2023-03-23"), comment="STAB<del>P</del>"),
    Announcement(
        "2023-02-23", "Pavel Oduya, Lake Varna Institute of Technology",
        "Trees &amp; forests: when &quot;random&quot; isn&#39;t random enough",
        "Random forests are often called &quot;tuning-free&quot;. We look at how bootstrap size &amp; "
        "tree depth interact, and why a forest that&#39;s right on average can be badly calibrated.",
        "Pavel Oduya is a research engineer who maintains an open-source library for tree ensembles.",
        zoom=linked(ROOM_1), upcoming=("2023-03-09", "2023-03-23", "2023-03-30")),
    Announcement(
        "2023-03-09", "Ines Quarshie, Univ Harrowgate, Brightwell Analytics",
        "Forecasting hospital bed demand with hierarchical models",
        "Hospitals plan beds per ward, per clinic and per region, and forecasts at these levels rarely add "
        "up. I present a hierarchical model that keeps them consistent through a real winter flu season.",
        "Ines Quarshie is a lecturer at Univ Harrowgate and lead data scientist at Brightwell Analytics.",
        zoom=linked(ROOM_1), upcoming=("2023-03-23", "2023-03-30", "2023-04-06"),
        comment="ST<del>AB</del>P"),
    Announcement(
        "2023-03-23", "Jöran Vennberg, Gullmar University", "Counting seabirds from drone images",
        spreadsheet(
            "Seabird colonies are counted by hand every summer, which is slow and disturbs the birds.",
            "We trained a detector on a few hundred annotated frames and used active learning to choose "
            "which frames an expert labels next. This cut the labelling effort by two thirds.",
            "Finally, I compare model counts with manual counts over five seasons."),
        "", upcoming=("2023-03-30", "2023-04-06", "2023-04-13"), comment="STA<del>B</del>P"),
    Announcement(
        "2023-03-30", "Delphine Arroyo-Maas, Royal Institute of Somewhere (RIS)",
        "Causal questions in observational climate data",
        paragraphs(
            "Climate records are long, but they are not experiments. Yet our questions are causal.",
            "I give a gentle introduction to causal discovery for time series, and show where the usual "
            "assumptions break for spatially correlated data.",
            "I close with a case study on regional heatwaves and a list of open problems."),
        paragraphs(
            "Delphine Arroyo-Maas is an assistant professor at the Royal Institute of Somewhere (RIS).",
            "Before that she worked as a meteorologist for six years."),
        zoom=linked(ROOM_1), upcoming=("2023-04-06", "2023-04-13", "2023-05-04")),
    Announcement(
        "2023-04-06", "Gunnar Ekdahl-Mbeki, Vestmark Polytechnic",
        "Small language models for maintenance reports",
        "Technicians write short notes full of abbreviations. We compare compact domain-adapted models with "
        "large general ones on classifying and summarising such notes.",
        "Gunnar Ekdahl-Mbeki is a lecturer in computational linguistics at Vestmark Polytechnic.",
        zoom=linked(ROOM_1), upcoming=("2023-04-13", "2023-05-04"), cancelled=True),
    Announcement(
        "2023-04-13", "Tobias Wrenfield, ", "What makes a good benchmark?",
        "Benchmarks shape what a field works on. I ask which popular benchmarks still measure something "
        "useful, and suggest a short checklist for the next one.",
        "Tobias Wrenfield is an independent researcher who writes a newsletter on evaluation practice.",
        time=None, listed_time="14:00", upcoming=("2023-05-04", "2023-09-07"), comment="STAB<del>P</del>"),
    Announcement(
        "2023-04-20", "Flash Talks: Lena Haugsrud, Marco Ittner?, Yusuf Delacroix (x), ",
        time=None, upcoming_form="broken", comment="?<del>TABP</del>"),
    Announcement(
        "2023-05-04", "Flash Talks, ", "Lightning round: first-year doctoral projects",
        "Five doctoral students each get five minutes to present their project and one open question.",
        zoom=linked(ROOM_1), upcoming=("2023-09-07", "2023-10-26"), comment="STA<del>BP</del>"),
    Announcement(
        "2023-09-07", "Hanne Vatnedal, Coastline Robotics", "Grasping in clutter with tactile feedback",
        "Picking one object out of a full bin is still hard for robots. We combine a camera with cheap "
        "tactile sensors and learn when to trust which sense. Details are in our preprint "
        '<a href="https://arxiv.org/abs/2399.01234">arXiv:2399.01234</a>.',
        "Hanne Vatnedal leads the manipulation team at Coastline Robotics. See "
        "https://example.org/~hvatnedal for more.",
        zoom=linked(ROOM_1), upcoming=("2023-10-26", "2023-11-02"), draft_blank=("title", "abstract")),
    Announcement(
        "2023-10-26", "Kofi Amankwah-Lund, Nordhavn University",
        "Uncertainty you can act on: conformal prediction in the clinic",
        "Conformal prediction turns any classifier into one that outputs sets of labels with a guaranteed "
        "error rate.  I show how a dermatology team used such sets to flag cases for a second look.",
        "Kofi Amankwah-Lund is a senior lecturer in statistics at Nordhavn University.",
        location="Room Skarv, Nordhavn University, and online. Connect using Zoom.",
        zoom=linked(ROOM_1), upcoming=("2023-11-02", "2024-01-11")),
    Announcement(
        "2023-11-02", "Elsa Marchetti, University of Vestmark", "Graph neural networks for power grids", "",
        "Elsa Marchetti is a PhD student at the University of Vestmark working on electricity networks.",
        upcoming=("2024-01-11", "2024-01-25"), comment="ST<del>A</del>BP"),
    Announcement(
        "2024-01-11", "Dr. Sigrun Varto, Fenwick College", "Teaching old simulators new tricks",
        "Physical simulators are accurate but slow; neural surrogates are fast but brittle. I present a "
        "hybrid in which a learned model proposes steps and a classical solver corrects them.",
        "Sigrun Varto is a reader in scientific computing at Fenwick College.",
        zoom=linked(ROOM_2), upcoming=("2024-01-25", "2024-03-21", "2024-04-11"),
        draft_blank=("title", "abstract")),
    Announcement(
        "2024-01-25", "Noor Halvorsen-Diaz, Ostmark Centre for Applied AI",
        "Speech recognition for low-resource dialects",
        "We show how a few hours of transcribed dialect speech, combined with self-supervised pretraining, "
        "gets usable accuracy for three regional dialects.",
        mojibake("Noor Halvorsen-Diaz did her master’s in phonetics and a PhD at the Institut Polytechnique "
                 "de Saint-Rémy. She now leads the speech group at the Ostmark Centre for Applied AI."),
        zoom=linked(ROOM_2), upcoming=("2024-03-21", "2024-04-11"), comment="STAB<del>P</del>"),
    Announcement(
        "2024-03-21", "Arvid Tamm, Fenwick College", "Learning to rank search results for legal documents",
        "Lawyers write long, precise queries full of citations. We describe a ranking model trained on "
        "anonymised search sessions and how to evaluate it without leaking client data.",
        "Arvid Tamm is a research fellow at Fenwick College and a former patent attorney.",
        time="16:00", zoom=linked(ROOM_2 + "?pwd=UXVpZXRNYWNoaW5lcw"), upcoming=("2024-04-11",),
        draft_blank=("abstract",)),
    Announcement(
        "2024-04-11", "Priya Lindgren-Osei, University of Vestmark", "Fair allocation of scarce compute",
        "Shared GPU clusters are allocated by queue, by quota or by who shouts loudest. We model this as a "
        "repeated auction and show a simple mechanism that is efficient and hard to game.",
        "Priya Lindgren-Osei is a PhD student in economics and computation at the University of Vestmark.",
        time=None, zoom=linked(ROOM_2)),
)

OTHER_ROWS = (
    PlanRow("2023-02-16", "Winter break", "red"),
    PlanRow("2023-03-02", "Ski holiday", "red", link=True),
    PlanRow("2023-03-16", "Rune H. ?", "grey"),
    PlanRow("2023-05-18", "Ascension Day", "red"),
    PlanRow("2023-09-14", "<em>Up for grabs!!!</em>", "grey"),
    PlanRow("2023-12-14", "Christmas", "red"),
    PlanRow("2023-12-21", "Christmas", "red"),
    PlanRow("2024-01-18", "?", "grey"),
)

# An early Upcoming list named a speaker who was later replaced: (page, listed day) -> speaker.
STALE_UPCOMING = {("2023-02-02", "2023-03-09"): "Bastian Roux, Kestrel Labs"}

PLAN_YEARS = {"2023": ("2023", "2024-01-11"), "2024": ("2024",)}  # plan page -> day prefixes shown

LAYOUT = """<!doctype html>
<html class="no-js" lang="en">
  <head>
    <meta charset="utf-8">
    <title></title>
    <meta name="description" content="">
    <meta name="viewport" content="width=device-width">
    <meta name="robots" content="noindex,nofollow" />
    <link rel="alternate" type="application/atom+xml" href="/feed.xml" title="{owner}">
    <link rel="stylesheet" href="/style.css">
  </head>
  <body class="home">
    <header id="header-waypoint">
      <nav id="stickyNav" class="sticky-nav">
        <div class="nametag"><a href="/" class="nametag"><h1 class="nametag">{owner}</h1></a></div>
        <div id="groups">
          <a href="/blog">Blog</a> <a href="/talks">Talks</a>
          <a href="/publications">Publications</a> <a href="/about">About</a>
        </div>
      </nav>
    </header>
    <div id="main">
{body}
      <section class="foot">
        <strong>{owner}</strong>, Norrvik Institute of Applied Computing<br>
        <a href="/feed.xml" title="Atom feed">Feed</a>
      </section>
    </div>
    <script type="text/javascript">var sc_project=0; var sc_invisible=1;</script>
  </body>
</html>
"""


def layout(body: str) -> str:
    """A whole page around the `<div id="main">` content."""
    return LAYOUT.format(owner=OWNER, body=body)


def field(label: str, value: str) -> str:
    """One `<p><strong>Label:</strong> value</p>` line of an announcement."""
    return f"<p><strong>{label}:</strong> {value}</p>"


def upcoming_html(talk: Announcement) -> str:
    """The "Upcoming seminars" block in the form the page uses."""
    if talk.form == "broken":
        return "<p>*<em>Upcoming seminars:</em></p>"
    by_day = {other.day: other for other in TALKS}
    items = []
    for day in talk.upcoming:
        who = STALE_UPCOMING.get((talk.day, day), by_day[day].plan_text)
        if talk.form == "times":
            items.append(f"<li>{day}, {by_day[day].listed_time}: {who}, **digital and physical: **</li>")
        else:
            items.append(f"<li>{day}: {who}</li>")
    footer = "All times are in CET." if talk.form == "times" else "All seminars are 15:00 CET."
    items.append(f"<li>{footer}</li>")
    return "\n".join(["<p><strong>Upcoming seminars:</strong></p>", "<ul>", *items, "</ul>"])


def announcement_html(talk: Announcement, drafts: bool) -> str:
    """The announcement page of one talk, in its final or its drafts state."""
    def text(name: str) -> str:
        return "" if drafts and name in talk.draft_blank else getattr(talk, name)

    lines = [f"<p>Welcome to this week's {SERIES} seminar.</p>",
             field("Title", text("title")), field("Speaker", talk.speaker),
             field("Abstract", text("abstract")), field("About the speaker", text("bio")),
             field("Location", talk.location)]
    if talk.time:
        lines.append(field("Date", f"{talk.day} {talk.time}"))
    lines += [field("Zoom link", talk.zoom), upcoming_html(talk)]
    more = INFO_URL if talk.form == "broken" else linked(INFO_URL)
    lines += [f"<p>More information and coming seminars: {more}</p>", f"<p>-- The {SERIES} Team</p>"]
    return layout("\n".join(lines))


def talk_row(talk: Announcement) -> list[str]:
    """Plan table cells of a talk that has a page (red if cancelled)."""
    name = slug(talk.plan_text)
    link = f'<a href="{talk.day}.html">{talk.plan_text}</a>'
    if talk.cancelled:
        return coloured_cells("red", talk.day, link, "CANCELLED")
    assets = [f'<a href="{talk.day}-{kind}-{name}.jpg">{label}</a>' for kind, label in ASSETS.items()]
    if "P</del>" in talk.comment:  # the photo is missing too
        assets[0] = ""
    return [talk.day, link, *assets, talk.comment]


def coloured_cells(colour: str, day: str, text: str, comment: str) -> list[str]:
    """Cells of a red (cancelled) or grey (placeholder) row, each wrapped in a span."""
    cells = [day, text, "", "", "", "", comment]
    return [f'<span style="color:{colour}"> {cell} </span>' for cell in cells]


def other_row(row: PlanRow) -> list[str]:
    """Plan table cells of a row without an announcement page."""
    text = f'<a href="{row.day}.html">{row.text}</a>' if row.link else row.text
    comment = "CANCELLED" if row.colour == "red" else "S<del>TABP</del>"
    return coloured_cells(row.colour, row.day, text, comment)


def plan_html(prefixes: tuple[str, ...]) -> str:
    """A yearly plan page: the table of talks, then the History links."""
    rows = [(talk.day, talk_row(talk)) for talk in TALKS]
    rows += [(row.day, other_row(row)) for row in OTHER_ROWS]
    shown = sorted((day, cells) for day, cells in rows if day.startswith(prefixes))
    head = ("date", "speaker", "photo", "shareable", "meeting backdrop", "youtube thumbnail",
            '<a title="Speaker, Title, Abstract, Bio, Photo. Strikethrough means we don\'t have it yet.">'
            "comment</a>")
    table = ["<table>", "<thead>", "<tr>", *(f"<th>{h}</th>" for h in head), "</tr>", "</thead>", "<tbody>"]
    for _, cells in shown:
        table += ["<tr>", *(f"<td>{cell}</td>" for cell in cells), "</tr>"]
    table += ["</tbody>", "</table>"]
    return layout("\n".join([
        '<style type="text/css" scoped>',
        "td, th {border: 1px solid #ccc; padding: 0.6em;}",
        "table {border-collapse: collapse;}",
        "</style>", "",
        '<h1 id="quiet-machines-plan-2023-12-31">Quiet Machines Plan 2023-12-31</h1>',
        *table,
        '<h2 id="history">History</h2>',
        '<p><a href="2023.html">2023</a> <a href="2024">2024</a> <a href="2025">2025</a></p>',
        '<h2 id="statistics">Statistics</h2>',
        '<p><a href="statistics-2023">2023</a> <a href="statistics-2024">2024</a></p>',
    ]))


def write_if_changed(path: Path, text: str) -> None:
    """Write `text` unless the file already holds it, so unchanged pages keep their mtime."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_site(out: Path, *, drafts: bool = False) -> list[str]:
    """Write the site under `out`; return the announcement pages' paths relative to `out`."""
    out = Path(out)
    write_if_changed(out / "robots.txt", ROBOTS_TXT)
    for name, prefixes in PLAN_YEARS.items():
        write_if_changed(out / PREFIX / f"{name}.html", plan_html(prefixes))
    pages = [f"{PREFIX}/{talk.day}.html" for talk in TALKS]
    for relative, talk in zip(pages, TALKS):
        write_if_changed(out / relative, announcement_html(talk, drafts))
    return pages
