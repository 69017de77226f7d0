"""Harbour Lights Seminar: one page per talk with labelled fields (fictional).

The series' page `/seminar-series/` lists the talks, undated; each talk lives
beside it at `/seminars/<slug>/` (not under it), in one of four templates the
site used over the years: `<strong>` labels, `<dt>/<dd>`, a Swedish
`<th>/<td>` fact table, and plain "Label:" lines with `<h3>` headings.
Two pages give their date only in their address, one gives no year.
"""
from __future__ import annotations

from pathlib import Path

from . import page, site_furniture, write

START = ["seminar-series/"]
NO_ZOOM = "https://example.zoom.us/j/5550001111?pwd=Zm9vYmFy"


def strong(fields) -> str:
    return "\n".join(f"<p><strong>{label}:</strong> {value}</p>" for label, value in fields)


def definitions(fields) -> str:
    return "<dl>\n" + "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in fields) + "\n</dl>"


def fact_table(fields) -> str:
    rows = "\n".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in fields)
    return f'<table class="fakta">\n{rows}\n</table>'


def plain(fields) -> str:
    parts = []
    for label, value in fields:
        if label in ("Abstract", "About the speaker"):
            parts.append(f"<h3>{label}</h3>\n<p>{value}</p>")
        else:
            parts.append(f"<p>{label}: {value}</p>")
    return "\n".join(parts)


TEMPLATES = {"strong": strong, "dl": definitions, "th": fact_table, "plain": plain}

TALKS = [
    ("counting-seabirds", "strong", [
        ("Title", "Counting seabirds from drone footage"),
        ("Speaker", "Prof. Ingrid Halvorsen, Coastal Institute of Technology"),
        ("Date", "Thursday, 18 January 2024, 15:00 CET"),
        ("Location", "Lecture hall B2, Harbour Building"),
        ("Abstract", "Colonies of kittiwakes nest on ledges no one can reach.</p>\n<p>We fly small drones along "
                     "the cliffs and count nests with a detector trained on a few hundred labelled frames."),
        ("About the speaker", "Ingrid Halvorsen leads the aerial sensing group at the Coastal Institute."),
        ("Zoom link", f'<a href="{NO_ZOOM}">Join the meeting</a>'),
    ]),
    ("tide-gauge-attention", "dl", [
        ("Speaker", "Dr. Tomasz Wierzbicki (Lakeside University)"),
        ("Title", "Sparse attention for tide-gauge records"),
        ("When", "Jan 25, 2024 3pm"),
        ("Where", "Room 4.12"),
        ("Abstract", "Tide gauges have gaps of hours or years. A sparse attention model fills them and says how "
                     "sure it is."),
        ("Links", '<a href="https://arxiv.org/abs/2401.01234">Preprint</a>, '
                  '<a href="https://www.youtube.com/watch?v=hlTide01">Recording</a>'),
    ]),
    ("robusta-havsniva", "th", [
        ("Titel", "Robusta skattningar av havsnivån"),
        ("Talare", "Karin Ek – Norrviks universitet"),
        ("Datum", "torsdag 1 februari 2024"),
        ("Tid", "15.00–16.00"),
        ("Plats", "Sal Kajen, Hamnhuset"),
        ("Sammanfattning", "Mätserier från hamnar innehåller fel. Vi visar hur robusta metoder ger stabila trender."),
        ("Om talaren", "Karin Ek är lektor i matematisk statistik."),
    ]),
    ("wave-energy-graphs", "plain", [
        ("Title", "Wave energy forecasting with graph networks"),
        ("Speakers", "Lena Sørby and Paul Achterberg"),
        ("Date", "2024-02-08 16:00"),
        ("Venue", "Room 4.12"),
        ("Abstract", "Buoys along a coast form a graph. Messages passed along it predict the swell a day ahead."),
        ("Slides", '<a href="/files/wave-energy-slides.pdf">slides (PDF)</a>'),
    ]),
    ("fleet-of-gliders", "strong", [
        ("Title", "A fleet of underwater gliders that share what they learn"),
        ("Speakers", "Amara Okafor, Femi Adeyemi &amp; Jonas Berg (Northfjord University of Technology)"),
        ("Date", "15/2/2024, 15:00-16:00"),
        ("Abstract", "Gliders surface rarely and briefly. We show how they exchange small model updates in the "
                     "few seconds they have."),
    ]),
    ("2024-02-22-marsh-sensors", "strong", [
        ("Title", "Listening to salt marshes"),
        ("Speaker", "Dr Hugo Lindqvist, Saltmarsh Research Station"),
        ("Abstract", "Cheap microphones in the reeds record the tide coming in. The sound tells how fast the "
                     "marsh is drowning."),
    ]),
    ("harbour-traffic", "dl", [
        ("Speaker", '<a href="https://fjordvik.example.edu/~mnordin">Maja Nordin</a> (Fjordvik University)'),
        ("Title", "Predicting harbour traffic from ship signals"),
        ("When", "Thursday 29 February 2024, 14:00–15:30"),
        ("Where", "Online via Microsoft Teams"),
        ("Abstract", "Ships announce where they are every few seconds. From these signals we forecast queues at "
                     "the harbour entrance."),
        ("Join", '<a href="https://teams.microsoft.com/l/meetup-join/hl-0229">Teams meeting</a>'),
    ]),
    ("kustnara-bojar", "th", [
        ("Titel", "Kustnära bojar och maskininlärning"),
        ("Talare", "Docent Erik Strand, Kustlaboratoriet"),
        ("Datum", "7 mars 2024 kl. 13.15"),
        ("Plats", "Sal Fyren"),
        ("Sammanfattning", "Bojar mäter vågor, vind och temperatur. Vi jämför enkla och djupa modeller för att "
                           "förutsäga dimma."),
    ]),
    ("maritime-data-cleaning", "plain", [
        ("Title", "Cleaning maritime data without losing the storms"),
        ("Speaker", "Priya Raman - Institute for Maritime Data"),
        ("When", "Mar 14, 2024 3pm-4pm"),
        ("Location", "Room 2.01"),
        ("Abstract", "Outlier filters remove the rare events we care most about. We propose filters that keep "
                     "storms and drop sensor glitches."),
        ("Recording", "https://vimeo.com/000111222"),
    ]),
    ("ferry-schedules", "strong", [
        ("Title", "Learning ferry schedules from late departures"),
        ("Speakers", "Oskar Falk and Sara Holm, Harbour City University"),
        ("Date", "2024-03-21 15:15"),
        ("Abstract", "Delays spread from one ferry to the next. A small causal model finds which departures to "
                     "protect."),
        ("Paper", '<a href="https://doi.org/10.0000/fict.2024.17">Journal article</a>'),
    ]),
    ("forking-currents", "dl", [
        ("Date", "Thursday, 4 April 2024, 15:00 CET"),
        ("Speaker", "Prof. Ada Quill (Nowhere University)"),
        ("Title", "Forking currents: ensembles for estuaries"),
        ("Abstract", "Where a river meets the sea the water layers split and merge. Ensembles of simple models "
                     "track the layers better than one large model."),
        ("Bio", "Ada Quill is professor of applied mathematics at Nowhere University."),
        ("Material", '<a href="https://example.org/talks/quill-slides.pptx">Slides</a>'),
    ]),
    ("fyrens-ljus", "th", [
        ("Titel", "Fyrens ljus i satellitbilder"),
        ("Talare", "Nils Berg"),
        ("Datum", "11/4/2024"),
        ("Tid", "15:00–16:00"),
        ("Plats", "Sal Fyren"),
        ("Sammanfattning", "Fyrar syns i nattliga satellitbilder. Vi använder dem för att kalibrera bilderna."),
    ]),
    ("2024-04-18-ice-cover", "plain", [
        ("Title", "Sea ice cover from coastal webcams"),
        ("Speaker", "Ylva Dahl, Polar Data Centre"),
        ("Location", "Room 2.01"),
        ("Abstract", "Webcams in fishing villages see the ice form and break. We turn their images into daily "
                     "ice maps."),
    ]),
    ("river-deltas", "strong", [
        ("Title", "Cancelled – River deltas under pressure"),
        ("Speakers", "Dr. Chen Wei and Dr. Mira Kovac (Delta Institute)"),
        ("Date", "Apr 25, 2024 3pm"),
        ("Location", "Lecture hall B2, Harbour Building"),
        ("Abstract", "Deltas sink as cities grow on them. Radar satellites measure how fast."),
    ]),
    ("river-ice-acoustics", "dl", [
        ("Title", "What river ice sounds like"),
        ("Speaker", "Sven Aalto, Northern Rivers Lab"),
        ("When", "Thu 2 May, 15:00"),
        ("Where", "Room 4.12"),
        ("Abstract", "Ice on a river cracks, sings and groans. Each sound says something about its thickness."),
    ]),
    ("harbour-lights-lab", "plain", [
        ("Title", "Harbour lights as a sensor network"),
        ("Speaker", "Tove Lind, Harbour Lights Lab"),
        ("Date", "16 May 2024"),
        ("Time", "15:00 to 16:00"),
        ("Location", "Room 4.12 and online"),
        ("Abstract", "Every lamp on the quay has a light sensor. Together they measure fog, traffic and the "
                     "length of the night."),
        ("Online", '<a href="https://meet.google.com/abc-defg-hij">Google Meet</a>'),
    ]),
]


def title_of(fields) -> str:
    return next(value for label, value in fields if label in ("Title", "Titel"))


def write_site(out: Path) -> None:
    site_furniture(out)
    items = []
    for slug, template, fields in TALKS:
        lang = "sv" if template == "th" else "en"
        body = f"<h1>Harbour Lights Seminar</h1>\n{TEMPLATES[template](fields)}"
        write(out, f"seminars/{slug}/", page(title_of(fields), body, lang=lang))
        items.append(f'<li><a href="/seminars/{slug}/">{title_of(fields)}</a></li>')
    news = '<p>News: <a href="/news/2024-03-01-new-sensors/">new sensors on the quay</a></p>'
    write(out, "news/2024-03-01-new-sensors/", page("New sensors", "<h1>New sensors</h1><p>They are up.</p>"))
    write(out, "seminar-series/", page("Harbour Lights Seminar", (
        "<h1>Harbour Lights Seminar</h1>\n<p>We meet on Thursdays at 15:00 unless a talk says otherwise.</p>\n"
        f"{news}\n<h2>Talks this spring</h2>\n<ul>\n" + "\n".join(items) + "\n</ul>")))
