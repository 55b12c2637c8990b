"""The command line, driven through its runner: help everywhere, JSON where it lists, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES
from fontes.cli import cli
from fontes.export.timeline import label

COMMANDS = ["ingest", "docs", "show", "entities", "export", "resolve", "timeline", "notes", "archives", "sources-of",
            "claims", "conflicts", "agreements", "revisions", "align", "ask", "review"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run_cli, command):
    result = run_cli(command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_ingest_docs_entities_show_export(run_cli, tmp_path):
    result = run_cli("ingest", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    docs = json.loads(run_cli("docs", "--json").output)
    assert len(docs["documents"]) == 5 and docs["failures"] == []
    people = json.loads(run_cli("entities", "--type", "PERSON", "--json").output)
    names = {p["name"] for p in people}
    assert {"Kim Il Sung", "Pyotr Belov", "Oleg Markov"} <= names
    paper = next(d for d in docs["documents"] if d["path"].endswith("sokolova-working-paper.txt"))
    shown = run_cli("show", paper["id"], "--spans").output
    assert "[Kim Il Sung|e" in shown
    out = tmp_path / "out.json"
    assert run_cli("export", "--format", "json", "-o", str(out)).exit_code == 0
    assert len(json.loads(out.read_text())["documents"]) == 5
    assert run_cli("export", "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    assert (tmp_path / "csv" / "entities.csv").read_text().startswith("id,name,type,aliases,mentions")


def test_user_errors_are_one_line_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "fontes", "--db", str(tmp_path / "e.db"), "show", "d99"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"error: no document 'd99' in {tmp_path / 'e.db'} (see `fontes docs`)"]
    assert "Traceback" not in result.stderr


def test_a_missing_path_fails_the_run_but_not_the_other_files(tmp_path):
    result = subprocess.run([sys.executable, "-m", "fontes", "--db", str(tmp_path / "m.db"), "ingest",
                             str(tmp_path / "nowhere"), str(EXAMPLES / "cable-1951-04.txt")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"error: {tmp_path / 'nowhere'}: no such file or directory" in result.stderr
    assert "1 added" in result.stderr and "Traceback" not in result.stderr


def test_debug_shows_the_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "fontes", "--debug", "--db", str(tmp_path / "e.db"), "show", "x"],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_a_bad_publication_date_is_refused(run_cli):
    result = run_cli("ingest", "--published", "March 1967", str(EXAMPLES / "cable-1951-04.txt"))
    assert result.exit_code == 1
    assert "must be YYYY, YYYY-MM or YYYY-MM-DD" in result.output


def test_corrections_file_merges_splits_and_renames_without_reading_again(tmp_path, run_cli):
    db = tmp_path / "c.db"
    assert run_cli("ingest", str(EXAMPLES), db=db).exit_code == 0
    corrections = tmp_path / "c.entities.toml"
    corrections.write_text(
        '[[entity]]\nname = "64th Fighter Aviation Corps"\ntype = "ORG"\naliases = ["Fighter Aviation Corps", "IAK"]\n\n'
        '[rename]\n"Oleg Markov" = "Oleg N. Markov"\n')
    result = run_cli("resolve", db=db)
    assert result.exit_code == 0
    entities = {e["name"]: e for e in json.loads(run_cli("entities", "--limit", "0", "--json", db=db).output)}
    assert "Oleg N. Markov" in entities and "Oleg Markov" not in entities
    corps = entities["64th Fighter Aviation Corps"]
    assert corps["type"] == "ORG" and "IAK" in corps["aliases"]
    corrections.write_text('[[split]]\nnames = ["Markov"]\n')
    run_cli("resolve", db=db)
    entities = {e["name"]: e for e in json.loads(run_cli("entities", "--limit", "0", "--json", db=db).output)}
    assert "Markov" in entities and "Markov" not in entities["Oleg Markov"]["aliases"]


def test_timeline_orders_filters_and_exports(run_cli, tmp_path):
    db = tmp_path / "t.db"
    assert run_cli("ingest", str(EXAMPLES), db=db).exit_code == 0
    events = json.loads(run_cli("timeline", "--format", "json", db=db).output)
    keys = [e["earliest"] or e["latest"] for e in events]
    assert keys == sorted(keys) and len(events) > 10
    kim = json.loads(run_cli("timeline", "--entity", "Kim Il Sung", "--format", "json", db=db).output)
    assert kim and all("Kim" in e["sentence"] for e in kim)
    window = json.loads(run_cli("timeline", "--from", "1951", "--to", "1951-12", "--format", "json", db=db).output)
    assert window and all((e["earliest"] or "0000") <= "1951-12-31" and (e["latest"] or "9999") >= "1951-01-01" for e in window)
    news = json.loads(run_cli("timeline", "--doc", "veterans-remember.html", "--format", "json", db=db).output)
    assert "winter 1951" in [label(e) for e in news]  # a season reads as a season, not a fake day
    assert "Belov" in run_cli("timeline", "--doc", "veterans-remember.html", db=db).output
    out = tmp_path / "timeline.json"
    assert run_cli("timeline", "--format", "timelinejs", "-o", str(out), db=db).exit_code == 0
    slides = json.loads(out.read_text())["events"]
    assert slides and all("year" in s["start_date"] and s["text"]["headline"] for s in slides)
    csv_text = run_cli("timeline", "--format", "csv", db=db).output
    assert csv_text.startswith("label,earliest,latest,precision")
