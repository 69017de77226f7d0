"""Fictional seminar sites, one per page type, written to a folder and served on 127.0.0.1.

Each module has `write(out)` and `START` (the start pages, relative to the
base URL). The talks each site holds are written out by hand, field by
field, in tests/data/sites/<module>.jsonl; the config a user would give
(with and without hints) in tests/data/sites/<module>.toml. Every person,
place and text is invented.
"""
from __future__ import annotations

from pathlib import Path

LAYOUT = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body>
<nav><a href="/">Home</a> · <a href="/about/">About us</a> · <a href="/people/">People</a> · <a href="/department/">Department</a></nav>
<main>
{body}
</main>
<footer>© {year} {owner}. <a href="/contact/">Contact</a></footer>
</body></html>
"""


def page(title: str, body: str, *, head: str = "", lang: str = "en", year: int = 2024,
         owner: str = "Department of Coastal Computing") -> str:
    return LAYOUT.format(title=title, body=body, head=head, lang=lang, year=year, owner=owner)


def write(out: Path, path: str, text: str) -> None:
    """Write one file of the site; a path ending in / is a folder's index.html."""
    target = out / (path + "index.html" if path.endswith("/") else path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def site_furniture(out: Path) -> None:
    """The pages every department site has, none of them a talk, and a department maze the crawl must not enter."""
    write(out, "about/", page("About us", "<h1>About us</h1><p>We study coasts, harbours and the data they make.</p>"))
    write(out, "contact/", page("Contact", "<h1>Contact</h1><p>Harbour Building, Quay Street 1.</p>"))
    people = "".join(f'<li><a href="/people/person-{n}/">Staff member {n}</a></li>' for n in range(1, 6))
    write(out, "people/", page("People", f"<h1>People</h1><ul>{people}</ul>"))
    for n in range(1, 6):
        write(out, f"people/person-{n}/", page(f"Staff member {n}", f"<h1>Staff member {n}</h1><p>Office {n}.</p>"))
    units = "".join(f'<li><a href="/department/unit-{n}/">Unit {n}</a></li>' for n in range(1, 9))
    write(out, "department/", page("Department", f"<h1>Department</h1><ul>{units}</ul>"))
    for n in range(1, 9):
        write(out, f"department/unit-{n}/", page(f"Unit {n}", f"<h1>Unit {n}</h1><p>Teaching and research.</p>"))
    write(out, "index.html", page("Department of Coastal Computing",
                                  '<h1>Department of Coastal Computing</h1><p><a href="/about/">About</a></p>'))
