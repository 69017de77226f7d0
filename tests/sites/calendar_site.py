"""Kelp & Code lunch seminars: an iCalendar feed, one VEVENT per talk (fictional).

Written by hand the way calendar tools export: times with a TZID, in UTC,
floating or all-day (the time then in the description), the speaker in the
SUMMARY before or after the title, or on a "Speaker:" line of the
DESCRIPTION; a meeting address as LOCATION, a recording as URL, and one
event CANCELLED.
"""
from __future__ import annotations

from pathlib import Path

from . import write

START = ["calendar/kelp-and-code.ics"]
ROOM = "Room K1, Kelp House"

# (uid, dtstart line, dtend line or None, summary, description, location, extra lines)
EVENTS = [
    ("k01", "DTSTART;TZID=Europe/Stockholm:20250114T121500", "DTEND;TZID=Europe/Stockholm:20250114T130000",
     "Ada Quill: Kelp growth models",
     "Abstract: Kelp grows fast in cold water. We model growth from light and nutrients.\n"
     "Speaker bio: Ada Quill works on marine ecology models.", ROOM, []),
    ("k02", "DTSTART:20250121T111500Z", "DTEND:20250121T120000Z",
     "Seaweed as feed (Bo Lind, Fjordvik University)",
     "Cows fed with seaweed burp less methane. How much less is still debated.", ROOM, []),
    ("k03", "DTSTART:20250128T121500", "DTEND:20250128T130000",
     "Farming kelp offshore - Prof. Cy Moss",
     "Speaker: Prof. Cy Moss, Lakeside University\nOffshore farms get more light but more waves.", ROOM, []),
    ("k04", "DTSTART;VALUE=DATE:20250204", "DTEND;VALUE=DATE:20250205",
     "Aquaculture economics in the north – Dana Ruiz",
     "Time: 12:15–13:00\nFish farms pay for roads, schools and ferries. We count what they cost.", ROOM, []),
    ("k05", "DTSTART;TZID=Europe/Stockholm:20250211T121500", "DTEND;TZID=Europe/Stockholm:20250211T130000",
     "Erik Sand: Drones over fish farms", "", ROOM, ["STATUS:CANCELLED"]),
    ("k06", "DTSTART;TZID=Europe/Stockholm:20250218T121500", "DTEND;TZID=Europe/Stockholm:20250218T130000",
     "Maja Berg and Leo Hill (Harbour City University): Robots that clean nets",
     "Nets foul with algae in weeks. Small robots scrub them without stopping the farm.",
     "https://example.zoom.us/j/2220003333?pwd=a2VscA", []),
    ("k07", "DTSTART;TZID=Europe/Stockholm:20250225T121500", "DTEND;TZID=Europe/Stockholm:20250225T130000",
     "Sea urchins vs. kelp — Nina Holm, Urchin Watch",
     "Urchins eat kelp forests to bare rock. Divers and cameras count them.", ROOM,
     ["URL:https://www.youtube.com/watch?v=kelpRec07"]),
    ("k08", "DTSTART;TZID=Europe/Stockholm:20250304T121500", "DTEND;TZID=Europe/Stockholm:20250304T130000",
     "Omar Ahmed: Counting fish with sonar",
     "A sonar under the pen counts fish without touching them.\nSlides: https://kelp.example.org/slides/ahmed.pdf", ROOM, []),
    ("k09", "DTSTART;TZID=Europe/Stockholm:20250311T121500", "DTEND;TZID=Europe/Stockholm:20250311T130000",
     "Tång i köket – Lisa Ek, Matlabbet",
     "Sammanfattning: Tång kan ersätta salt i många rätter.", "Köket, Tånghuset", []),
    ("k10", "DTSTART;TZID=Europe/Stockholm:20250318T130000", "DTEND;TZID=Europe/Stockholm:20250318T140000",
     "Pia Strand (Baltic Field Station): Blue mussels and clear water",
     "Mussels filter the water they live in.", ROOM, ["URL:https://kelp.example.org/talks/strand"]),
    ("k11", "DTSTART;TZID=Europe/Stockholm:20250325T121500", "DTEND;TZID=Europe/Stockholm:20250325T130000",
     "Genetics of farmed kelp - Dr. Tariq Aziz, Northfjord University of Technology",
     "Farmed kelp loses genetic diversity. We track it over five harvests.", ROOM, []),
    ("k12", "DTSTART:20250401T101500Z", "DTEND:20250401T110000Z",
     "Helga Nilsson: Algae biofuels, ten years on",
     "Biofuel from algae was promised a decade ago. What happened?\nPaper: https://arxiv.org/abs/2503.09876", ROOM, []),
    ("k13", "DTSTART;TZID=Europe/Stockholm:20250408T121500", "DTEND;TZID=Europe/Stockholm:20250408T130000",
     "Rune Dahl, Ewa Nowak & Jon Berg (Coastal Institute of Technology): Sensors on kelp lines",
     "Cheap sensors on the ropes tell when to harvest.", ROOM, []),
    ("k14", "DTSTART;TZID=Europe/Stockholm:20250415T121500", "DTEND;TZID=Europe/Stockholm:20250415T130000",
     "Kelp and carbon: what stays down?",
     "Speaker: Dr. Mei Tan (Pacific Coast University)\nSome kelp sinks to the deep sea. We follow it with tracers.",
     ROOM, []),
    ("k15", "DTSTART;TZID=Europe/Stockholm:20250422T121500", "DTEND;TZID=Europe/Stockholm:20250422T130000",
     "Elsa Lund: Storms and seaweed farms",
     "Storms tear farms loose. Moorings designed with simulations hold.\nElsa Lund is an ocean engineer.", ROOM, []),
    ("k16", "DTSTART:20250429T121500", None,
     "Tomas Berg: Seaweed packaging", "Abstract: Plastic wrap from seaweed dissolves in water.", ROOM, []),
]


def escape(text: str) -> str:
    """RFC 5545 TEXT escaping."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data, parts = line.encode("utf-8"), []
    while len(data) > 75:
        cut = 75
        while (data[cut] & 0xC0) == 0x80:  # never inside a UTF-8 character
            cut -= 1
        parts.append(data[:cut].decode("utf-8"))
        data = data[cut:]
    parts.append(data.decode("utf-8"))
    return "\r\n ".join(parts)


def vevent(uid, start, end, summary, description, location, extra) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}@kelp.example.org", "DTSTAMP:20250101T080000Z", start]
    lines += [end] if end else []
    lines += [f"SUMMARY:{escape(summary)}", f"LOCATION:{escape(location)}"]
    lines += [f"DESCRIPTION:{escape(description)}"] if description else []
    return lines + extra + ["END:VEVENT"]


def calendar() -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kelp and Code//Seminars//EN", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:Kelp & Code lunch seminars", "X-WR-TIMEZONE:Europe/Stockholm"]
    for event in EVENTS:
        lines += vevent(*event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_site(out: Path) -> None:
    write(out, "calendar/kelp-and-code.ics", calendar())
