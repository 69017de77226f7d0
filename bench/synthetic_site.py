"""A synthetic seminar series for benchmarks: N announcement pages, one plan page a year.

Pages use the markup of the Learning Machines series (labelled fields, an
"Upcoming seminars" list, a plan table per year), with made-up words.

    python bench/synthetic_site.py N OUT_DIR
"""
from __future__ import annotations

import argparse
import html
import random
from datetime import date, timedelta
from pathlib import Path

VOCABULARY = ("signal model graph kernel forest river sensor speech vision policy sparse robust "
              "causal federated privacy climate ocean protein language memory attention energy").split()
GIVEN = "Ada Bo Cleo Dag Eir Finn Greta Hugo Iris Jon Kai Lea Max Nora Otto Pia".split()
FAMILY = "Alm Björk Dahl Falk Grön Hed Lund Moss Nord Rask Sand Tall Vik Öberg".split()
PLACES = ("Northfield University", "Lakeside Institute", "Harbour College", "Upland Lab", "Coast Research")


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(n)).capitalize()


def _speaker(rng: random.Random) -> str:
    return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}"


def layout(body: str) -> str:
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Seminar</title></head>"
            f"<body><nav><a href=\"/\">Home</a></nav><div id=\"main\">\n{body}\n</div></body></html>\n")


def announcement(rng: random.Random, day: date, speaker: str, upcoming: list[tuple[date, str]],
                 title: str | None = None) -> str:
    abstract = "</p>\n<p>".join(". ".join(_words(rng, rng.randint(8, 16)) for _ in range(4)) + "."
                                for _ in range(rng.randint(1, 3)))
    items = "\n".join(f"<li>{d.isoformat()}, 15:00: {html.escape(s)}</li>" for d, s in upcoming)
    return layout(
        f"<p><strong>Title:</strong> {html.escape(title or _words(rng, 6))}</p>\n"
        f"<p><strong>Speaker:</strong> {html.escape(speaker)}</p>\n"
        f"<p><strong>Abstract:</strong> {abstract}</p>\n"
        f"<p><strong>About the speaker:</strong> {_words(rng, 24)}.</p>\n"
        "<p><strong>Location:</strong> Room 1 and online.</p>\n"
        f"<p><strong>Date:</strong> {day.isoformat()} 15:00</p>\n"
        f"<p><strong>Upcoming seminars:</strong></p>\n<ul>\n{items}\n<li>All times are in CET.</li>\n</ul>\n")


def write_series(n: int, out: Path, seed: int = 1) -> list[Path]:
    """Write the series under out/sem/; returns the announcement page paths (oldest first)."""
    rng = random.Random(seed)
    folder = out / "sem"
    folder.mkdir(parents=True, exist_ok=True)
    days = [date(1990, 1, 4) + timedelta(days=7 * i) for i in range(n)]
    speakers = [f"{_speaker(rng)}, {rng.choice(PLACES)}" for _ in days]
    pages, years = [], {}
    for i, day in enumerate(days):
        upcoming = [(days[j], speakers[j]) for j in range(i + 1, min(i + 4, n))]
        path = folder / f"{day.isoformat()}.html"
        path.write_text(announcement(rng, day, speakers[i], upcoming), encoding="utf-8")
        pages.append(path)
        years.setdefault(day.year, []).append((day, speakers[i]))
    history = " ".join(f'<a href="{y}.html">{y}</a>' for y in years)
    for year, rows in years.items():
        table = "\n".join(f'<tr><td>{d.isoformat()}</td><td><a href="{d.isoformat()}.html">{html.escape(s)}</a></td></tr>'
                          for d, s in rows)
        (folder / f"{year}.html").write_text(layout(
            f"<h1>Plan {year}</h1>\n<table>\n<tr><th>date</th><th>speaker</th></tr>\n{table}\n</table>\n"
            f"<h2>History</h2>\n<p>{history}</p>"), encoding="utf-8")
    return pages


def edit_titles(pages: list[Path], share: float, seed: int = 2) -> list[Path]:
    """Give a share of the pages a new title (an organiser's edit); returns the edited pages."""
    rng = random.Random(seed)
    edited = rng.sample(pages, max(1, round(len(pages) * share)))
    for path in edited:
        text = path.read_text(encoding="utf-8")
        start = text.index("<strong>Title:</strong> ") + len("<strong>Title:</strong> ")
        end = text.index("</p>", start)
        path.write_text(text[:start] + "Revised: " + text[start:end] + text[end:], encoding="utf-8")
    return edited


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    pages = write_series(args.n, args.out)
    print(f"{len(pages)} announcement pages under {args.out / 'sem'}; start at sem/{pages[-1].stem[:4]}.html")


if __name__ == "__main__":
    main()
