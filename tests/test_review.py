"""The reader rules: groups confirmed, rejected or relabelled and entities merged or split hold
through a re-ingest of a changed document, a full re-alignment and a new resolution, show in the
export, and travel to another store as a decisions file."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from fastapi.testclient import TestClient

from fontes import pipeline
from fontes.cli import cli
from fontes.corpus import review
from fontes.errors import FontesError
from fontes.export import json_export
from fontes.store import Store
from fontes.web.app import create_app

CONFLICT = ("Soviet losses were 335 aircraft", "lost more than 200 pilots")         # two different counts
AGREEMENT = ("count around 72,000 personnel", "some seventy-two thousand Soviet")  # one figure, two wordings
DISAGREEMENT = ("admitted the operation only in 1991", "did not acknowledge the operation until 1991")
ADDED = ("This entry belongs to a series on the air war over Korea, written from the sources listed below\n"
         "it and revised when new ones appear.\n\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample corpus and its store, ingested from inside the folder so stored paths are relative."""
    base = tmp_path_factory.mktemp("review")
    shutil.copytree(EXAMPLES, base / "corpus")
    here = Path.cwd()
    os.chdir(base)
    try:
        store = Store(base / "fontes.db")
        pipeline.ingest(store, [Path("corpus")])
        store.close()
    finally:
        os.chdir(here)
    return base


@pytest.fixture
def work(built, tmp_path, monkeypatch) -> Path:
    """A copy of the built store and its corpus to change, worked on from inside."""
    shutil.copytree(built, tmp_path / "work")
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "work"


def fontes(*args: str, db: str = "fontes.db"):
    return CliRunner().invoke(cli, ["--db", db, *args], catch_exceptions=False)


def group_of(store: Store, words: tuple[str, str]) -> dict | None:
    """The group, whatever its status, made of the claims that hold these words."""
    for group in store.alignments(shown="all"):
        texts = [" ".join(c["text"].split()) for c in group["claims"]]
        if len(texts) == 2 and all(any(w in t for t in texts) for w in words):
            return group
    return None


def status_of(words: tuple[str, str], db: str = "fontes.db") -> tuple[str, str] | None:
    store = Store(db)
    try:
        group = group_of(store, words)
        return (group["relation"], group["status"]) if group else None
    finally:
        store.close()


def id_of(words: tuple[str, str]) -> str:
    store = Store("fontes.db")
    try:
        return f"a{group_of(store, words)['id']}"
    finally:
        store.close()


def change_the_encyclopedia_entry(added: str = ADDED) -> None:
    """A paragraph added at the top: every claim of the entry moves, and the file is analysed again."""
    path = Path("corpus/encyclopedia-entry.md")
    title, rest = path.read_text(encoding="utf-8").split("\n\n", 1)
    path.write_text(f"{title}\n\n{added}{rest}", encoding="utf-8")


def test_every_group_starts_as_the_machines_with_a_confidence_from_0_to_1(work):
    store = Store("fontes.db")
    groups = store.alignments(shown="all")
    assert groups and {g["status"] for g in groups} == {"machine"}
    assert all(0 <= g["confidence"] <= 1 for g in groups)


def test_a_rejected_conflict_is_hidden_and_marked_rejected_in_the_export(work):
    group = id_of(CONFLICT)
    result = fontes("review", "reject", group, "--by", "ana", "--note", "pilots killed vs pilots lost")
    assert result.exit_code == 0 and result.stdout == f"{group} conflict: rejected by ana\n"
    assert f"{group} conflict" not in fontes("conflicts").stdout
    assert f"{group} conflict [rejected by ana]" in fontes("conflicts", "--all").stdout
    store = Store("fontes.db")
    exported = next(a for a in json_export.build(store)["alignments"] if a["id"] == group)
    assert exported["status"] == "rejected" and exported["decided_by"] == "ana"
    assert [a["id"] for a in json_export.build(store)["alignments"] if a["status"] == "machine"].count(group) == 0
    assert group_of(store, CONFLICT)["id"] not in {g["id"] for g in store.alignments()}


def test_decisions_hold_when_a_changed_document_is_ingested_again_and_after_a_full_alignment(work):
    fontes("review", "reject", id_of(CONFLICT), "--by", "ana")
    fontes("review", "confirm", id_of(AGREEMENT), "--by", "ana")
    fontes("review", "relabel", id_of(DISAGREEMENT), "conflict", "--by", "ana")
    store = Store("fontes.db")
    before = {c["text"]: c["start"] for c in group_of(store, CONFLICT)["claims"]}
    store.close()
    change_the_encyclopedia_entry()
    assert "1 updated" in fontes("ingest", "corpus").output
    store = Store("fontes.db")
    after = {c["text"]: c["start"] for c in group_of(store, CONFLICT)["claims"]}
    moved = [t for t in before if after[t] != before[t]]
    assert moved == ["Soviet losses were 335 aircraft and 120 pilots."]
    assert after[moved[0]] == before[moved[0]] + len(ADDED)
    store.close()
    expected = {CONFLICT: ("conflict", "rejected"), AGREEMENT: ("corroboration", "confirmed"),
                DISAGREEMENT: ("conflict", "confirmed")}
    assert {words: status_of(words) for words in expected} == expected
    assert fontes("align").exit_code == 0
    assert {words: status_of(words) for words in expected} == expected
    assert f"{id_of(CONFLICT)} conflict" not in fontes("conflicts").stdout


def test_a_confirmed_group_holds_when_a_new_analysis_cuts_its_claim_differently(work):
    fontes("review", "confirm", id_of(AGREEMENT), "--by", "ana")
    # one unwrapped line among hard-wrapped paragraphs: the entry's lines are no longer joined, so the
    # claim "Russian defense ministry figures count around 72,000 personnel who served in the corps
    # over the course of the war, including some 1,100 pilots." comes back cut at its line break
    change_the_encyclopedia_entry("This entry belongs to a series on the air war over Korea.\n\n")
    fontes("ingest", "corpus")
    store = Store("fontes.db")
    group = group_of(store, AGREEMENT)
    assert [" ".join(c["text"].split()) for c in group["claims"]] == [  # in file-name order
        "Russian defense ministry figures count around 72,000 personnel who served in",
        ("Over the whole war, some seventy-two thousand Soviet servicemen rotated through the unit that Moscow "
         "created for the task, the 64th Fighter Aviation Corps, according to figures the Russian defense ministry "
         "released in the 1990s.")]
    assert (group["status"], group["decided_by"]) == ("confirmed", "ana")


def test_a_confirmed_group_the_machine_no_longer_proposes_is_made_again(work):
    fontes("review", "confirm", id_of(AGREEMENT), "--by", "ana")
    store = Store("fontes.db")
    confirmed = group_of(store, AGREEMENT)
    store.save_alignments([g for g in store.alignment_members() if set(g["claims"]) != {c["id"] for c in confirmed["claims"]}])
    assert group_of(store, AGREEMENT) is None
    assert review.apply(store) == 1
    remade = group_of(store, AGREEMENT)
    assert (remade["relation"], remade["status"], remade["decided_by"]) == ("corroboration", "confirmed", "ana")
    assert [c["id"] for c in remade["claims"]] == [c["id"] for c in confirmed["claims"]]
    assert (remade["independent"], remade["explanation"]) == (True, confirmed["explanation"])


def test_decisions_exported_and_imported_give_another_store_of_the_same_files_the_same_statuses(work):
    fontes("review", "reject", id_of(CONFLICT), "--by", "ana")
    fontes("review", "relabel", id_of(DISAGREEMENT), "conflict", "--by", "ana", "--note", "1991 is too late")
    assert fontes("review", "export", "shared.json").exit_code == 0
    shared = json.loads(Path("shared.json").read_text(encoding="utf-8"))
    assert [d["action"] for d in shared["decisions"]] == ["reject", "relabel"]
    # a colleague's copy of the same files, in a folder of another name
    shutil.copytree("corpus", "colleague/sources")
    assert fontes("ingest", "colleague/sources", db="colleague.db").exit_code == 0
    result = fontes("review", "import", "shared.json", db="colleague.db")
    assert result.exit_code == 0 and "imported 2 decisions about groups and 0 about entities" in result.output
    assert status_of(CONFLICT, "colleague.db") == ("conflict", "rejected")
    assert status_of(DISAGREEMENT, "colleague.db") == ("conflict", "confirmed")
    again = fontes("review", "import", "shared.json", db="colleague.db")
    assert "imported 0 decisions about groups and 0 about entities" in again.output
    assert json.loads(fontes("review", "decisions", "--json", db="colleague.db").stdout)[1]["note"] == "1991 is too late"


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not a fontes decisions file (not JSON"),
    (('{"kind": "fontes decisions", "version": 1, "decisions": [{"action": "burn", "decided_by": "x", '
      '"decided_at": "2024"}]}'), "decision 1 has action 'burn', not one of confirm, reject, relabel, merge, split"),
    (('{"kind": "fontes decisions", "version": 1, "decisions": [{"action": "reject", "relation": "conflict", '
      '"claims": [], "decided_by": "x", "decided_at": "2024"}]}'), "decision 1 needs two or more claims"),
    ('[1, 2]', "not a fontes decisions file (expected an object"),
])
def test_a_malformed_decisions_file_is_refused_in_one_line(work, content, reason):
    Path("bad.json").write_text(content, encoding="utf-8")
    result = fontes("review", "import", "bad.json")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("error: bad.json: ")
    assert reason in result.stderr and "Traceback" not in result.output
    assert Store("fontes.db").decisions() == []


def test_merged_and_split_entities_hold_through_resolution_and_a_reingest(work):
    # Lüshun is Port Arthur's Chinese name; Moscow the city is not the Soviet state
    assert fontes("review", "merge", "Port Arthur", "Lüshun", "--by", "ana").stdout == "merged Lüshun into Port Arthur\n"
    assert fontes("review", "split", "Union of Soviet Socialist Republics", "Moscow", "--by", "ana").exit_code == 0

    def names() -> dict[str, list[str]]:
        return {e["name"]: e["aliases"] for e in json.loads(fontes("entities", "--limit", "0", "--json").stdout)}

    def check() -> None:
        found = names()
        assert found["Port Arthur"] == ["Lüshun"] and "Lüshun" not in found
        assert "Moscow" not in found["Union of Soviet Socialist Republics"] and "Moscow" in found

    check()
    assert fontes("resolve").exit_code == 0
    check()
    change_the_encyclopedia_entry()
    assert "1 updated" in fontes("ingest", "corpus").output
    check()
    assert [d["found"] for d in json.loads(fontes("review", "decisions", "--json").stdout)] == [True, True]


def test_a_split_holds_over_an_earlier_merge_and_a_later_merge_undoes_it(work):
    def together() -> bool:
        return "Lüshun" in {e["name"]: e["aliases"] for e in json.loads(fontes("entities", "--json").stdout)
                            }.get("Port Arthur", [])

    fontes("review", "merge", "Port Arthur", "Lüshun")
    fontes("review", "split", "Port Arthur", "Lüshun")
    assert not together()
    fontes("review", "merge", "Port Arthur", "Lüshun")
    assert together()
    assert [d["action"] for d in Store("fontes.db").decisions()] == ["merge"]


def test_a_relabel_needs_a_relation_and_a_group_that_exists(work):
    store = Store("fontes.db")
    with pytest.raises(FontesError, match="relabel needs a relation"):
        review.decide(store, 1, "relabel")
    with pytest.raises(FontesError, match=r"no alignment group a999 \(see `fontes review list`\)"):
        review.decide(store, 999, "confirm")
    assert fontes("review", "confirm", "x5").stderr == "error: 'x5' is not a group id such as a5 (see `fontes review list`)\n"


def test_review_list_shows_status_and_filters(work):
    fontes("review", "reject", id_of(CONFLICT), "--by", "ana")
    rejected = json.loads(fontes("review", "list", "--status", "rejected", "--json").stdout)
    assert [(g["relation"], g["status"]) for g in rejected] == [("conflict", "rejected")]
    machine = json.loads(fontes("review", "list", "--relation", "conflict", "--status", "machine", "--json").stdout)
    assert rejected[0]["id"] not in {g["id"] for g in machine}
    table = fontes("review", "list").stdout
    assert "rejected" in table and "machine" in table


@pytest.mark.parametrize("command", ["list", "confirm", "reject", "relabel", "merge", "split", "decisions", "export",
                                     "import"])
def test_every_review_command_has_help(command):
    result = fontes("review", command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output


def test_the_api_takes_decisions_and_refuses_bad_ones(work):
    client = TestClient(create_app(Path("fontes.db")))
    conflict = int(id_of(CONFLICT)[1:])
    answer = client.post(f"/api/alignments/{conflict}/decision", json={"decision": "reject", "by": "ana", "note": "no"})
    assert answer.status_code == 200
    assert (answer.json()["alignment"]["status"], answer.json()["decision"]["note"]) == ("rejected", "no")
    shown = client.get("/api/alignments", params={"relation": "conflict"}).json()["groups"]
    assert conflict not in {g["id"] for g in shown}
    assert client.post(f"/api/alignments/{conflict}/decision", json={"decision": "relabel"}).json() == {
        "detail": "relabel needs a relation: conflict, corroboration, revision (got None)"}
    assert client.post("/api/alignments/999/decision", json={"decision": "reject"}).status_code == 404
    assert client.post(f"/api/alignments/{conflict}/decision", json={"decision": "maybe"}).status_code == 422
    merged = client.post("/api/entities/merge", json={"entities": ["Port Arthur", "Lüshun"], "by": "ana"})
    assert merged.status_code == 200 and merged.json()["decision"]["names"][:2] == ["Port Arthur", "Lüshun"]
    assert client.post("/api/entities/split", json={"entity": "Port Arthur", "name": "Dalian"}).status_code == 400
    assert [d["action"] for d in client.get("/api/decisions").json()["decisions"]] == ["reject", "merge"]
    shared = client.get("/api/decisions/export").json()
    assert client.post("/api/decisions/import", json=shared).json() == {"imported": {"alignments": 0, "entities": 0}}
    assert client.post("/api/decisions/import", json={"kind": "other"}).status_code == 400
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/alignments/{alignment_id}/decision", "/api/entities/merge", "/api/entities/split", "/api/decisions",
            "/api/decisions/export", "/api/decisions/import"} <= set(paths)
