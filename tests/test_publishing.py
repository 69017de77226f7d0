"""What gets published: the scrubbed public copy, the iCalendar feed/export, `publish`."""
from __future__ import annotations

import io
import sqlite3
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from archive import Archive, export_talks, make_public_copy, publication
from archive.container import write_build_context
from archive.public_copy import find_secrets, scrub_text
from archive.publish import publish_command
from scraper.talk import Link, SourceKind, Speaker, Talk
from sqlite_utils import Database

STOCKHOLM = ZoneInfo("Europe/Stockholm")
SERIES = "Quiet Numbers Seminar"
PASSCODE = "pwd=S3cretPass"
# Wall-clock 16:00 in Stockholm on both sides of the spring and the autumn change.
DST_STARTS = [datetime(2031, 3, 27, 16, tzinfo=STOCKHOLM), datetime(2031, 4, 3, 16, tzinfo=STOCKHOLM),
              datetime(2031, 10, 23, 16, tzinfo=STOCKHOLM), datetime(2031, 10, 30, 16, tzinfo=STOCKHOLM)]


def a_talk(day: date, **fields) -> Talk:
    return Talk(SERIES, day, f"https://seminar.example/{day}", SourceKind.PAGE, "Europe/Stockholm",
                speakers=[Speaker("Mira Okonkwo", "Uni Nowhere"), Speaker("Tomas Ek")], **fields)


@pytest.fixture
def archive_db(tmp_path):
    """A fictional archive: talks across both DST changes, one without a time, and leaky text."""
    db_path = tmp_path / "seminars.db"
    with Archive(db_path) as archive:
        talks = [a_talk(start.date(), start=start, title=f"Talk {n}", abstract="First paragraph.\n\nSecond.")
                 for n, start in enumerate(DST_STARTS)]
        talks.append(a_talk(date(2031, 11, 6), title="Time to be announced", status="cancelled",
                            abstract=f"Join at https://zoom.us/j/987?{PASSCODE} or dial in. Passcode: 424242",
                            location="Room Skarv",
                            links=[Link("https://zoom.us/j/987", "meeting"),
                                   Link("https://arxiv.org/abs/2399.00001", "paper")]))
        archive.record_page("https://seminar.example/plan", status=200,
                            fetched_at="2031-03-01T08:00:00+00:00", talks=talks)
    return db_path


def calendar_of(db_path) -> Calendar:
    out = io.StringIO(newline="")
    export_talks(db_path, "ics", out)
    return Calendar.from_ical(out.getvalue())


def test_ics_round_trips_stockholm_wall_clock_times_across_dst_changes(archive_db):
    events = {str(e["UID"]): e for e in calendar_of(archive_db).walk("VEVENT")}
    assert len(events) == 5
    starts = sorted(e.decoded("DTSTART") for e in events.values() if isinstance(e.decoded("DTSTART"), datetime))
    assert starts == DST_STARTS
    assert [s.astimezone(STOCKHOLM).strftime("%H:%M %Z") for s in starts] == \
        ["16:00 CET", "16:00 CEST", "16:00 CEST", "16:00 CET"]
    assert [s.astimezone(timezone.utc).hour for s in starts] == [15, 14, 14, 15]
    assert all(str(e["DTSTART"].params["TZID"]) == "Europe/Stockholm"
               for e in events.values() if "TZID" in e["DTSTART"].params)
    assert events["quiet-numbers-seminar-2031-04-03@seminar-archive"].decoded("DURATION") == timedelta(hours=1)


def test_ics_events_describe_the_talk_and_keep_their_uid(archive_db):
    first = calendar_of(archive_db)
    zones = [str(tz["TZID"]) for tz in first.walk("VTIMEZONE")]
    assert zones == ["Europe/Stockholm"]
    event = next(e for e in first.walk("VEVENT") if str(e["UID"]).startswith("quiet-numbers-seminar-2031-03-27"))
    text = str(event["DESCRIPTION"])
    assert text.startswith("Speakers: Mira Okonkwo (Uni Nowhere), Tomas Ek\n\nFirst paragraph.\n\nSecond.")
    assert text.endswith("\n\nAnnouncement: https://seminar.example/plan")
    assert str(event["SUMMARY"]) == "Talk 0" and str(event["STATUS"]) == "CONFIRMED"
    untimed = next(e for e in first.walk("VEVENT") if str(e["SUMMARY"]) == "Time to be announced")
    assert untimed.decoded("DTSTART") == date(2031, 11, 6) and str(untimed["STATUS"]) == "CANCELLED"
    again = calendar_of(archive_db)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in first.walk("VEVENT")]


def test_public_copy_has_no_passcode_and_withholds_meeting_links(archive_db, tmp_path):
    assert PASSCODE.encode() in archive_db.read_bytes()
    public = make_public_copy(archive_db, tmp_path / "public" / "seminars.db")
    raw = public.read_bytes()
    assert b"pwd=" not in raw and b"424242" not in raw and b"zoom.us" not in raw
    db = Database(public)
    talk = next(db["talks"].rows_where("date = ?", ["2031-11-06"]))
    assert talk["meeting_url"] is None
    assert talk["abstract"] == "Join at [meeting link withheld] or dial in. [passcode withheld]"
    assert [r["kind"] for r in db["links"].rows] == ["paper"]
    assert db["speaker_talks"].count == 10
    assert find_secrets(db) == []


def test_public_copy_keeps_meeting_links_without_passcodes_when_asked(archive_db, tmp_path):
    public = make_public_copy(archive_db, tmp_path / "public" / "seminars.db", keep_meeting_links=True)
    db = Database(public)
    talk = next(db["talks"].rows_where("date = ?", ["2031-11-06"]))
    assert talk["meeting_url"] == "https://zoom.us/j/987"
    assert talk["abstract"].startswith("Join at https://zoom.us/j/987 or dial in.")
    assert b"pwd=" not in public.read_bytes()


def test_scrubbing_covers_any_table_and_text_without_an_address(archive_db, tmp_path):
    with sqlite3.connect(archive_db) as conn:  # a table a later version may add
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.executemany("INSERT INTO notes VALUES (?)", [[f"see https://meet.example/x?{PASSCODE}&lang=sv"],
                                                          [f"or zoom.us/j/1?{PASSCODE} (no scheme)"]])
    assert ("notes", "body") in find_secrets(Database(archive_db))
    db = Database(make_public_copy(archive_db, tmp_path / "public" / "seminars.db", keep_meeting_links=True))
    assert [r[0] for r in db.execute("SELECT body FROM notes")] == [
        "see https://meet.example/x?lang=sv", "or zoom.us/j/1? (no scheme)"]
    assert find_secrets(db) == []
    assert scrub_text("no links here, password policy: none") == "no links here, password policy: none"


def test_publish_commands_wrap_datasette_publish(archive_db):
    with publication(archive_db) as pub:
        argv = publish_command(pub, "cloudrun", ["--service", "seminars"])
        assert argv[argv.index("publish") + 1:argv.index("publish") + 3] == ["cloudrun", str(pub.database)]
        assert argv[-2:] == ["--service", "seminars"]
        for option in ("--metadata", "--plugins-dir", "--template-dir", "--extra-options"):
            assert option in argv
        assert "sql_time_limit_ms" in argv[argv.index("--extra-options") + 1]
        installs = {argv[i + 1] for i, part in enumerate(argv) if part == "--install"}
        assert installs == {"datasette-atom", "datasette-dashboards", "icalendar"}
        assert publish_command(pub, "package", ["-t", "seminars"])[3:5] == ["package", str(pub.database)]
        with pytest.raises(ValueError):
            publish_command(pub, "heroku")
    assert not pub.folder.exists()


def test_dockerfile_build_context_installs_from_bundled_wheels(archive_db, tmp_path):
    with publication(archive_db) as pub:
        out = write_build_context(pub, tmp_path / "image", with_wheels=False)
    dockerfile = (out / "Dockerfile").read_text()
    assert "--no-index --find-links /app/wheels" in dockerfile
    assert "datasette inspect seminars.db" in dockerfile and "-i seminars.db" in dockerfile
    assert "--plugins-dir plugins/ " in dockerfile and "--setting sql_time_limit_ms 1000" in dockerfile
    assert {p.name for p in (out / "plugins").iterdir()} >= {"talk_calendar.py", "talk_pages.py"}
    assert (out / "templates" / "row.html").is_file() and (out / "metadata.json").is_file()
    assert b"pwd=" not in (out / "seminars.db").read_bytes()


def test_cli_exports_ics_and_dry_runs_publish(archive_db, tmp_path):
    from seminar_archive.cli import main

    runner = CliRunner()
    out = tmp_path / "talks.ics"
    result = runner.invoke(main, ["export", "--db", str(archive_db), "--format", "ics", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 5
    assert b"\r\n" in out.read_bytes()
    result = runner.invoke(main, ["publish", "fly", "--db", str(archive_db), "--dry-run", "--", "--app", "seminars"])
    assert result.exit_code == 0, result.output
    assert "datasette publish fly" in result.output and result.output.strip().endswith("--app seminars")
