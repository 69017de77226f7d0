"""Tests of the archive on real SQLite files: what a user of the archive would notice."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date, datetime, timedelta, timezone

import pytest

from archive import (CSV_COLUMNS, TALK_KEYS, Archive, export_talks, search_talks,
                     talk_from_json, talk_id, talk_to_json)
from scraper.talk import Link, SourceKind, Speaker, Talk

SERIES = "Quiet Numbers Seminar"
TZ = "Europe/Berlin"
CEST = timezone(timedelta(hours=2))
D1, D2 = date(2031, 5, 6), date(2031, 5, 13)
PAGE_URL = "https://seminar.example/talks/2031-05-06"
PLAN_URL = "https://seminar.example/plan"
HOME_URL = "https://seminar.example/"
T0 = "2031-04-01T08:00:00+00:00"
T1 = "2031-04-02T08:00:00+00:00"


def talk(kind=SourceKind.PAGE, day=D1, url=PAGE_URL, speakers=("Mira Okonkwo",), **fields):
    """A fictional talk as one source describes it."""
    return Talk(series=SERIES, date=day, source_url=url, source_kind=kind, timezone=TZ,
                speakers=[Speaker(*s) if isinstance(s, tuple) else Speaker(s) for s in speakers],
                **fields)


def record(archive, url, talks, fetched_at=T0):
    return archive.record_page(url, status=200, fetched_at=fetched_at, etag='"e1"',
                               sha256="ab" * 32, content_type="text/html", talks=talks)


def talks_table(archive):
    return {row["id"]: row for row in archive.db["talks"].rows}


def speakers_of(archive, tid):
    return [r[0] for r in archive.db.execute(
        """SELECT s.name FROM talk_speakers ts JOIN speakers s ON s.id = ts.speaker_id
           WHERE ts.talk_id = ? ORDER BY position""", [tid])]


def counts(archive):
    tables = ["talks", "speakers", "talk_speakers", "links", "talk_sources", "pages", "series"]
    return {t: archive.db[t].count for t in tables}


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "archive.db"


@pytest.fixture
def archive(db_path):
    with Archive(db_path) as arch:
        yield arch


PAGE_TALK = dict(title="Counting quietly", abstract="We study diffusions on sparse graphs.",
                 start=datetime(2031, 5, 6, 16, 15, tzinfo=CEST), location="Room 101",
                 links=[Link("https://meet.example/q", "meeting", "Join"),
                        Link("https://slides.example/q.pdf", "slides")])


def test_schema_is_idempotent_and_wal(db_path):
    Archive(db_path).close()
    with Archive(db_path) as archive:
        assert archive.db.journal_mode == "wal"
        assert archive.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert archive.db["talks"].detect_fts() == "talks_fts"
        (au,) = archive.db.execute("SELECT sql FROM sqlite_master WHERE name = 'talks_au'").fetchone()
        assert "UPDATE OF title, abstract, speaker_names, bio ON talks" in au
        assert archive.talk_count() == 0


def test_identical_recordings_keep_ids_and_add_no_rows(archive):
    page = [talk(**PAGE_TALK, speakers=[("Mira Okonkwo", "Uni Nowhere")])]
    first = record(archive, PAGE_URL, page)
    before, rows = counts(archive), talks_table(archive)
    second = record(archive, PAGE_URL, page)
    assert (first.new, first.updated) == (1, 0)
    assert (second.new, second.updated) == (0, 0)
    assert counts(archive) == before
    assert talks_table(archive) == rows
    assert list(rows) == ["quiet-numbers-seminar-2031-05-06"]
    assert rows["quiet-numbers-seminar-2031-05-06"]["affiliations"] == '["Uni Nowhere"]'


def test_page_speaker_replaces_stale_upcoming_speaker(archive):
    stale = talk(SourceKind.UPCOMING, url=HOME_URL, speakers=("Bram Tiller",),
                 title="Old plans", abstract="Something else entirely.")
    record(archive, HOME_URL, [stale])
    outcome = record(archive, PAGE_URL, [talk(abstract="Fresh words.")])
    rows = talks_table(archive)
    assert len(rows) == 1 and outcome.updated == 1
    (tid, row), = rows.items()
    assert speakers_of(archive, tid) == ["Mira Okonkwo"]
    assert row["speaker_names"] == "Mira Okonkwo"
    assert row["abstract"] == "Fresh words."
    assert row["title"] is None  # never the other speaker's title
    assert [r["name"] for r in archive.db["speakers"].rows] == ["Mira Okonkwo"]
    # ... and the same when the stale list is recorded after the page
    record(archive, HOME_URL, [stale], fetched_at=T1)
    assert speakers_of(archive, tid) == ["Mira Okonkwo"]
    assert archive.talk_count() == 1


@pytest.mark.parametrize("plan_first", [True, False])
def test_plan_cancellation_survives_the_page(archive, plan_first):
    plan = [talk(SourceKind.PLAN, url=PLAN_URL, status="cancelled")]
    page = [talk(**PAGE_TALK)]
    for url, talks in ([(PLAN_URL, plan), (PAGE_URL, page)] if plan_first
                       else [(PAGE_URL, page), (PLAN_URL, plan)]):
        record(archive, url, talks)
    (row,) = talks_table(archive).values()
    assert row["status"] == "cancelled"
    assert row["title"] == "Counting quietly"
    assert row["source_url"] == PAGE_URL


def test_fields_missing_on_page_come_from_lower_sources(archive):
    start = datetime(2031, 5, 6, 17, 0, tzinfo=CEST)
    record(archive, PLAN_URL, [talk(SourceKind.PLAN, url=PLAN_URL, start=start, location="Aula")])
    record(archive, PAGE_URL, [talk(title="Counting quietly", location="Room 7")])
    (row,) = talks_table(archive).values()
    assert row["start"] == "2031-05-06T17:00:00+02:00"
    assert row["location"] == "Room 7"
    assert row["status"] == "scheduled"


def test_talk_only_on_an_old_upcoming_list_disappears(archive):
    home = [talk(SourceKind.UPCOMING, url=HOME_URL),
            talk(SourceKind.UPCOMING, day=D2, url=HOME_URL, speakers=("Ines Varga",))]
    record(archive, HOME_URL, home)
    record(archive, PAGE_URL, [talk(**PAGE_TALK)])
    assert archive.talk_count() == 2
    outcome = record(archive, HOME_URL, [], fetched_at=T1)
    assert outcome.removed == 1
    assert list(talks_table(archive)) == ["quiet-numbers-seminar-2031-05-06"]
    assert [r["name"] for r in archive.db["speakers"].rows] == ["Mira Okonkwo"]
    assert search_talks(archive.path, "Varga") == []


def test_several_talks_same_day_on_one_page_get_distinct_ids(archive):
    plan = [talk(SourceKind.PLAN, url=PLAN_URL, speakers=("Mira Okonkwo",)),
            talk(SourceKind.PLAN, url=PLAN_URL, speakers=("Jun-Ho Pérez Álvarez",)),
            talk(SourceKind.PLAN, url=PLAN_URL, day=D2, speakers=("Ines Varga",))]
    assert [talk_id(t, plan) for t in plan] == [
        "quiet-numbers-seminar-2031-05-06", "quiet-numbers-seminar-2031-05-06-alvarez",
        "quiet-numbers-seminar-2031-05-13"]
    record(archive, PLAN_URL, plan)
    record(archive, PLAN_URL, plan, fetched_at=T1)
    assert sorted(talks_table(archive)) == sorted(talk_id(t, plan) for t in plan)


def test_page_repeating_its_own_talk_in_a_sidebar_is_one_talk(archive):
    page = [talk(**PAGE_TALK), talk(SourceKind.UPCOMING, title="Counting quietly")]
    record(archive, PAGE_URL, page)
    assert list(talks_table(archive)) == ["quiet-numbers-seminar-2031-05-06"]


def test_search_uses_porter_stemming_and_follows_changes(archive, db_path):
    record(archive, PAGE_URL, [talk(**PAGE_TALK)])
    hits = search_talks(db_path, "diffusion")
    assert [h["id"] for h in hits] == ["quiet-numbers-seminar-2031-05-06"]
    assert "[diffusions]" in hits[0]["snippet"]
    assert search_talks(db_path, "okonkwo")[0]["speaker_names"] == "Mira Okonkwo"
    changed = dict(PAGE_TALK, abstract="Random walks on lattices.")
    assert record(archive, PAGE_URL, [talk(**changed)], fetched_at=T1).updated == 1
    assert search_talks(db_path, "diffusion") == []
    assert len(search_talks(db_path, "walk lattice")) == 1


def test_search_ranks_title_matches_first(archive, db_path):
    record(archive, PAGE_URL, [
        talk(title="Graphs everywhere", abstract="Nothing about it."),
        talk(day=D2, speakers=("Ines Varga",), title="Other things", abstract="Graphs, briefly."),
    ])
    assert [h["date"] for h in search_talks(db_path, "graph")] == ["2031-05-06", "2031-05-13"]


@pytest.mark.parametrize("query", ['"foo AND (', "-", 'AND(', "NEAR(a b", "*", "a OR", '""', "", "col:x"])
def test_hostile_search_syntax_does_not_raise(archive, db_path, query):
    record(archive, PAGE_URL, [talk(**PAGE_TALK)])
    assert isinstance(search_talks(db_path, query), list)


def test_export_json_follows_the_contract(archive, db_path):
    record(archive, PAGE_URL, [talk(**PAGE_TALK, speakers=[("Mira Okonkwo", "Uni Nowhere"),
                                                           "Jun-Ho Pérez Álvarez"]),
                               talk(SourceKind.UPCOMING, day=D2, speakers=("Ines Varga",))])
    out = io.StringIO()
    assert export_talks(db_path, "json", out) == 2
    data = json.loads(out.getvalue())
    assert [list(item) for item in data] == [list(TALK_KEYS)] * 2
    first = data[0]
    assert [d["date"] for d in data] == ["2031-05-06", "2031-05-13"]
    assert first["speakers"] == [{"name": "Mira Okonkwo", "affiliation": "Uni Nowhere"},
                                 {"name": "Jun-Ho Pérez Álvarez", "affiliation": None}]
    assert first["links"][0] == {"url": "https://meet.example/q", "kind": "meeting", "text": "Join"}
    assert first["start"] == "2031-05-06T16:15:00+02:00" and data[1]["start"] is None
    assert first["status"] == "scheduled"
    lines = io.StringIO()
    export_talks(db_path, "jsonl", lines)
    assert [json.loads(line) for line in lines.getvalue().splitlines()] == data


def test_export_csv_joins_speakers_and_aligns_affiliations(archive, db_path):
    record(archive, PAGE_URL, [talk(**PAGE_TALK, speakers=["Jun-Ho Pérez Álvarez",
                                                           ("Mira Okonkwo", "Uni Nowhere")])])
    out = io.StringIO(newline="")
    export_talks(db_path, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows[0]["speakers"] == "Jun-Ho Pérez Álvarez; Mira Okonkwo"
    assert rows[0]["affiliations"] == "; Uni Nowhere"
    assert rows[0]["links"] == "https://meet.example/q https://slides.example/q.pdf"
    assert rows[0]["bio"] == ""


def test_export_of_empty_archive_and_bad_format(archive, db_path):
    out = io.StringIO()
    export_talks(db_path, "json", out)
    assert json.loads(out.getvalue()) == []
    with pytest.raises(ValueError):
        export_talks(db_path, "xml", io.StringIO())


def _count_talk_writes(archive):
    """Temp triggers counting writes to `talks` (and to its FTS-indexed columns)."""
    archive.db.conn.executescript("""
        CREATE TEMP TABLE writes (what TEXT);
        CREATE TEMP TRIGGER w_i AFTER INSERT ON main.talks BEGIN INSERT INTO writes VALUES ('insert'); END;
        CREATE TEMP TRIGGER w_d AFTER DELETE ON main.talks BEGIN INSERT INTO writes VALUES ('delete'); END;
        CREATE TEMP TRIGGER w_u AFTER UPDATE ON main.talks BEGIN INSERT INTO writes VALUES ('update'); END;
        CREATE TEMP TRIGGER w_f AFTER UPDATE OF title, abstract, speaker_names, bio ON main.talks
          BEGIN INSERT INTO writes VALUES ('fts'); END;
    """)
    return lambda: [r[0] for r in archive.db.execute("SELECT what FROM writes")]


def test_rerecording_an_unchanged_page_writes_nothing_to_talks(archive):
    pages = [(PLAN_URL, [talk(SourceKind.PLAN, url=PLAN_URL, status="cancelled")]),
             (PAGE_URL, [talk(**PAGE_TALK)]),
             (HOME_URL, [talk(SourceKind.UPCOMING, day=D2, url=HOME_URL)])]
    for url, talks in pages:
        record(archive, url, talks)
    rowids = archive.db.execute("SELECT rowid, * FROM talks ORDER BY id").fetchall()
    writes = _count_talk_writes(archive)
    for url, talks in pages:
        assert record(archive, url, talks) == record(archive, url, talks)
    assert writes() == []
    assert archive.db.execute("SELECT rowid, * FROM talks ORDER BY id").fetchall() == rowids
    # A later crawl of the same content only moves last_seen (and never touches FTS).
    for url, talks in pages:
        outcome = record(archive, url, talks, fetched_at=T1)
        assert (outcome.new, outcome.updated, outcome.removed) == (0, 0, 0)
    assert set(writes()) == {"update"}
    after = {r["id"]: r for r in archive.db["talks"].rows}
    for row in archive.db.execute("SELECT rowid, * FROM talks ORDER BY id").fetchall():
        assert after[row[1]]["last_seen"] == T1
        assert after[row[1]]["first_seen"] == T0


def _dump(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_failure_inside_record_page_rolls_everything_back(archive, db_path):
    record(archive, HOME_URL, [talk(SourceKind.UPCOMING, url=HOME_URL, day=D2)])
    record(archive, PAGE_URL, [talk(**PAGE_TALK)])
    before = _dump(db_path)
    bad = talk(day=D2, speakers=("Ines Varga",), start=datetime(2031, 5, 13, 16, 0))  # naive
    with pytest.raises(ValueError, match="aware"):
        archive.record_page(PAGE_URL, status=200, fetched_at=T1, etag='"e2"',
                            talks=[talk(title="Changed title"), bad])
    assert _dump(db_path) == before
    assert archive.known_page(PAGE_URL).etag == '"e1"'
    assert not archive.db.conn.in_transaction
    assert record(archive, PAGE_URL, [talk(**PAGE_TALK)], fetched_at=T1).updated == 0


def test_speaker_identity_and_latest_affiliation(archive):
    record(archive, PAGE_URL, [talk(speakers=[("Mira  Okonkwo", "Old Place")])])
    later = talk(day=D2, url=PLAN_URL, speakers=[("mira okonkwo", "New Place")])
    record(archive, PLAN_URL, [later])
    (speaker,) = archive.db["speakers"].rows
    assert speaker["affiliation"] == "New Place"
    assert archive.db["talk_speakers"].count == 2


def test_latest_affiliation_follows_talk_dates_not_recording_order(archive):
    record(archive, PLAN_URL, [talk(day=D2, url=PLAN_URL, speakers=[("Mira Okonkwo", "New Place")])])
    record(archive, PAGE_URL, [talk(speakers=[("Mira Okonkwo", "Old Place")])])  # an earlier talk, recorded later
    (speaker,) = archive.db["speakers"].rows
    assert speaker["affiliation"] == "New Place"


def test_an_archive_from_before_talk_speaker_dates_is_brought_up_to_date(db_path):
    with Archive(db_path) as archive:
        record(archive, PAGE_URL, [talk(speakers=[("Mira Okonkwo", "Old Place")])])
        record(archive, PLAN_URL, [talk(day=D2, url=PLAN_URL, speakers=[("Mira Okonkwo", "New Place")])])
    with sqlite3.connect(db_path) as conn:  # as an older version left it: no talk_speakers.date
        conn.execute("DROP INDEX idx_talk_speakers_speaker_id_date_talk_id")
        conn.execute("ALTER TABLE talk_speakers DROP COLUMN date")
    with Archive(db_path) as archive:
        dated = {r["talk_id"]: r["date"] for r in archive.db["talk_speakers"].rows}
        assert dated == {tid: row["date"] for tid, row in talks_table(archive).items()}
        record(archive, PAGE_URL, [talk(speakers=[("Mira Okonkwo", "Older Place")])], fetched_at=T1)
        (speaker,) = archive.db["speakers"].rows
        assert speaker["affiliation"] == "New Place"


def test_talk_json_round_trip_and_validation():
    original = talk(**PAGE_TALK, speakers=[("Mira Okonkwo", "Uni Nowhere")], bio="Counts.",
                    status="cancelled", source_date=date(2031, 4, 1))
    assert talk_from_json(talk_to_json(original)) == original
    with pytest.raises(ValueError):
        talk_to_json(talk(status="postponed"))
    with pytest.raises(ValueError):
        talk_to_json(talk(links=[Link("https://x.example", "podcast")]))


def test_series_runs_and_pages(archive):
    assert archive.ensure_series(SERIES, "https://seminar.example/", TZ) == "quiet-numbers-seminar"
    assert archive.ensure_series(SERIES) == "quiet-numbers-seminar"
    assert archive.db["series"].get("quiet-numbers-seminar")["timezone"] == TZ
    assert archive.known_page(PAGE_URL) is None
    record(archive, PAGE_URL, [talk()])
    assert tuple(archive.known_page(PAGE_URL)) == ('"e1"', None, "ab" * 32)
    run = archive.start_run([HOME_URL], started="2031-04-01T10:00:00+02:00")
    assert archive.db["crawl_runs"].get(run)["started"] == T0
    archive.finish_run(run, "ok", pages_fetched=3, talks_new=1, errors=["boom: x"])
    row = archive.db["crawl_runs"].get(run)
    assert (row["status"], row["errors"], json.loads(row["error_log"])) == ("ok", 1, ["boom: x"])
    assert json.loads(row["seeds"]) == [HOME_URL]
    with pytest.raises(ValueError):
        archive.finish_run(run, "great")


def test_the_same_talk_from_two_series_is_one_row_with_both_sources(tmp_path):
    """A department calendar and the seminar's own page describe one talk: one row, two sources."""
    calendar = Talk(series="dept-calendar", date=date(2031, 5, 8), source_url="https://dept.example/cal",
                    source_kind=SourceKind.PLAN, timezone="Europe/Stockholm",
                    speakers=[Speaker("Ylva Strand", "Fjord University")])
    page = Talk(series="fjord-seminar", date=date(2031, 5, 8), source_url="https://fjord.example/2031-05-08",
                source_kind=SourceKind.PAGE, timezone="Europe/Stockholm", title="Sea ice from above",
                speakers=[Speaker("Ylva Strand", "Fjord University")])
    other = Talk(series="fjord-seminar", date=date(2031, 5, 8), source_url="https://fjord.example/2031-05-08b",
                 source_kind=SourceKind.PAGE, timezone="Europe/Stockholm", title="Another talk that day",
                 speakers=[Speaker("Arne Holm")])
    with Archive(tmp_path / "a.db") as archive:
        for talk in (calendar, page, other):
            archive.record_page(talk.source_url, status=200, fetched_at="2031-05-01T00:00:00+00:00", talks=[talk])
        rows = list(archive.db.query("SELECT id, title FROM talks ORDER BY title"))
        sources = archive.db.execute(
            "SELECT count(DISTINCT page_url) FROM talk_sources WHERE talk_id = ?", [rows[1]["id"]]).fetchone()[0]
    assert [r["title"] for r in rows] == ["Another talk that day", "Sea ice from above"]
    assert rows[1]["id"] == "dept-calendar-2031-05-08" and sources == 2
