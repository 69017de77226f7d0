"""Tidewater Colloquium: one long page per term, a repeated block per talk (fictional).

`/colloquium/` links the term pages, each in the shape the organisers used
that term: heading sections with yearless dates under "Autumn 2023"
(a cancelled talk among them), `<details>` per talk, a two-day workshop
whose dates stand in headings above the lists of talks (two talks a day),
a term written in US numeric dates ("3/25/21", so "4/1/21" is April), and
a programme table with a placeholder and a cancelled row.
"""
from __future__ import annotations

from pathlib import Path

from . import page, site_furniture, write

START = ["colloquium/"]
ROOM = "Room 3.14, Tidewater Building"

AUTUMN_2023 = """<h1>Tidewater Colloquium</h1>
<h2>Autumn 2023</h2>
<h3>Ada Quill (Nowhere University): Estuary ensembles revisited</h3>
<p>Thursday 7 September, 15:00–16:00 · Room 3.14, Tidewater Building</p>
<p>Last year we fitted one model per estuary. This year we share what the estuaries have in common.</p>
<p>Ada Quill is professor of applied mathematics at Nowhere University.</p>
<h3>Counting ships in the fog – Henrik Vos, Port Authority Lab</h3>
<p>Thursday 21 September, 15:00–16:00 · Room 3.14, Tidewater Building</p>
<p>Radar sees through fog but not through clutter. We learn what clutter looks like on a busy day.</p>
<h3>Seagrass maps from a kayak (Elin Norberg, Baltic Field Station)</h3>
<p>Thursday 5 October, 14:15–15:00 · Boathouse seminar room</p>
<p>A camera under a kayak and a phone on deck are enough to map seagrass meadows.</p>
<p>Elin Norberg is a field ecologist who paddles for science.</p>
<h3>Dr. Samuel Osei and Dr. Ruth Amankwah, Gulf Coast Institute: Storm surge with physics-informed networks</h3>
<p>Thursday 19 October, 15:00–16:00 · Room 3.14, Tidewater Building</p>
<p>Surge models are slow and networks are blind to physics. We put the shallow water equations in the loss.</p>
<h3>Cancelled: Tidal energy and the fish that swim through it – Lars Nygaard, Fjordvik University</h3>
<p>Thursday 2 November, 15:00–16:00 · Room 3.14, Tidewater Building</p>
<h3>Mia Koskinen: Wave heights from smartphone sensors</h3>
<p>Thursday 14 December, 15:00–16:00 · Room 3.14, Tidewater Building</p>
<p>Phones on ferries feel the waves. Thousands of them make a wave map.</p>
"""

SPRING_2024 = """<h1>Tidewater Colloquium</h1>
<h2>Spring 2024</h2>
<p>Click a talk to read its abstract.</p>
<details><summary>Thu 1 Feb · Bo Lind and Cy Moss: Learning tides from sparse gauges</summary>
<p>Most coasts have one tide gauge per hundred kilometres. We interpolate between them with a kernel that knows about bays.</p>
<p>Room 3.14, Tidewater Building · <a href="/files/lind-moss-tides.pdf">Slides</a></p>
</details>
<details><summary>Thu 15 Feb · Noor Haddad (Delta Institute) – Mud, sand and machine learning</summary>
<p>Sediment cores take months to analyse. Hyperspectral images of the cores take minutes.</p>
<p>Room 3.14, Tidewater Building · <a href="https://www.youtube.com/watch?v=tideNoor24">Recording</a></p>
</details>
<details><summary>Thu 14 Mar · Prof. Jan de Wit, Lowlands Water Lab: Dikes that report their own health</summary>
<p>Fibre-optic cables inside dikes sense strain. We learn which patterns come before a breach.</p>
<p>Room 3.14, Tidewater Building · paper: <a href="https://arxiv.org/abs/2403.04567">arXiv:2403.04567</a></p>
</details>
<details><summary>Thu 11 Apr · Ice roads of the north (Aino Virtanen, Arctic Transport Centre)</summary>
<p>Ice roads open later every winter. Satellite radar tells drivers when the ice is thick enough.</p>
<p>Online only · <a href="https://example.zoom.us/j/7770002222?pwd=c2VjcmV0">Zoom</a></p>
</details>
<details><summary>Thu 23 May · Carlos Mendes: Harbour seals as ocean observers</summary>
<p>Seals carrying small sensors dive where ships cannot go. Their profiles fill gaps in ocean models.</p>
<p>Room 3.14, Tidewater Building</p>
</details>
"""

WORKSHOP_2024 = """<h1>Tidewater Days 2024</h1>
<p>Two days of short talks. Coffee between talks.</p>
<h2>Thursday 6 June 2024</h2>
<ul>
<li>10:00–10:45 <b>Ravi Menon</b> (Harbour City University) — <em>Bathymetry from wave speed</em></li>
<li>11:00–11:45 Dr. Leila Haddad, Delta Institute: <em>Floods in the satellite archive</em></li>
</ul>
<h2>Friday 7 June 2024</h2>
<ul>
<li>10:00–10:45 <b>Oda Brekke</b> (Northfjord University of Technology) — <em>Drifting buoys that decide where to drift</em></li>
<li>11:00–11:45 Kofi Boateng, Gulf Coast Institute: <em>Mangroves as coastal defence</em></li>
</ul>
"""

SPRING_2021 = """<h1>Tidewater Colloquium</h1>
<h2>Spring 2021 (online)</h2>
<p>All talks on Zoom; the link is sent to the mailing list.</p>
<ul>
<li>3/25/21, 3pm – Marta Silva (Atlantic Fictional Institute): Plankton blooms from ocean colour</li>
<li>4/1/21, 3pm – Tomas Lund, Baltic Field Station: Oxygen in the deep basins</li>
<li>4/8/21, 3-4pm – Hana Sato and Ken Ito (Pacific Coast University): Tsunami warnings from cable sensors</li>
<li>4/15/21, 3pm – Grete Holm: Counting eels at the river mouth</li>
<li>4/22/21, 3pm – Dr. Ivan Petrov - Black Sea Data Centre: Forecasting jellyfish swarms</li>
</ul>
"""

AUTUMN_2022 = f"""<h1>Tidewater Colloquium</h1>
<h2>Autumn 2022</h2>
<table>
<tr><th>Date</th><th>Time</th><th>Speaker</th><th>Title</th><th>Room</th></tr>
<tr><td>22 Sep 2022</td><td>15:00–16:00</td><td>Jonas Ek, Fjordvik University</td><td>Ship wakes and shore erosion</td><td>{ROOM}</td></tr>
<tr><td>6 Oct 2022</td><td>15:00–16:00</td><td>TBA</td><td></td><td></td></tr>
<tr><td>20 Oct 2022</td><td>15:00–16:00</td><td>Prof. Anna Berg (Lowlands Water Lab)</td><td>Salt intrusion in river deltas</td><td>{ROOM}</td></tr>
<tr><td>3 Nov 2022</td><td>15:00–16:00</td><td>Paulo Reis</td><td>Cancelled</td><td></td></tr>
<tr><td>17 Nov 2022</td><td>14:00–15:00</td><td>Sofia Lindgren and Erik Sand, Harbour City University</td><td>Noise maps of a busy harbour</td><td>Boathouse seminar room</td></tr>
</table>
"""

PAGES = {
    "autumn-2023.html": ("Autumn 2023", AUTUMN_2023),
    "spring-2024.html": ("Spring 2024", SPRING_2024),
    "tidewater-days-2024.html": ("Tidewater Days 2024", WORKSHOP_2024),
    "spring-2021.html": ("Spring 2021", SPRING_2021),
    "autumn-2022.html": ("Autumn 2022", AUTUMN_2022),
}


def write_site(out: Path) -> None:
    site_furniture(out)
    items = "\n".join(f'<li><a href="{name}">{title}</a></li>' for name, (title, _) in PAGES.items())
    write(out, "colloquium/", page("Tidewater Colloquium", (
        f"<h1>Tidewater Colloquium</h1>\n<p>Talks on coasts and the sea, most Thursdays.</p>\n<ul>\n{items}\n</ul>")))
    for name, (title, body) in PAGES.items():
        write(out, f"colloquium/{name}", page(f"Tidewater Colloquium – {title}", body, year=2024))
