"""Publishing: the metadata file and a real Datasette serving the archive."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest

from archive import Archive, make_public_copy, publication, serve_command
from archive.publish import METADATA_PATH, load_metadata
from scraper.talk import Link, SourceKind, Speaker, Talk
from sqlite_utils import Database

ROOT = Path(__file__).resolve().parent.parent


def test_metadata_describes_every_table_view_and_column(tmp_path):
    assert (ROOT / "metadata.json").resolve() == METADATA_PATH.resolve()
    db_path = tmp_path / "seminars.db"
    Archive(db_path).close()
    make_public_copy(db_path, tmp_path / "public.db")
    metadata = load_metadata(db_path)
    tables = metadata["databases"]["seminars"]["tables"]
    for db in (Database(db_path), Database(tmp_path / "public.db")):
        for table in [*db.tables, *db.views]:
            if table.name.startswith("talks_fts"):
                continue  # Datasette hides full-text tables
            assert tables[table.name]["description"], table.name
            assert set(tables[table.name]["columns"]) == set(table.columns_dict), table.name
    talks = tables["talks"]
    assert talks["facets"] == ["series", "year", "status", {"array": "affiliations"}]
    assert (talks["sort_desc"], talks["fts_table"], talks["label_column"]) == ("date", "talks_fts", "title")
    assert {"search", "upcoming", "talks_by_year", "talks_by_affiliation", "new_talks"} <= set(
        metadata["databases"]["seminars"]["queries"])
    charts = metadata["plugins"]["datasette-dashboards"]["charts"]["charts"]
    assert {chart["db"] for chart in charts.values()} == {"seminars"}
    assert "archive" in load_metadata()["databases"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(base: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"datasette exited with {process.returncode}")
        try:
            if httpx.get(f"{base}/-/versions.json", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError("datasette did not start")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A Datasette serving a small archive named seminars.db; yields its base URL."""
    tmp_path = tmp_path_factory.mktemp("publish")
    db_path = tmp_path / "seminars.db"
    with Archive(db_path) as archive:
        archive.ensure_series("Quiet Numbers Seminar", "https://seminar.example/", "Europe/Berlin")
        archive.record_page("https://seminar.example/t1", status=200, fetched_at="2031-04-01T08:00:00Z",
                            talks=[Talk("Quiet Numbers Seminar", date(2031, 5, 6), "https://seminar.example/t1",
                                        SourceKind.PAGE, "Europe/Berlin", title="Counting quietly",
                                        speakers=[Speaker("Mira Okonkwo", "Uni Nowhere")],
                                        abstract="We study diffusions on sparse graphs.",
                                        links=[Link("https://zoom.us/j/123", "meeting")])])
    port = _free_port()
    with publication(db_path) as pub:
        log = (tmp_path / "datasette.log").open("w")
        process = subprocess.Popen(serve_command(pub, port=port), stdout=log, stderr=subprocess.STDOUT)
        try:
            try:
                _wait_until_up(f"http://127.0.0.1:{port}", process)
            except (RuntimeError, TimeoutError) as exc:
                raise AssertionError(f"{exc}: {(tmp_path / 'datasette.log').read_text()}") from None
            yield f"http://127.0.0.1:{port}/seminars"
        finally:
            process.terminate()
            process.wait(timeout=10)
            log.close()


def test_datasette_serves_search_and_canned_queries(served):
    rows = httpx.get(f"{served}/talks.json", params={"_search": "diffusion", "_shape": "array"}).json()
    assert [r["id"] for r in rows] == ["quiet-numbers-seminar-2031-05-06"]
    hits = httpx.get(f"{served}/search.json", params={"q": "diffusion", "_shape": "array"}).json()
    assert hits[0]["title"] == "Counting quietly"
    assert "**diffusions**" in hits[0]["snippet"]
    assert hits[0]["speaker_names"] == "Mira Okonkwo"
    for query in ['"foo AND (', "", '""', "-"]:
        hostile = httpx.get(f"{served}/search.json", params={"q": query, "_shape": "array"})
        assert hostile.status_code == 200 and hostile.json() == [], query
    assert httpx.get(f"{served}/search").status_code == 200
    upcoming = httpx.get(f"{served}/upcoming.json", params={"_shape": "array"}).json()
    assert [r["id"] for r in upcoming] == ["quiet-numbers-seminar-2031-05-06"]
    facets = httpx.get(f"{served}/talks.json").json()["facet_results"]
    assert "affiliations" in facets and "series" in facets
    table = httpx.get(f"{served}/talks").text
    assert "Talks, one per series per date" in table


def test_serve_forwards_ctrl_c_and_cleans_up(tmp_path):
    db_path = tmp_path / "archive.db"
    Archive(db_path).close()
    port = _free_port()
    code = f"import sys; from archive.publish import serve; sys.exit(serve({str(db_path)!r}, port={port}))"
    private_tmp = tmp_path / "tmp"  # the server's temporary files, apart from any other test run's
    private_tmp.mkdir()
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "TMPDIR": str(private_tmp)})
    try:
        _wait_until_up(f"http://127.0.0.1:{port}", parent)
        parent.send_signal(signal.SIGINT)  # to the parent only, as `kill -INT` would
        parent.wait(timeout=20)
    finally:
        if parent.poll() is None:
            parent.kill()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=2)
    assert list(private_tmp.iterdir()) == []


def test_canned_queries_by_year_and_affiliation(served):
    by_year = httpx.get(f"{served}/talks_by_year.json", params={"year": "2031", "_shape": "array"}).json()
    assert [r["title"] for r in by_year] == ["Counting quietly"]
    assert httpx.get(f"{served}/talks_by_year.json", params={"year": "2030", "_shape": "array"}).json() == []
    by_place = httpx.get(f"{served}/talks_by_affiliation.json",
                         params={"affiliation": "nowhere", "_shape": "array"}).json()
    assert [(r["title"], r["affiliation"]) for r in by_place] == [("Counting quietly", "Uni Nowhere")]


def test_atom_feed_of_new_talks(served):
    import xml.etree.ElementTree as ET

    answer = httpx.get(f"{served}/new_talks.atom")
    assert answer.status_code == 200
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(answer.content)
    assert feed.find(f"{atom}title").text == "Newly archived talks"
    entry = feed.find(f"{atom}entry")
    assert entry.find(f"{atom}id").text == "urn:seminar-archive:talk:quiet-numbers-seminar-2031-05-06"
    assert entry.find(f"{atom}title").text == "Counting quietly"
    assert "We study diffusions" in entry.find(f"{atom}content").text
    assert entry.find(f"{atom}author/{atom}name").text == "Mira Okonkwo"


def test_speaker_view_charts_and_withheld_meeting_link(served):
    rows = httpx.get(f"{served}/speaker_talks.json", params={"_shape": "array"}).json()
    assert [(r["speaker"], r["title"]) for r in rows] == [("Mira Okonkwo", "Counting quietly")]
    base = served.rsplit("/", 1)[0]
    charts = httpx.get(f"{base}/-/dashboards/charts")
    assert charts.status_code == 200 and "Talks per year" in charts.text
    per_year = httpx.get(f"{served}.json", params={"sql": "select count(*) from talks where meeting_url is not null"})
    assert per_year.json()["rows"] == [[0]]
    assert httpx.get(f"{served}/links.json", params={"_shape": "array"}).json() == []
