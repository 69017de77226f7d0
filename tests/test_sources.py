"""sources.toml: the series to crawl, their hints, and clear refusals of a malformed file."""
from __future__ import annotations

from datetime import date, time

import pytest

from scraper.series import BUILTIN, Hints, series_for
from scraper.sources import SourcesError, default_sources, load_sources, parse_sources

ONE_LINE = """
[[sources]]
name = "Quiet Machines"
url = "https://example.org/seminars/"
"""


def test_a_series_is_a_name_and_a_url():
    [series] = parse_sources(ONE_LINE)
    assert (series.name, series.title, series.start_urls) == ("quiet-machines", "Quiet Machines",
                                                               ("https://example.org/seminars/",))
    assert (series.timezone, series.scope, series.max_depth, series.hints) == ("UTC", "auto", 2, Hints())


def test_hints_and_options_are_read():
    [series] = parse_sources(ONE_LINE + """timezone = "America/New_York"
organiser = "Dept. of Quiet"
locale = "en_US"
scope = "folder"
[sources.hints]
page_type = "listing"
date_format = "%d/%m/%y"
default_time = "15:30"
[sources.hints.selectors]
talk = "article.event"
title = "h3 a"
""")
    assert (series.timezone, series.organiser, series.locale, series.scope) == (
        "America/New_York", "Dept. of Quiet", "en_US", "folder")
    assert series.hints == Hints("listing", {"talk": "article.event", "title": "h3 a"}, "DMY", time(15, 30))


def test_year_templates_expand_from_since_to_this_year():
    [series] = parse_sources(ONE_LINE.replace('url = "https://example.org/seminars/"',
                                              'url = "https://example.org/{year}.html"\nsince = 2021'))
    assert series.start_urls[0] == "https://example.org/2021.html"
    assert series.start_urls[-1] == f"https://example.org/{date.today().year}.html"


def test_learning_machines_is_an_entry_of_the_default_config():
    [lm] = [s for s in default_sources() if s.name == "learning-machines"]
    assert lm.start_urls[0] == "https://mogren.one/lm/2020.html" and lm.timezone == "Europe/Stockholm"
    assert lm.publish_noindex and "learning-machines" in BUILTIN
    assert series_for("learning-machines", []) == lm
    assert series_for("learning-machines", ["http://127.0.0.1:1/lm/2022.html"]).start_urls == (
        "http://127.0.0.1:1/lm/2022.html",)


@pytest.mark.parametrize("text, message", [
    ("[[sources]]\nname = 'x'\n", "sources.toml:1: [[sources]] #1 ('x'): needs a `url`"),
    (ONE_LINE + "timezone = 'Europe/Stokholm'\n", "sources.toml:5: [[sources]] #1 ('Quiet Machines'): timezone: "
                                                   "unknown time zone 'Europe/Stokholm'"),
    (ONE_LINE + "timezon = 'UTC'\n", "timezon: unknown key (did you mean 'timezone'?)"),
    (ONE_LINE + ONE_LINE, "sources.toml:7: [[sources]] #2 ('Quiet Machines'): name: a second series named"),
    (ONE_LINE + "[sources.hints]\npage_type = 'blog'\n", "page_type: 'blog' is not a page type"),
    (ONE_LINE + "[sources.hints.selectors]\ntitle = 'h3[['\n", "title: bad CSS selector 'h3[['"),
    (ONE_LINE + "[sources.hints]\ndefault_time = '3pm'\n", "default_time: '3pm' is not a time such as 15:00"),
    (ONE_LINE + "max_depth = 'two'\n", "max_depth: must be a int, not str 'two'"),
    ("[[sources]\nname = 'x'\n", "sources.toml: not valid TOML: "),
    ("title = 'x'\n", "unknown top-level key 'title'"),
    (ONE_LINE.replace("https://example.org/seminars/", "ftp://example.org/"), "url: 'ftp://example.org/' is not"),
])
def test_a_malformed_config_is_refused_with_file_line_and_key(text, message):
    with pytest.raises(SourcesError) as error:
        parse_sources(text)
    assert message in str(error.value)


def test_an_unreadable_file_is_named(tmp_path):
    with pytest.raises(SourcesError, match="missing.toml: cannot read"):
        load_sources(tmp_path / "missing.toml")
