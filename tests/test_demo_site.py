"""The demo static server and the fictional seminar site, over real HTTP."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import httpx
import pytest
from bs4 import BeautifulSoup

from seminar_archive.demo.server import serve_directory
from seminar_archive.demo.site import write_site

EXPECTED = Path(__file__).parent / "data" / "fixture_expected.jsonl"
PLAN_PAGES = ("seminars/2023.html", "seminars/2024.html")


@pytest.fixture
def static_root(tmp_path: Path) -> Path:
    """A small folder to serve, with a secret file just outside it."""
    root = tmp_path / "site"
    (root / "talks").mkdir(parents=True)
    (root / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (root / "talks" / "index.html").write_text("<p>all talks</p>", encoding="utf-8")
    (root / "talks" / "2023-02-02.html").write_text("<p>Title: glaciers</p>", encoding="utf-8")
    (root / "notes.txt").write_text("plain", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("do not serve", encoding="utf-8")
    return root


@pytest.fixture
def client() -> httpx.Client:
    with httpx.Client(timeout=5) as http:
        yield http


def test_serves_a_page_with_validators(static_root: Path, client: httpx.Client) -> None:
    with serve_directory(static_root) as base:
        assert base.startswith("http://127.0.0.1:") and base.endswith("/")
        response = client.get(base + "talks/2023-02-02.html")
        text = client.get(base + "notes.txt")
        head = client.head(base + "talks/2023-02-02.html")
    assert response.status_code == 200
    assert response.text == "<p>Title: glaciers</p>"
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["content-length"] == str(len(response.content))
    assert response.headers["etag"].startswith('"') and response.headers["last-modified"].endswith("GMT")
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == response.headers["etag"]


def test_missing_page_is_an_html_404(static_root: Path, client: httpx.Client) -> None:
    with serve_directory(static_root) as base:
        response = client.get(base + "talks/2099-01-01.html")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


def test_conditional_requests_get_304(static_root: Path, client: httpx.Client) -> None:
    with serve_directory(static_root) as base:
        url = base + "talks/2023-02-02.html"
        first = client.get(url)
        by_etag = client.get(url, headers={"If-None-Match": first.headers["etag"]})
        by_date = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
        stale = client.get(url, headers={"If-None-Match": '"0000"'})
    assert by_etag.status_code == 304 and by_etag.content == b""
    assert by_etag.headers["etag"] == first.headers["etag"]
    assert by_date.status_code == 304
    assert stale.status_code == 200 and stale.content == first.content


def test_extensionless_and_folder_urls(static_root: Path, client: httpx.Client) -> None:
    with serve_directory(static_root) as base:
        extensionless = client.get(base + "talks/2023-02-02")
        folder = client.get(base + "talks/")
        home = client.get(base)
    assert extensionless.status_code == 200 and "glaciers" in extensionless.text
    assert folder.status_code == 200 and "all talks" in folder.text
    assert home.status_code == 200 and "home" in home.text


def test_paths_cannot_escape_the_root(static_root: Path, client: httpx.Client) -> None:
    with serve_directory(static_root) as base:
        escapes = [client.get(base + path) for path in ("%2e%2e/secret.txt", "talks/%2E%2E/%2E%2E/secret.txt")]
    assert [response.status_code for response in escapes] == [404, 404]
    assert all("do not serve" not in response.text for response in escapes)


def links_of(client: httpx.Client, url: str) -> set[str]:
    """Absolute URLs of the links on one fetched page."""
    soup = BeautifulSoup(client.get(url).text, "lxml")
    return {urljoin(url, a["href"]) for a in soup.find_all("a", href=True)}


def test_site_pages_are_written_and_linked_from_plans(tmp_path: Path, client: httpx.Client) -> None:
    pages = write_site(tmp_path)
    assert len(pages) >= 16 and all((tmp_path / page).is_file() for page in pages)
    assert (tmp_path / "robots.txt").read_text() == "User-agent: *\nDisallow: /drafts/\n"
    with serve_directory(tmp_path) as base:
        linked = set().union(*(links_of(client, base + plan) for plan in PLAN_PAGES))
        assert {base + page for page in pages} <= linked
        assert all(client.get(base + page).status_code == 200 for page in pages)
        assert client.get(base + "seminars/2024").status_code == 200
        assert client.get(base + "seminars/2025").status_code == 404
        photos = [url for url in linked if "-photo-" in url]
        assert photos and client.get(photos[0]).status_code == 404


def test_every_page_hides_from_search_engines(tmp_path: Path) -> None:
    for page in write_site(tmp_path):
        assert '<meta name="robots" content="noindex,nofollow" />' in (tmp_path / page).read_text()


def test_drafts_blank_a_few_fields_only(tmp_path: Path) -> None:
    final, drafts = tmp_path / "final", tmp_path / "drafts"
    pages = write_site(final)
    assert write_site(drafts, drafts=True) == pages
    changed = [page for page in pages if (final / page).read_bytes() != (drafts / page).read_bytes()]
    assert 2 <= len(changed) <= 3
    for page in changed:
        assert "<p><strong>Abstract:</strong> </p>" in (drafts / page).read_text()


def test_rewriting_an_unchanged_site_keeps_validators(tmp_path: Path) -> None:
    pages = write_site(tmp_path)
    before = {page: (tmp_path / page).stat().st_mtime_ns for page in pages}
    write_site(tmp_path)
    assert {page: (tmp_path / page).stat().st_mtime_ns for page in pages} == before


def test_expected_fixture_matches_the_site(tmp_path: Path) -> None:
    pages = write_site(tmp_path)
    records = [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()]
    sources = [record["source"] for record in records if record["source"]]
    assert sorted(sources) == sorted(pages)
    assert len({record["id_hint"] for record in records}) == len(records)
    plan_only = [record for record in records if record["source"] is None]
    assert plan_only and all(record["status"] == "cancelled" for record in plan_only)
