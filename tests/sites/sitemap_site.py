"""Lantern Colloquium: talk pages named after their titles, a sitemap lists them all (fictional).

`/colloquium/` links the talks someone remembered to add; every talk page
`/colloquium/<title slug>/` names the next talks under "Upcoming
seminars". Nothing in an address tells a talk's date or speaker, so only the
sitemap finds the unlinked pages: a sitemap index naming a sitemap of the
colloquium, one of the rest of the department site and one on another host.
The index is at `/sitemap.xml`, or (`declared=True`) elsewhere, named by a
`Sitemap:` line of robots.txt. Three announced talks have no page yet.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import page, site_furniture, write

START = ["colloquium/"]
SERIES = "Lantern Colloquium"
ELSEWHERE = "http://127.0.0.2:9/sitemaps/mirror.xml"  # another host: never to be fetched

# (day, speaker, title, linked from /colloquium/, days its page lists as upcoming)
TALKS = [
    ("2025-10-07", "Saga Holm, Lamplight University", "Night skies over the harbour", True,
     ("2025-10-14", "2025-10-21")),
    ("2025-10-14", "Elias Ruud, Beacon Institute", "Counting photons with cheap cameras", False,
     ("2025-10-21", "2025-10-28")),
    ("2025-10-21", "Nadia Brekke, Lamplight University", "Glow worms and graph models", True,
     ("2025-10-28", "2025-11-04")),
    ("2025-10-28", "Kim Alvestad, Signal College", "Lanterns as a sensor network", False, ("2025-11-04",)),
    ("2025-11-04", "Pia Sunde, Beacon Institute", "Light pollution from space", False,
     ("2025-11-11", "2025-11-18", "2025-11-25")),
]
WITHOUT_PAGE = {"2025-11-11": "Ola Vik, Signal College", "2025-11-18": "Rakel Moe, Lamplight University",
                "2025-11-25": "Jon Lie, Beacon Institute"}
OTHER_PAGES = ["about/", "contact/", "people/person-1/", "department/unit-3/", "news/2025-10-01-new-telescope/"]


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def who(day: str) -> str:
    return next((speaker for d, speaker, *_ in TALKS if d == day), None) or WITHOUT_PAGE[day]


def talk_page(day: str, speaker: str, title: str, upcoming: tuple[str, ...]) -> str:
    lines = [f"<p><strong>{label}:</strong> {value}</p>" for label, value in (
        ("Title", title), ("Speaker", speaker), ("Date", f"{day} 14:00"), ("Location", "The Lantern Room"),
        ("Abstract", f"{title}, and what the data showed."))]
    items = "".join(f"<li>{other}: {who(other)}</li>" for other in upcoming)
    lines.append(f"<p><strong>Upcoming seminars:</strong></p>\n<ul>{items}</ul>")
    return page(title, f"<h1>{SERIES}</h1>\n" + "\n".join(lines))


def urlset(urls: list[str]) -> str:
    entries = "\n".join(f"  <url><loc>{url}</loc><changefreq>weekly</changefreq></url>" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}\n</urlset>\n")


def index(urls: list[str]) -> str:
    entries = "\n".join(f"  <sitemap><loc>{url}</loc></sitemap>" for url in urls)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}\n</sitemapindex>\n")


def write_site(out: Path, base: str, *, declared: bool = False) -> None:
    """Write the site as served at `base` (sitemaps hold absolute addresses)."""
    site_furniture(out)
    write(out, "news/2025-10-01-new-telescope/", page("New telescope", "<h1>A new telescope</h1>"))
    items = []
    for day, speaker, title, linked, upcoming in TALKS:
        write(out, f"colloquium/{slug(title)}/", talk_page(day, speaker, title, upcoming))
        if linked:
            items.append(f'<li><a href="/colloquium/{slug(title)}/">{title}</a></li>')
    write(out, "colloquium/", page(SERIES, f"<h1>{SERIES}</h1>\n<ul>\n" + "\n".join(items) + "\n</ul>"))
    talks = [f"{base}colloquium/"] + [f"{base}colloquium/{slug(title)}/" for _, _, title, _, _ in TALKS]
    write(out, "sitemaps/colloquium.xml", urlset(talks))
    write(out, "sitemaps/department.xml", urlset([base + path for path in OTHER_PAGES]))
    children = [f"{base}sitemaps/colloquium.xml", f"{base}sitemaps/department.xml", ELSEWHERE]
    write(out, "sitemap-index.xml" if declared else "sitemap.xml", index(children))
    robots = "User-agent: *\nDisallow: /private/\n"
    write(out, "robots.txt", robots + (f"Sitemap: {base}sitemap-index.xml\n" if declared else ""))
