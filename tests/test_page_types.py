"""Page types, dates, speakers, links and scope on small fictional snippets."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from scraper.extract import extract
from scraper.extract.dates import DateReader, date_in_url, find_times, order_of
from scraper.extract.document import Document
from scraper.extract.headline import split_headline
from scraper.linkrules import classify
from scraper.extract.speakers import parse_speakers
from scraper.series import Hints, Series
from scraper.urls import Scope

SERIES = Series("quiet-machines", "Europe/Stockholm")


def html(body: str, url: str = "http://127.0.0.1/sem/page.html", series: Series = SERIES):
    page = f"<html><head><title>Quiet Machines 2024</title></head><body>{body}</body></html>"
    return extract(url, page.encode(), "text/html; charset=utf-8", series)


@pytest.mark.parametrize("text, day, start, end", [
    ("Thursday, 4 April 2024, 15:00 CET", date(2024, 4, 4), time(15), None),
    ("Apr 4, 2024 3pm", date(2024, 4, 4), time(15), None),
    ("2024-04-04 16:00", date(2024, 4, 4), time(16), None),
    ("4/4/2024, 15:00-16:00", date(2024, 4, 4), time(15), time(16)),
    ("torsdag 4 april 2024 kl. 15-16", date(2024, 4, 4), time(15), time(16)),
    ("Thu 4 Apr, 3-4pm", date(2024, 4, 4), time(15), time(16)),
    ("4.4.2024 14.15, Room 3.14", date(2024, 4, 4), time(14, 15), None),
    ("the 4th of April, 11-1pm", date(2024, 4, 4), time(11), time(13)),
])
def test_dates_and_time_ranges(text, day, start, end):
    reader = DateReader("DMY", (2024,))
    assert (reader.find(text), *find_times(text, reader)) == (day, start, end)


def test_day_and_month_order_comes_from_the_page_before_the_locale():
    assert order_of(["Talks: 3/25/21 and 4/1/21"], "DMY") == "MDY"
    assert order_of(["Talks: 25/3/21 and 4/1/21"], "MDY") == "DMY"
    assert order_of(["Only 4/1/21"], "DMY") == "DMY"
    assert DateReader("MDY").find("4/1/21") == date(2021, 4, 1)


def test_a_missing_year_is_the_page_year_that_fits_the_weekday_and_dates_run_forward():
    reader = DateReader("DMY", (2024, 2025))
    assert reader.find("Thursday 9 January") == date(2025, 1, 9)
    assert reader.find("9 January") == date(2024, 1, 9)
    assert reader.find("9 January", after=date(2024, 12, 12)) == date(2025, 1, 9)
    assert date_in_url("http://x/talks/2024/04/04/slug") == date(2024, 4, 4)


@pytest.mark.parametrize("text, expected", [
    ("Ada Quill - Nowhere U", [("Ada Quill", "Nowhere U")]),
    ("Ada Quill, Bo Lind & Cy Moss (Lakeside Institute)",
     [("Ada Quill", "Lakeside Institute"), ("Bo Lind", "Lakeside Institute"), ("Cy Moss", "Lakeside Institute")]),
    ("Ada Quill (Nowhere U) and Bo Lind (Lakeside)", [("Ada Quill", "Nowhere U"), ("Bo Lind", "Lakeside")]),
    ("Prof. Ada Quill, Nowhere U; Dr. Bo Lind, Lakeside", [("Ada Quill", "Nowhere U"), ("Bo Lind", "Lakeside")]),
    ("Jean-Pierre Moss – Hilltop College", [("Jean-Pierre Moss", "Hilltop College")]),
])
def test_more_speaker_forms(text, expected):
    assert [(s.name, s.affiliation) for s in parse_speakers(text)] == expected


@pytest.mark.parametrize("line, expected", [
    ("Ada Quill (Nowhere U): Sparse gardens", ("Ada Quill (Nowhere U)", "Sparse gardens")),
    ("Sparse gardens – Ada Quill, Nowhere U", ("Ada Quill, Nowhere U", "Sparse gardens")),
    ("Sparse gardens (Ada Quill)", ("Ada Quill", "Sparse gardens")),
    ("Sparse gardens, by Ada Quill", ("Ada Quill", "Sparse gardens")),
    ("Gardens: a forking story", (None, "Gardens: a forking story")),
])
def test_headlines_split_into_speaker_and_title(line, expected):
    assert split_headline(line) == expected


@pytest.mark.parametrize("url, text, kind", [
    ("https://www.youtube.com/watch?v=x", None, "video"), ("https://vimeo.com/1", None, "video"),
    ("https://example.org/media/recording-12", None, "video"), ("https://example.org/t.pdf", None, "slides"),
    ("https://example.org/t.pptx", None, "slides"), ("https://example.org/x", "Slides", "slides"),
    ("https://arxiv.org/pdf/2401.00001", None, "paper"), ("https://doi.org/10.1/x", None, "paper"),
    ("https://x.zoom.us/j/1", None, "meeting"), ("https://teams.microsoft.com/l/1", None, "meeting"),
    ("https://meet.google.com/a-b-c", None, "meeting"), ("https://example.org/~ada", "home page", "homepage"),
])
def test_links_are_classified(url, text, kind):
    assert classify(url, text) == kind


def test_the_strongest_signal_wins_and_a_hint_overrides():
    body = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Event",
      "name": "Sparse gardens", "startDate": "2024-04-04T15:00:00+02:00",
      "performer": {"@type": "Person", "name": "Ada Quill"}}</script>
      <h2>Talks</h2><ul><li>2024-04-04: Ada Quill, Nowhere U</li><li>2024-04-11: Bo Lind, Lakeside</li>
      <li>2024-04-18: Cy Moss, Hilltop</li></ul>"""
    assert html(body).page_type == "structured"
    listing = html(body, series=replace(SERIES, hints=Hints(page_type="listing")))
    assert listing.page_type == "listing"
    assert [(t.date.day, t.speakers[0].name) for t in listing.talks] == [(4, "Ada Quill"), (11, "Bo Lind"),
                                                                         (18, "Cy Moss")]


def test_css_selector_hints_name_the_fields():
    body = """<div class="event"><span class="d">2024-04-04</span><span class="who">Ada Quill</span>
      <span class="what">Sparse gardens</span><span class="blurb">Trees and forests.</span></div>
      <div class="event"><span class="d">2024-04-11</span><span class="who">Bo Lind</span>
      <span class="what">Counting sheep</span><span class="blurb">Sheep and fences.</span></div>"""
    hints = Hints(page_type="listing", selectors={"talk": "div.event", "title": ".what", "speaker": ".who",
                                                   "abstract": ".blurb", "date": ".d"})
    talks = html(body, series=replace(SERIES, hints=hints)).talks
    assert [(t.date.day, t.title, t.speakers[0].name, t.abstract) for t in talks] == [
        (4, "Sparse gardens", "Ada Quill", "Trees and forests."), (11, "Counting sheep", "Bo Lind", "Sheep and fences.")]


def test_labels_as_definition_lists_and_table_rows_in_english_and_swedish():
    body = """<dl><dt>Talare</dt><dd>Ada Quill, Nowhere U</dd><dt>Titel</dt><dd>Glesa trädgårdar</dd>
      <dt>Datum</dt><dd>torsdag 4 april 2024</dd></dl>
      <table><tr><th>Time</th><td>15:00–16:00</td></tr><tr><th>Where</th><td>Room 12</td></tr></table>"""
    [talk] = html(body).talks
    assert (talk.title, talk.speakers[0].affiliation, talk.location) == ("Glesa trädgårdar", "Nowhere U", "Room 12")
    assert (talk.start.isoformat(), talk.end.isoformat()) == ("2024-04-04T15:00:00+02:00", "2024-04-04T16:00:00+02:00")


def test_feeds_are_sniffed_whatever_their_content_type():
    rss = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
      <item><title>Ada Quill: Sparse gardens</title><link>http://127.0.0.1/t/2024/04/04/gardens</link>
      <pubDate>Fri, 29 Mar 2024 09:00:00 +0000</pubDate><description>Trees.</description></item></channel></rss>"""
    found = extract("http://127.0.0.1/feed", rss, "text/plain", SERIES)
    assert found.page_type == "feed" and found.links == ["http://127.0.0.1/t/2024/04/04/gardens"]
    assert [(t.date, t.title, t.speakers[0].name) for t in found.talks] == [(date(2024, 4, 4), "Sparse gardens",
                                                                             "Ada Quill")]
    assert Document("u", b"BEGIN:VCALENDAR\r\n", SERIES).format == "icalendar"


def test_scope_reaches_talk_pages_beside_the_listing_within_a_few_links():
    scope = Scope.from_seeds(["http://h/seminar-series/"])
    assert scope.admit("http://h/seminar-series/page-2/", "http://h/seminar-series/")
    assert scope.admit("http://h/seminars/sparse-gardens/", "http://h/seminar-series/")
    assert "http://h/seminars/sparse-gardens/" in scope
    assert not scope.admit("http://h/about/", "http://h/seminar-series/")
    assert not scope.admit("http://other/seminars/sparse-gardens/", "http://h/seminar-series/")
    assert scope.admit("http://h/events/2024-04-04/", "http://h/seminars/sparse-gardens/")  # depth 2
    assert not scope.admit("http://h/events/2024-04-11/", "http://h/events/2024-04-04/")  # depth 3
    folder_only = Scope.from_seeds(["http://h/seminar-series/"], mode="folder")
    assert not folder_only.admit("http://h/seminars/sparse-gardens/", "http://h/seminar-series/")
