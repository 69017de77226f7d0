"""Extraction from page markup: fields, speakers, dates, links (fictional snippets)."""
from __future__ import annotations

from datetime import date

import pytest

from scraper.extract import extract_page, parse_html
from scraper.extract.speakers import parse_speakers
from scraper.series import Series
from scraper.talk import SourceKind, Speaker

SERIES = Series("test-seminar", "Europe/Stockholm")


def page(body: str, url: str = "http://127.0.0.1/sem/2023-04-06.html"):
    html = f"<html><head><meta name='robots' content='noindex,nofollow'></head><body><div id='main'>{body}</div></body></html>"
    return extract_page(url, parse_html(html.encode()), SERIES)


def announced(extraction):
    return next(t for t in extraction.talks if t.source_kind == SourceKind.PAGE)


ANNOUNCEMENT = """
<p>Welcome to this week's seminar.</p>
<p><strong>Title:</strong> Sparse &amp; &quot;Robust&quot; Gardens of Forking Paths</p>
<p><strong>Speaker:</strong> Ada Quill, Fictional University of Nowhere</p>
<p><strong>Abstract:</strong> First paragraph about trees.
,
 ,
,
Second paragraph about forests, with a <a href="https://arxiv.org/abs/2301.00001">preprint</a>.</p>
<p>Third paragraph in its own block.</p>
<p><strong>About the speaker:</strong> Ada did her masterâ€™s in Ã©cole. See https://example.org/~ada for more.</p>
<p><strong>Location:</strong> Room 12, online too.</p>
<p><strong>Date:</strong> 2023-04-06 15:00</p>
<p><strong>Zoom link:</strong> <a href="https://example.zoom.us/j/123?pwd=SECRET">join</a></p>
<p><strong>Upcoming seminars:</strong></p>
<ul>
<li>2023-04-13, 15:00: Bo Lind, Lakeside Institute, **digital and physical: **</li>
<li>2023-04-20: <em>A talk with a title first</em>, Cy Moss, Hilltop College</li>
<li>All times are in CET.</li>
</ul>
<p>More information and coming seminars: <a href="https://example.org/sem">here</a></p>
<p>-- The Seminar Team</p>
"""


def test_announcement_fields_are_clean_text():
    talk = announced(page(ANNOUNCEMENT))
    assert talk.title == 'Sparse & "Robust" Gardens of Forking Paths'
    assert talk.speakers == [Speaker("Ada Quill", "Fictional University of Nowhere")]
    assert talk.abstract == ("First paragraph about trees.\n\nSecond paragraph about forests, with a preprint."
                             "\n\nThird paragraph in its own block.")
    assert talk.bio == "Ada did her master’s in école. See https://example.org/~ada for more."
    assert talk.location == "Room 12, online too."


def test_start_time_is_local_time_of_the_series_zone():
    talk = announced(page(ANNOUNCEMENT))
    assert talk.start.isoformat() == "2023-04-06T15:00:00+02:00"  # "CET" on an April page is CEST


def test_links_are_classified_and_passcodes_removed():
    links = {link.url: link.kind for link in announced(page(ANNOUNCEMENT)).links}
    assert links == {
        "https://example.zoom.us/j/123": "meeting",
        "https://arxiv.org/abs/2301.00001": "paper",
        "https://example.org/~ada": "homepage",
    }


def test_upcoming_list_gives_scheduled_talks_with_times_and_titles():
    upcoming = [t for t in page(ANNOUNCEMENT).talks if t.source_kind == SourceKind.UPCOMING]
    assert [(t.date, t.speakers) for t in upcoming] == [
        (date(2023, 4, 13), [Speaker("Bo Lind", "Lakeside Institute")]),
        (date(2023, 4, 20), [Speaker("Cy Moss", "Hilltop College")]),
    ]
    assert upcoming[0].start.isoformat() == "2023-04-13T15:00:00+02:00"
    assert upcoming[1].title == "A talk with a title first"


def test_empty_draft_fields_are_null_not_the_next_label():
    talk = announced(page("""
        <p><strong>Title:</strong> </p>
        <p><strong>Speaker:</strong> Ada Quill, </p>
        <p><strong>Abstract:</strong> </p>
        <p><strong>About the speaker:</strong> N/A</p>
        <p><strong>Zoom link:</strong> <a href="N/A">N/A</a></p>"""))
    assert (talk.title, talk.abstract, talk.bio, talk.links) == (None, None, None, [])
    assert talk.speakers == [Speaker("Ada Quill", None)]
    assert talk.date == date(2023, 4, 6) and talk.start is None  # date from the URL, no time given


def test_robots_directives_are_recorded():
    extraction = page(ANNOUNCEMENT)
    assert extraction.noindex and extraction.nofollow


PLAN = """
<table>
<tr><th>date</th><th>speaker</th><th>photo</th><th>comment</th></tr>
<tr><td>2023-03-02</td><td><a href="2023-03-02.html">Ada Quill, Nowhere U</a></td><td><a href="p.jpg">photo</a></td><td>ST<del>AB</del></td></tr>
<tr><td><span style="color:red"> 2023-03-09 </span></td><td><span style="color:red"> Winter break </span></td><td></td><td><span style="color:red"> CANCELLED </span></td></tr>
<tr><td><span style="color:grey"> 2023-03-16 </span></td><td><span style="color:grey"> <em>Up for grabs!!!</em> </span></td><td></td><td>STABP</td></tr>
<tr><td>2023-03-23</td><td>Someone W. ?</td><td></td><td></td></tr>
</table>"""


def test_plan_rows_linked_and_cancelled_are_talks_placeholders_are_not():
    talks = [t for t in page(PLAN, "http://127.0.0.1/sem/2023.html").talks]
    assert [(t.date.isoformat(), t.status, t.title, t.speakers) for t in talks] == [
        ("2023-03-02", None, None, [Speaker("Ada Quill", "Nowhere U")]),
        ("2023-03-09", "cancelled", "Winter break", []),
    ]
    assert all(t.source_kind == SourceKind.PLAN for t in talks)


@pytest.mark.parametrize("text, expected", [
    ("Ada Quill, Nowhere U, Big Company", [("Ada Quill", "Nowhere U, Big Company")]),
    ("Ada Quill, Bo Lind, and Cy Moss, Lakeside Institute",
     [("Ada Quill", "Lakeside Institute"), ("Bo Lind", "Lakeside Institute"), ("Cy Moss", "Lakeside Institute")]),
    ("Flash Talks: Ada Quill, Bo Lind?, Cy Moss (x), ", [("Ada Quill", None), ("Bo Lind", None), ("Cy Moss", None)]),
    ("Flash Talks, ", []),
    ("Prof. Ada Quill (Nowhere U)", [("Ada Quill", "Nowhere U")]),
    ("Dr. Ada Quill & Bo Lind, Lakeside Institute", [("Ada Quill", "Lakeside Institute"), ("Bo Lind", "Lakeside Institute")]),
    ("Ada Quill, Lakeside Postdoc", [("Ada Quill", "Lakeside Postdoc")]),
    ("Ada Quill, NORTH and South", [("Ada Quill", "NORTH and South")]),
    ("Eva van der Berg, Royal Institute of Somewhere (RIS)", [("Eva van der Berg", "Royal Institute of Somewhere (RIS)")]),
    ("Up for grabs!!!", []),
])
def test_speaker_lists(text, expected):
    assert [(s.name, s.affiliation) for s in parse_speakers(text)] == expected
