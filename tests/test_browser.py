"""The published archive in a real browser: Debian's chromium driven by Playwright.

`seminar-archive serve` runs as a subprocess on a free loopback port over a
crawled archive; the tests search, open a talk, and download CSV and JSON as
a researcher would. Screenshots land in docs/.
"""
from __future__ import annotations

import csv
import io
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import plan_pages

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCS = Path(__file__).resolve().parents[1] / "docs"
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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
    for _ in range(200):
        try:
            if httpx.get(f"{base}/-/versions.json").status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("seminar-archive serve did not start")


def crawl_with_cli(db: Path, seeds: list[str], series: str) -> None:
    """`seminar-archive crawl` as a user runs it (a subprocess: Playwright owns this event loop)."""
    subprocess.run([sys.executable, "-m", "seminar_archive.cli", "crawl", *seeds, "--db", str(db),
                    "--series", series, "--timezone", "Europe/Stockholm", "--quiet"], check=True)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from seminar_archive.demo.server import serve_directory
    from seminar_archive.demo.site import write_site

    folder = tmp_path_factory.mktemp("site")
    db = tmp_path_factory.mktemp("db") / "archive.db"
    write_site(folder)
    with serve_directory(folder) as site_url:
        crawl_with_cli(db, plan_pages(site_url), "quiet-machines")
    process, base = serve_archive(db)
    yield base, db.stem
    process.terminate()
    process.wait(timeout=10)


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
    process.terminate()
    process.wait(timeout=10)


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
    yield context.new_page()
    context.close()


def search_in_browser(page, table_url: str, words: str):
    """Type into the table's search box as a user does; returns the first result row."""
    page.goto(table_url)
    page.fill("input[name=_search]", words)
    page.press("input[name=_search]", "Enter")
    page.wait_for_load_state()
    return page.locator("table.rows-and-columns tbody tr").first


def test_search_box_finds_the_talk_first_and_its_page_shows_speakers_and_abstract(served, page):
    base, db = served
    first_row = search_in_browser(page, f"{base}/{db}/talks", "glaciers")
    assert "Listening to glaciers" in first_row.inner_text()
    page.locator("table.rows-and-columns").screenshot(path=str(DOCS / "search.png"))
    first_row.locator("td a").first.click()
    page.wait_for_load_state()
    text = page.inner_text("body")
    assert "Henrika Solberg" in text and "Glaciers creak, slide and calve" in text
    page.screenshot(path=str(DOCS / "talk.png"), full_page=False)


def test_csv_and_json_export_links_download_the_talks(served, page):
    base, db = served
    page.goto(f"{base}/{db}/talks")
    csv_link, json_link = page.locator("a[href*='.csv']").first, page.locator("a[href*='.json']").first
    assert csv_link.inner_text().strip().lower() == "csv" and json_link.inner_text().strip().lower() == "json"
    csv_text = page.request.get(str(httpx.URL(base).join(csv_link.get_attribute("href")))).text()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert any(row["title"] == "Fleet learning for harbour cranes" for row in rows)
    data = page.request.get(str(httpx.URL(base).join(json_link.get_attribute("href")))).json()
    assert any(row["title"] == "Fleet learning for harbour cranes" for row in data["rows"])


def test_facets_by_year_narrow_the_talks(served, page):
    base, db = served
    page.goto(f"{base}/{db}/talks")
    page.click(".facet-info[data-column=year] a:has-text('2024')")
    page.wait_for_load_state()
    years = {cell.inner_text().strip() for cell in page.locator("td.col-year").all()}
    assert years == {"2024"}


def test_searching_diffusion_in_the_real_series_finds_the_2024_talk(served_lm, page):
    base, db = served_lm
    first_row = search_in_browser(page, f"{base}/{db}/talks", "diffusion")
    assert "learning-machines-2024-04-04" in first_row.inner_text()
    assert "Karsten Kreis" in first_row.inner_text() and "generative AI revolution" in first_row.inner_text()
