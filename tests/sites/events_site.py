"""Saltwater Data Seminar: talk pages carrying schema.org Event markup (fictional).

`/events/` lists every talk in one JSON-LD graph (name, start, page); each
talk's page marks it up in full in JSON-LD, microdata or RDFa, as the
site's three generations of templates did. Times come with an offset, in
UTC, without a zone (local wall-clock time) or not at all; one event names
its speaker only in its name, one is cancelled.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from . import page, site_furniture, write

START = ["events/"]

# slug, syntax, name, performers (name, affiliation, homepage, bio), start, end, place, description, status, material
TALKS = [
    ("tide-tables", "json-ld", "Tide tables for a warming sea", [("Dr. Eva Lind", "Fjordvik University", None, None)],
     "2024-09-05T15:00:00+03:00", "2024-09-05T16:00:00+03:00", "Aula Marina",
     "Tide tables assume the sea stays put.\n\nWe show how much they drift as it rises.", None, []),
    ("kelp-forests", "microdata", "Kelp forests seen from orbit", [("Matti Laine", "Archipelago Research Centre", None,
     "Matti Laine studies coastal vegetation from space.")],
     "2024-09-12T15:00:00+03:00", "2024-09-12T16:00:00+03:00", "Aula Marina",
     "Kelp canopies show up in satellite images at low tide. A simple index maps them across a whole coast.", None, []),
    ("ballast-water", "rdfa", "Tracking ballast water with DNA traces", [("Prof. Sara Nyberg", "Port Research Institute",
     "https://port-research.example.org/nyberg", None)],
     "2024-09-19T14:00:00+03:00", "2024-09-19T15:30:00+03:00", "Room 210, Marine Building",
     "Ships carry stowaways in their ballast tanks. Traces of DNA in harbour water reveal which ones arrive.", None, []),
    ("fog-forecasts", "json-ld", "Ada Quill: Fog forecasts for small harbours", [],
     "2024-09-26T15:00:00+03:00", None, "Aula Marina",
     "Fog closes small harbours without warning. Local sensors and a tiny model give an hour of notice.", None, []),
    ("oil-spill-drift", "microdata", "Where does spilled oil go?", [("Dr. Jonas Weber", "Baltic Safety Lab", None, None),
     ("Li Na", "Baltic Safety Lab", None, None)],
     "2024-10-03T15:00:00+03:00", "2024-10-03T16:00:00+03:00", "online",
     "Drift models disagree about where a spill goes. We weigh them by how well they did last time.", None,
     [("VideoObject", "https://www.youtube.com/watch?v=saltOil03")]),
    ("ice-breakers", "rdfa", "Routing ice breakers with reinforcement learning", [("Aleksi Korpela (Arctic Transport Centre)", None, None, None)],
     "2024-10-10T12:00:00Z", "2024-10-10T13:00:00Z", "Aula Marina",
     "Ice breakers clear lanes that freeze again. A learned policy decides which lanes to keep open.", None, []),
    ("harbour-noise", "json-ld", "Underwater noise from harbour traffic", [("Hanna Berg", "Coastal Acoustics Group",
     "https://acoustics.example.org/hanna", "Hanna Berg records what fish hear.")],
     "2024-10-17T15:00", "2024-10-17T16:00", "Room 210, Marine Building",
     "Hydrophones at the harbour mouth hear every ship. We estimate how much noise each one adds.", None, []),
    ("mussel-farms", "microdata", "Mussel farms as water filters", [("Pekka Salo", None, None, None)],
     "2024-10-24", None, "Aula Marina",
     "A mussel filters tens of litres a day. Farms of them clear the water around them, measurably.", None, []),
    ("storm-damage", "rdfa", "Storm damage claims from street photos", [("Dr. Amina Yusuf", "Northfjord University of Technology", None, None)],
     "2024-10-31T15:00:00+02:00", "2024-10-31T16:00:00+02:00", "Aula Marina",
     "After a storm, insurers receive thousands of photos. A model sorts them by damage before anyone looks.", None, []),
    ("seal-counts", "json-ld", "Counting seals on skerries", [("Olli Virta", "Archipelago Research Centre", None, None)],
     "2024-11-07T15:00:00+02:00", "2024-11-07T16:00:00+02:00", "Aula Marina",
     "Seals rest on skerries too small for maps. Drone images and a point detector count them.",
     "https://schema.org/EventCancelled", []),
    ("wave-gliders", "microdata", "Wave gliders on long missions", [("Dr. Karl Holm", "Fjordvik University", None, None)],
     "2024-11-14T15:00:00+02:00", "2024-11-14T16:00:00+02:00", "Room 210, Marine Building",
     "A wave glider sails for months on wave power alone. We plan its route around storms.", None,
     [("PresentationDigitalDocument", "https://saltwater.example.org/slides/holm-gliders.pdf")]),
    ("coastal-erosion", "rdfa", "Coastal erosion from old maps", [("Riikka Lehto", "Maritime History Archive", None, None)],
     "2024-11-21T15:00:00+02:00", "2024-11-21T16:00:00+02:00", "Aula Marina",
     "Maps from two centuries ago show where the shore was. Aligned with today's they measure erosion.", None, []),
    ("fishing-quotas", "json-ld", "Fairer fishing quotas with simulation", [("Ingrid Dahl", "Fisheries Policy Lab", None, None),
     ("Tom Reed", "Fisheries Policy Lab", None, None)],
     "2024-11-28T15:00:00+02:00", "2024-11-28T16:30:00+02:00", "Aula Marina",
     "Quotas shape how fleets fish. Simulated fleets show which rules keep stocks and villages alive.", None,
     [("ScholarlyArticle", "https://doi.org/10.0000/fict.quota.2024")]),
    ("lighthouse-data", "microdata", "A century of lighthouse weather logs", [("Aino Heikkinen", "Maritime History Archive", None, None)],
     "2024-12-05T15:00:00+02:00", "2024-12-05T16:00:00+02:00", "Aula Marina",
     "Keepers wrote down the weather every four hours. Their logs extend coastal climate records by decades.", None, []),
    ("sea-level-apps", "rdfa", "Sea level apps people actually use", [("Mikael Strand", "Coastal Design Studio", None, None)],
     "2024-12-12T15:00:00+02:00", "2024-12-12T16:00:00+02:00", "Room 210, Marine Building",
     "Residents ignore flood maps. We tested which designs make them look.", None, []),
    ("winter-buoys", "json-ld", "Buoys that survive the winter", [("Paula Niemi", "Baltic Instruments", None, None)],
     "2024-12-19T15:00:00+02:00", "2024-12-19T16:00:00+02:00", "online",
     "Sea ice crushes buoys. A buoy that dives under the ice keeps measuring all winter.", None, []),
]
ZOOM = "https://example.zoom.us/j/3330004444"


def _person_ld(name, affiliation, homepage, bio) -> dict:
    person = {"@type": "Person", "name": name}
    if affiliation:
        person["affiliation"] = {"@type": "Organization", "name": affiliation}
    if homepage:
        person["url"] = homepage
    if bio:
        person["description"] = bio
    return person


def _location_ld(place: str) -> dict:
    if place == "online":
        return {"@type": "VirtualLocation", "url": ZOOM}
    return {"@type": "Place", "name": place}


def json_ld(talk) -> str:
    slug, _, name, performers, start, end, place, description, status, material = talk
    event = {"@context": "https://schema.org", "@type": "EducationEvent", "name": name, "startDate": start,
             "location": _location_ld(place), "description": description, "url": f"/events/{slug}.html"}
    if end:
        event["endDate"] = end
    if performers:
        event["performer"] = [_person_ld(*p) for p in performers]
    if status:
        event["eventStatus"] = status
    if material:
        event["subjectOf"] = [{"@type": kind, "url": url} for kind, url in material]
    return f'<script type="application/ld+json">{json.dumps(event, ensure_ascii=False, indent=1)}</script>'


def _visible(talk) -> tuple[str, str]:
    """The heading and the date line a reader sees (the markup's values sit in attributes)."""
    return escape(talk[2]), talk[4][:10]


def microdata(talk) -> str:
    slug, _, name, performers, start, end, place, description, status, material = talk
    people = "".join(
        f'<p itemprop="performer" itemscope itemtype="https://schema.org/Person"><span itemprop="name">{escape(p[0])}</span>'
        + (f', <span itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">{escape(p[1])}</span></span>' if p[1] else "")
        + (f'<br><span itemprop="description">{escape(p[3])}</span>' if p[3] else "") + "</p>"
        for p in performers)
    where = (f'<p itemprop="location" itemscope itemtype="https://schema.org/VirtualLocation"><a itemprop="url" href="{ZOOM}">Online</a></p>'
             if place == "online" else
             f'<p itemprop="location" itemscope itemtype="https://schema.org/Place"><span itemprop="name">{escape(place)}</span></p>')
    works = "".join(f'<p itemprop="subjectOf" itemscope itemtype="https://schema.org/{kind}"><a itemprop="url" href="{url}">Material</a></p>'
                    for kind, url in material)
    end_tag = f' – <time itemprop="endDate" datetime="{end}">{end[11:16]}</time>' if end else ""
    return (f'<article itemscope itemtype="https://schema.org/Event">\n<h1 itemprop="name">{escape(name)}</h1>\n{people}\n'
            f'<p><time itemprop="startDate" datetime="{start}">{start[:10]} {start[11:16]}</time>{end_tag}</p>\n{where}\n'
            f'<div itemprop="description"><p>{escape(description)}</p></div>\n{works}</article>')


def rdfa(talk) -> str:
    slug, _, name, performers, start, end, place, description, status, material = talk
    people = "".join(
        f'<p property="performer" typeof="Person"><span property="name">{escape(p[0])}</span>'
        + (f', <span property="affiliation" typeof="Organization"><span property="name">{escape(p[1])}</span></span>' if p[1] else "")
        + (f' <a property="url" href="{p[2]}">home page</a>' if p[2] else "") + "</p>"
        for p in performers)
    end_tag = f'<meta property="endDate" content="{end}">' if end else ""
    return (f'<div vocab="https://schema.org/" typeof="Event">\n<h1 property="name">{escape(name)}</h1>\n{people}\n'
            f'<p><span property="startDate" content="{start}">{start[:10]}</span>{end_tag}</p>\n'
            f'<p property="location" typeof="Place"><span property="name">{escape(place)}</span></p>\n'
            f'<p property="description">{escape(description)}</p>\n</div>')


def index_graph() -> str:
    graph = [{"@type": "Event", "name": talk[2] if not talk[3] else f"{talk[2]}", "startDate": talk[4],
              "url": f"/events/{talk[0]}.html"} for talk in TALKS]
    return f'<script type="application/ld+json">{json.dumps({"@context": "https://schema.org", "@graph": graph}, indent=1)}</script>'


def write_site(out: Path) -> None:
    site_furniture(out)
    for talk in TALKS:
        slug, syntax = talk[0], talk[1]
        if syntax == "json-ld":
            heading, day = _visible(talk)
            html = page(talk[2], f"<h1>{heading}</h1><p>{day}</p>", head=json_ld(talk))
        else:
            html = page(talk[2], (microdata if syntax == "microdata" else rdfa)(talk))
        write(out, f"events/{slug}.html", html)
    items = "\n".join(f'<li><a href="{t[0]}.html">{escape(t[2])}</a> ({t[4][:10]})</li>' for t in TALKS)
    write(out, "events/", page("Saltwater Data Seminar", f"<h1>Saltwater Data Seminar</h1>\n<ul>\n{items}\n</ul>",
                              head=index_graph()))
