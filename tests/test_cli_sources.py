"""Adding a series is one [[sources]] entry: crawl --config, and the sources listing."""
from __future__ import annotations

import importlib

from click.testing import CliRunner

from seminar_archive.cli import main
from seminar_archive.demo.server import serve_directory


def test_crawl_config_then_sources_lists_the_last_crawl(tmp_path):
    importlib.import_module("tests.sites.labelled_site").write_site(tmp_path / "site")
    config, db = tmp_path / "sources.toml", str(tmp_path / "a.db")
    runner = CliRunner()
    with serve_directory(tmp_path / "site") as base:
        config.write_text(f'[[sources]]\nname = "Harbour Lights Seminar"\nurl = "{base}seminar-series/"\n')
        crawled = runner.invoke(main, ["crawl", "--config", str(config), "--db", db, "-q"])
    assert crawled.exit_code == 0, crawled.output
    listed = runner.invoke(main, ["sources", "--config", str(config), "--db", db])
    assert listed.exit_code == 0
    assert "harbour-lights-seminar" in listed.output and "ok, 16 talks archived" in listed.output


def test_a_malformed_config_is_refused_with_file_line_and_key(tmp_path):
    config = tmp_path / "sources.toml"
    config.write_text('[[sources]]\nname = "X"\nurl = "https://example.org/talks/"\ntimezone = "Mars/Base"\n')
    result = CliRunner().invoke(main, ["crawl", "--config", str(config), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert "sources.toml:4" in result.output and "timezone" in result.output
    assert not (tmp_path / "a.db").exists()
