"""The document's own date: from its dateline, a memorandum's date line, a sidecar or --published
(a time of day is dropped), and used as the anchor of the document's relative times."""
from __future__ import annotations

import json

import pytest

from fontes.errors import FontesError
from fontes.ingest.metadata import check_published, find_dateline, find_document_date


@pytest.mark.parametrize("heading, day", [
    ("12. Telegram From the Embassy in Paris\n\nParis, March 3, 1971, 1410Z.\n\nThe minister called.", "1971-03-03"),
    ("4. Memorandum for the Record\n\nWashington, June 9, 1970, 4:15–5:02 p.m.\n\nSUBJECT\n\nTalks", "1970-06-09"),
    ("NIE 11–70 Washington, October 1, 1970.\n\nThe Outlook", "1970-10-01"),
    ("Lisbon, 14 February 1962.\n\nDear Sir,", "1962-02-14"),
    ("Washington, May 4–June 2, 1971.\n\nA study of the talks.", "1971-05-04"),
    ("MADRID, Nov. 20, 1975 —\nThe general died at dawn.", "1975-11-20"),
    ("MEMORANDUM\nDATE: April 2, 1966\nSUBJECT: Rice shipments", "1966-04-02"),
])
def test_the_dateline_gives_the_documents_date(heading, day):
    assert find_dateline(heading) == day


@pytest.mark.parametrize("text", [
    "In Washington, January 23, 1968, the President met the envoy and spoke at length about the ship.",
    "Washington, undated.\n\nA draft study.",
    "BERLIN (AP) — Crowds gathered at the wall.",
])
def test_prose_and_undated_headings_give_no_dateline(text):
    assert find_document_date(text) is None


def test_a_publication_date_with_a_time_of_day_is_accepted_as_its_day():
    assert check_published("1990-08-15T13:37") == "1990-08-15"
    assert check_published("1998-02-06T22:19:00Z") == "1998-02-06"
    with pytest.raises(FontesError):
        check_published("15/08/1990")


def test_the_dateline_anchors_the_documents_relative_times(run_cli, tmp_path):
    folder = tmp_path / "cables"
    folder.mkdir()
    (folder / "cable.txt").write_text("Seoul, April 18, 1969, 0300Z.\n\nThe ambassador called yesterday and will "
                                      "return tomorrow at 1100 hours.\n", encoding="utf-8")
    (folder / "story.txt").write_text("The port reopened on Friday after the strike.\n", encoding="utf-8")
    (folder / "story.txt.meta.json").write_text(json.dumps({"published": "1990-08-15T13:37", "kind": "news"}))
    assert run_cli("ingest", str(folder)).exit_code == 0
    out = tmp_path / "out.json"
    assert run_cli("export", "--format", "json", "-o", str(out)).exit_code == 0
    export = json.loads(out.read_text())
    published = {d["path"].split("/")[-1]: d["published"] for d in export["documents"]}
    assert published == {"cable.txt": "1969-04-18", "story.txt": "1990-08-15"}
    days = {t["text"]: t["earliest"] for t in export["times"]}
    assert days["yesterday"] == "1969-04-17"
    assert days["tomorrow at 1100 hours"] == "1969-04-19"
    assert days["Friday"] == "1990-08-10"
