"""Quayside Talks: an RSS feed of this autumn's talks and an Atom feed of the winter's (fictional).

Each item's title names speaker and title in some order; its HTML says when
and where in a line of its own, with labels, in US or UK style, without a
year, or not at all (the date is then only in the item's link). The feeds'
own dates (pubDate, published) say when an item was posted, a week before
the talk. One talk is cancelled in its title.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from . import write

START = ["feeds/talks.rss", "feeds/archive.atom"]
SITE = "https://quayside.example.org"
ROOM = "Quay Room, Dock Building"

# (link path, title, HTML description, posted)
RSS_ITEMS = [
    ("talks/harbour-data-commons", "Ada Quill (Nowhere University): Harbour data commons",
     f"<p><strong>When:</strong> Thursday, 3 October 2024, 16:00 BST</p><p><strong>Where:</strong> {ROOM}</p>"
     "<p>Ports collect data they never share. A data commons lets them share without giving away secrets.</p>",
     "Fri, 27 Sep 2024 09:00:00 +0000"),
    ("talks/2024/10/10/ropes-and-sensors", "Ropes that sense their load – Bo Lind, Rigging Lab",
     "<p>Fibres woven into mooring ropes report strain before a rope snaps.</p>", "Fri, 04 Oct 2024 09:00:00 +0000"),
    ("talks/tugboat-scheduling", "Carla Ruiz: Tugboat scheduling with constraint solvers",
     f"<p>Oct 17, 2024 4pm, {ROOM}</p><p>Tugs are few and ships are many. A solver plans who tows whom.</p>",
     "Fri, 11 Oct 2024 09:00:00 +0000"),
    ("talks/terminal-twins",
     "Digital twins of container terminals (Dr. Hamid Karimi and Prof. Ulla Berg, Port Systems Institute)",
     "<p>2024-10-24 16:00 · Online</p><p>A terminal's twin replays every crane move. Planners test new layouts on it "
     'first.</p><p><a href="https://example.zoom.us/j/9990001234?pwd=dHdpbnM">Join on Zoom</a></p>',
     "Fri, 18 Oct 2024 09:00:00 +0000"),
    ("talks/fog-horns", "Fog horns and whale song – Ines Costa, Ocean Sound Lab",
     f"<p>31/10/2024 16:00-17:00, {ROOM}</p><p>Fog horns and whales share a frequency band. We measure who "
     "drowns out whom.</p><p>Ines Costa is a bioacoustician.</p>", "Fri, 25 Oct 2024 09:00:00 +0000"),
    ("talks/port-cranes", "CANCELLED: Port cranes that learn — Jorge Silva, Crane Robotics Lab",
     "<p>Thursday 7 November 2024, 16:00</p>", "Fri, 01 Nov 2024 09:00:00 +0000"),
    ("talks/routes-after-ice", "Shipping routes after the ice",
     "<p><strong>Speaker:</strong> Prof. Noah Fischer, Institute for Logistics</p>"
     "<p><strong>Date:</strong> 14 November 2024</p><p><strong>Time:</strong> 16:00–17:00</p>"
     "<p><strong>Abstract:</strong> Arctic routes open for longer each summer. We model who will use them.</p>"
     "<p><strong>Bio:</strong> Noah Fischer studies shipping networks.</p>", "Fri, 08 Nov 2024 09:00:00 +0000"),
    ("talks/lock-gates", "Lock gates and river traffic, by Mirela Popescu",
     f"<p>Thursday 21 November 2024, 16:00, {ROOM}</p><p>Barges wait hours at locks. Scheduling the gates cuts the "
     "wait by half.</p>", "Fri, 15 Nov 2024 09:00:00 +0000"),
]

ATOM_ENTRIES = [
    ("talks/smart-buoys", "Lea Novak: Smart buoys for small harbours",
     f"<p>Thursday 28 November, 16:00 · {ROOM}</p><p>Small harbours cannot afford weather stations. A buoy made "
     "of parts from a hardware shop can.</p>", "2024-11-22T09:00:00Z"),
    ("talks/harbour-ice", "Harbour ice and climate - Dr. Anders Kask (Baltic Ice Service)",
     "<p>Thursday 5 December, 16:00</p><p>Ice records from harbour masters go back two centuries. They show winters "
     'getting shorter.</p><p><a href="https://www.youtube.com/watch?v=quayIce05">Watch the recording</a></p>',
     "2024-11-29T09:00:00Z"),
    ("talks/ship-emissions", "Sun Li, Tove Ek &amp; Rami Haddad (Atmospheric Data Lab): Ship emissions from space",
     f"<p>Thursday 12 December, 16:00 · {ROOM}</p><p>Satellites see the exhaust trails of single ships. We "
     'estimate what each one emits.</p><p>Slides: <a href="/files/emissions.pdf">PDF</a></p>', "2024-12-06T09:00:00Z"),
    ("talks/sea-in-stories", "Christmas lecture: The sea in stories — Greta Lind",
     f"<p>Thursday 19 December, 16:00 · {ROOM}</p><p>Sailors' tales remember storms that logbooks forgot.</p>",
     "2024-12-13T09:00:00Z"),
    ("talks/autonomous-ferries", "Autonomous ferries (Kalle Mäki, Archipelago Transport)",
     "<p>Thursday 9 January, 16:00 · Online</p><p>Small ferries between islands could run without crew. What "
     'would passengers accept?</p><p>Meeting link: <a href="https://meet.google.com/qsd-abcd-efg">'
     "meet.google.com/qsd-abcd-efg</a></p>", "2025-01-03T09:00:00Z"),
    ("talks/breakwater-power", "Ola Nordmann: Wave power on the breakwater",
     f"<p>Thursday 16 January, 16:00–17:30 · {ROOM}</p><p>Breakwaters take the full force of the waves. Turbines "
     "inside them turn it into power.</p>", "2025-01-10T09:00:00Z"),
    ("talks/crowd-bathymetry", "Seabed mapping with crowdsourced echo sounders – Pedro Alves, Hydrographic Lab",
     f"<p>Thursday 23 January, 16:00 · {ROOM}</p><p>Leisure boats carry echo sounders. Their soundings, pooled, "
     "map harbours no survey ship visits.</p><p>Pedro Alves leads the crowd bathymetry project.</p>",
     "2025-01-17T09:00:00Z"),
    ("talks/2025/01/30/harbour-silt", "Hanne Vik: Rain, rivers and harbour silt",
     "<p>Heavy rain brings silt that closes harbours. We forecast dredging needs from rainfall.</p>",
     "2025-01-24T09:00:00Z"),
]


def rss() -> str:
    items = "".join(
        f"<item><title>{escape(title, quote=False)}</title><link>{SITE}/{path}</link>"
        f"<guid>{SITE}/{path}</guid><pubDate>{posted}</pubDate><description>{escape(html)}</description></item>\n"
        for path, title, html, posted in RSS_ITEMS)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Quayside Talks</title>'
            f"<link>{SITE}/talks/</link><description>Talks at the Quay Room, Thursdays at 16:00.</description>\n"
            f"{items}</channel></rss>\n")


def atom() -> str:
    entries = "".join(
        f'<entry><title type="html">{title}</title><link href="{SITE}/{path}"/><id>{SITE}/{path}</id>'
        f'<published>{posted}</published><updated>{posted}</updated><content type="html">{escape(html)}</content></entry>\n'
        for path, title, html, posted in ATOM_ENTRIES)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f'<title>Quayside Talks: winter</title><id>{SITE}/talks/winter</id><updated>2025-01-24T09:00:00Z</updated>\n'
            f"{entries}</feed>\n")


def write_site(out: Path) -> None:
    write(out, "feeds/talks.rss", rss())
    write(out, "feeds/archive.atom", atom())
