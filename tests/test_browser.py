"""The published archive in a real browser: Debian's chromium driven by Playwright.

`seminar-archive serve` runs as a subprocess on a free loopback port over an
archive crawled from the fictional site, plus two talks recorded directly:
one on diffusion models and one whose abstract carries crafted markup. The
tests search, open talks and speakers, facet, and download CSV, JSON and
iCal as a researcher would. Screenshots land in docs/.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
from icalendar import Calendar

from archive import Archive
from scraper.talk import Link, SourceKind, Speaker, Talk

from .conftest import plan_pages

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCS = Path(__file__).resolve().parents[1] / "docs"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERIES = "quiet-machines"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DEMO_PASSCODE = "UXVpZXRNYWNoaW5lcw"  # in the fictional site's 2024-03-21 meeting link
EXTRA_PASSCODE = "pwd=Fl0eSecret"
CRAFTED = ('<script>window.__pwned = 1</script> Markup in an abstract stays text: '
           '<img src="x" onerror="window.__pwned = 2"> <b>bold?</b>')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_archive(db: Path):
    """Start `seminar-archive serve` and wait until it answers; returns (process, base URL)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "seminar_archive.cli", "serve", "--db", str(db),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/-/versions.json").status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("seminar-archive serve did not start")


def stop(process: subprocess.Popen) -> None:
    process.terminate()  # `serve` passes SIGTERM on to Datasette
    process.wait(timeout=15)


def crawl_with_cli(db: Path, seeds: list[str], series: str) -> None:
    """`seminar-archive crawl` as a user runs it (a subprocess: Playwright owns this event loop).

    The fictional and the mirrored sites ask robots not to index them; their
    organisers (fictional, and the project's owner for the mirror) agree.
    """
    cli = [sys.executable, "-m", "seminar_archive.cli", "crawl"]
    agree = ["--publish-noindex"] if "--publish-noindex" in subprocess.run(
        [*cli, "--help"], capture_output=True, text=True, check=True).stdout else []
    subprocess.run([*cli, *seeds, "--db", str(db), "--series", series, "--timezone", "Europe/Stockholm",
                    "--quiet", *agree], check=True)


def record_extra_talks(db: Path) -> None:
    """A diffusion talk (after the spring DST change) and one with crafted markup, both fictional."""
    page = "https://quiet.example/extra"
    diffusion = Talk(SERIES, date(2024, 4, 25), page, SourceKind.PAGE, "Europe/Stockholm",
                     title="Diffusion models for sea-ice forecasts",
                     speakers=[Speaker("Ingrid Falkenholm", "Norrvik Polar Institute"),
                               Speaker("Yusuf Delacroix", "University of Vestmark")],
                     abstract="Score-based diffusion turns noise into plausible sea-ice maps.\n\n"
                              "We compare it with persistence forecasts. Code: https://code.example/ice-diffusion",
                     start=datetime(2024, 4, 25, 15, tzinfo=STOCKHOLM),
                     links=[Link(f"https://meet.example.org/j/5550001?{EXTRA_PASSCODE}", "meeting"),
                            Link("https://arxiv.org/abs/2404.99999", "paper", "arXiv:2404.99999")])
    crafted = Talk(SERIES, date(2024, 5, 2), page, SourceKind.PAGE, "Europe/Stockholm",
                   title="Crafted markup", speakers=[Speaker("Mallory Quist")], abstract=CRAFTED,
                   bio=f"Joins from https://zoom.us/j/1?{EXTRA_PASSCODE} usually.")
    with Archive(db) as archive:
        archive.record_page(page, status=200, fetched_at="2024-04-20T08:00:00+00:00", talks=[diffusion, crafted])


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from seminar_archive.demo.server import serve_directory
    from seminar_archive.demo.site import write_site

    folder = tmp_path_factory.mktemp("site")
    db = tmp_path_factory.mktemp("db") / "archive.db"
    write_site(folder)
    with serve_directory(folder) as site_url:
        crawl_with_cli(db, plan_pages(site_url), SERIES)
    record_extra_talks(db)
    process, base = serve_archive(db)
    yield base, db.stem, db
    stop(process)


@pytest.fixture(scope="module")
def served_lm(tmp_path_factory):
    """The real Learning Machines mirror, crawled and served (skips without ../shared)."""
    from seminar_archive.demo.server import serve_directory

    from .test_lm_corpus import CORPUS

    if not (CORPUS / "lm-site").is_dir():
        pytest.skip("../shared/corpus is absent")
    db = tmp_path_factory.mktemp("lm") / "lm.db"
    with serve_directory(CORPUS / "lm-site") as site_url:
        crawl_with_cli(db, [f"{site_url}lm/2022.html", f"{site_url}lm/2024-04-04.html"], "learning-machines")
    process, base = serve_archive(db)
    yield base, db.stem
    stop(process)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def search_in_browser(page, table_url: str, words: str):
    """Type into the table's search box as a user does; returns the first result row."""
    page.goto(table_url)
    page.fill("input[name=_search]", words)
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state()
    return page.locator("table.rows-and-columns tbody tr").first


def fetch(page, base: str, href: str):
    return page.request.get(str(httpx.URL(base).join(href)))


def test_front_page_search_finds_diffusion_first_and_the_talk_page_reads_like_a_talk(served, page):
    base, db, _ = served
    page.goto(base)
    page.screenshot(path=str(DOCS / "front.png"))
    page.fill("input[type=search][name=_search]", "diffusion")
    page.press("input[type=search][name=_search]", "Enter")
    page.wait_for_load_state()
    first_row = page.locator("table.rows-and-columns tbody tr").first
    assert "Diffusion models for sea-ice forecasts" in first_row.inner_text()
    page.locator("table.rows-and-columns").screenshot(path=str(DOCS / "search.png"))
    first_row.locator("td a").first.click()
    page.wait_for_load_state()
    card = page.locator(".talk-card")
    assert card.locator("h1").inner_text() == "Diffusion models for sea-ice forecasts"
    assert card.locator("a.speaker").all_inner_texts() == ["Ingrid Falkenholm", "Yusuf Delacroix"]
    assert "Norrvik Polar Institute" in card.locator(".speakers").inner_text()
    assert card.locator(".when").inner_text() == "Thursday 25 April 2024, 15:00 CEST (Europe/Stockholm)"
    assert card.locator(".prose p").count() >= 2  # the abstract's paragraphs
    assert card.locator("a[href='https://code.example/ice-diffusion']").count() == 1
    paper = card.locator(".talk-links a")
    assert paper.all_inner_texts() == ["arXiv:2404.99999"]  # the meeting link is withheld
    assert paper.get_attribute("href") == "https://arxiv.org/abs/2404.99999"
    page.screenshot(path=str(DOCS / "talk.png"))
    card.locator("a.speaker").first.click()
    page.wait_for_load_state()
    assert page.locator(".speaker-card h1").inner_text() == "Ingrid Falkenholm"
    assert page.locator(".speaker-talks a").all_inner_texts() == ["Diffusion models for sea-ice forecasts"]
    page.screenshot(path=str(DOCS / "speaker.png"))


def test_search_box_finds_the_talk_first_and_its_page_shows_speakers_and_abstract(served, page):
    base, db, _ = served
    first_row = search_in_browser(page, f"{base}/{db}/talks", "glaciers")
    assert "Listening to glaciers" in first_row.inner_text()
    first_row.locator("td a").first.click()
    page.wait_for_load_state()
    text = page.inner_text("body")
    assert "Henrika Solberg" in text and "Glaciers creak, slide and calve" in text


def test_ranked_search_query_shows_highlighted_snippets(served, page):
    base, db, _ = served
    page.goto(f"{base}/{db}/search?q=diffusion")
    first_row = page.locator("table.rows-and-columns tbody tr").first
    assert "Diffusion models for sea-ice forecasts" in first_row.inner_text()
    assert [m.lower() for m in first_row.locator("mark").all_inner_texts()][0] == "diffusion"
    first_row.locator("td.col-id a").click()
    page.wait_for_load_state()
    assert page.locator(".talk-card h1").inner_text() == "Diffusion models for sea-ice forecasts"


def test_csv_and_json_export_links_download_the_talks(served, page):
    base, db, _ = served
    page.goto(f"{base}/{db}/talks")
    csv_link, json_link = page.locator("a[href*='.csv']").first, page.locator("a[href*='.json']").first
    assert csv_link.inner_text().strip().lower() == "csv" and json_link.inner_text().strip().lower() == "json"
    rows = list(csv.DictReader(io.StringIO(fetch(page, base, csv_link.get_attribute("href")).text())))
    assert any(row["title"] == "Fleet learning for harbour cranes" for row in rows)
    data = fetch(page, base, json_link.get_attribute("href")).json()
    assert any(row["title"] == "Fleet learning for harbour cranes" for row in data["rows"])


def test_ical_links_download_calendars_with_zoned_start_times(served, page):
    base, db, _ = served
    page.goto(f"{base}/{db}/talks/{SERIES}-2024-04-25")
    talk_ics = Calendar.from_ical(fetch(page, base, page.locator("a.calendar").get_attribute("href")).body())
    [event] = talk_ics.walk("VEVENT")
    assert str(event["UID"]) == f"{SERIES}-2024-04-25@seminar-archive"
    assert event.decoded("DTSTART") == datetime(2024, 4, 25, 15, tzinfo=STOCKHOLM)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Stockholm"
    assert "Ingrid Falkenholm (Norrvik Polar Institute)" in str(event["DESCRIPTION"])
    page.goto(f"{base}/{db}/talks")
    ics_link = page.locator("a[href*='.ics']").first
    assert ics_link.inner_text().strip() == "ics"
    events = Calendar.from_ical(fetch(page, base, ics_link.get_attribute("href")).body()).walk("VEVENT")
    starts = {str(e["UID"]).split("@")[0]: e.decoded("DTSTART") for e in events}
    assert starts[f"{SERIES}-2024-03-21"].utcoffset().total_seconds() == 3600  # CET, before the change
    assert starts[f"{SERIES}-2024-04-25"].utcoffset().total_seconds() == 7200  # CEST, after it


def test_facets_by_year_narrow_the_talks(served, page):
    base, db, _ = served
    page.goto(f"{base}/{db}/talks")
    page.click(".facet-info[data-column=year] a:has-text('2024')")
    page.wait_for_load_state()
    years = {cell.inner_text().strip() for cell in page.locator("td.col-year").all()}
    assert years == {"2024"}


def test_crafted_markup_in_an_abstract_shows_as_text(served, page):
    base, db, _ = served
    page.goto(f"{base}/{db}/talks/{SERIES}-2024-05-02")
    assert page.locator(".talk-card .prose").first.inner_text().startswith("<script>window.__pwned = 1</script> Markup")
    for url in (f"{base}/{db}/talks/{SERIES}-2024-05-02", f"{base}/{db}/talks?_search=crafted",
                f"{base}/{db}/search?q=onerror"):
        page.goto(url)
        page.wait_for_load_state()
        assert '<img src="x" onerror="window' in page.inner_text("body"), url  # a snippet may cut it short
        assert page.evaluate("window.__pwned") is None and page.dialogs == []
        assert page.locator("img[src=x], .prose b").count() == 0


def test_no_passcode_anywhere_in_the_served_pages_or_database(served, page):
    base, db, db_path = served
    crawled = b"".join(p.read_bytes() for p in (db_path, Path(f"{db_path}-wal")) if p.exists())
    assert EXTRA_PASSCODE.encode() in crawled  # the crawl database has it: the published copy must not
    urls = [f"/{db}/talks/{SERIES}-2024-03-21", f"/{db}/talks/{SERIES}-2024-04-25", f"/{db}/talks/{SERIES}-2024-05-02",
            f"/{db}/talks.json?_shape=array&_size=max", f"/{db}/links.csv?_size=max", f"/{db}/pages.json?_size=max",
            f"/{db}/talk_sources.json?_size=max", f"/{db}/talks.ics?_size=max", f"/{db}/new_talks.atom",
            f"/{db}/upcoming.json", f"/{db}.db"]
    for url in urls:
        answer = fetch(page, base, url)
        assert answer.status == 200, url
        body = answer.body()
        assert b"pwd=" not in body and DEMO_PASSCODE.encode() not in body, url
        assert b"Fl0eSecret" not in body, url


def test_charts_page_draws_talks_per_year_and_affiliations(served, page):
    base, _, _ = served
    page.goto(f"{base}/-/dashboards/charts")
    page.wait_for_selector("#chart-per-year canvas, #chart-per-year svg", timeout=15000)
    page.wait_for_selector("#chart-affiliations canvas, #chart-affiliations svg", timeout=15000)
    assert "Talks per year" in page.inner_text("body") and "Top affiliations" in page.inner_text("body")
    page.wait_for_timeout(300)
    page.screenshot(path=str(DOCS / "charts.png"), full_page=True)


def test_searching_diffusion_in_the_real_series_finds_the_2024_talk(served_lm, page):
    base, db = served_lm
    first_row = search_in_browser(page, f"{base}/{db}/talks", "diffusion")
    assert "learning-machines-2024-04-04" in first_row.inner_text()
    assert "Karsten Kreis" in first_row.inner_text() and "generative AI revolution" in first_row.inner_text()
    assert re.search(r"diffusion", first_row.inner_text(), re.I)
