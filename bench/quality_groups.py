"""Precision of what fontes proposes over a whole real corpus: every conflict, corroboration and
revision of one ingest of the 183 TimeBank texts (news wires), or of the 33 documents of FRUS 1969-76
vol. XIX part 1 (an edition of archival documents), against the groups a person judged right or
wrong (bench/labels/timebank_groups.json, frus_groups.json). Groups no one has judged yet are
listed, to be judged and added.

Usage: python bench/quality.py groups [--corpus timebank|frus] [--store STORE] [--show]
"""
from __future__ import annotations

import contextlib
import io
import json
import pathlib
import shutil
import tempfile

from quality_time import SHARED, shared_scorer

from fontes import pipeline
from fontes.export import json_export
from fontes.store import Store
from fontes.store.alignments import CONFIDENT

LABELS = {"timebank": pathlib.Path(__file__).resolve().parent / "labels" / "timebank_groups.json",
          "frus": pathlib.Path(__file__).resolve().parent / "labels" / "frus_groups.json"}
FRUS = SHARED / "corpora" / "frus" / "frus1969-76v19p1"
RELATIONS = ("conflict", "corroboration", "revision")


def add_parser(sub) -> None:
    """Register the `groups` subcommand on quality.py's subparsers."""
    cmd = sub.add_parser("groups", help="precision of every group proposed over the whole TimeBank store "
                                        "(bench/labels/timebank_groups.json)")
    cmd.add_argument("--corpus", choices=sorted(LABELS), default="timebank", help="which corpus (default: %(default)s)")
    cmd.add_argument("--store", type=pathlib.Path, help="a store of that corpus (the prepared TimeBank texts, or "
                                                         "the FRUS volume's .txt files; default: ingest afresh)")
    cmd.add_argument("--show", action="store_true", help="print the groups no one has judged, with their passages")


def group_key(claims: list[list]) -> str:
    """A group's identity: its claims' files and spans, sorted."""
    return json.dumps(sorted([str(f), int(s), int(e)] for f, s, e in claims))


def proposed(export: dict) -> list[dict]:
    """The export's groups, each with its relation, confidence and claims as [file, start, end]."""
    file_of = {d["id"]: pathlib.Path(d["path"]).name for d in export["documents"]}
    claim_of = {c["id"]: c for c in export["claims"]}
    out = []
    for group in export["alignments"]:
        if group["relation"] not in RELATIONS:
            continue
        claims = [claim_of[i] for i in group["claims"]]
        out.append({"relation": group["relation"], "confidence": group["confidence"],
                    "claims": [[file_of[c["doc"]], c["start"], c["end"]] for c in claims],
                    "texts": [c["text"] for c in claims]})
    return out


def run(store_path: pathlib.Path | None, show: bool, corpus_name: str = "timebank") -> int:
    """Ingest (or open) the store of a corpus, export it, and print precision per relation, for the
    confident groups (shown by default) and for the rest."""
    judged = {group_key(g["claims"]): g for g in json.loads(LABELS[corpus_name].read_text())["groups"]}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(store_path or pathlib.Path(tmp) / "fontes.db")
        if store_path is None:
            corpus = pathlib.Path(tmp) / corpus_name
            if corpus_name == "frus":  # the text form only: the TEI form of the same documents would double them
                corpus.mkdir()
                for text in FRUS.glob("*.txt"):
                    shutil.copyfile(text, corpus / text.name)
            else:
                with contextlib.redirect_stdout(io.StringIO()):
                    shared_scorer().prepare(SHARED / "corpora" / "timebank", corpus)
            pipeline.ingest(store, [corpus])
        groups = proposed(json_export.build(store))
    print(f"{'relation':14} {'shown':>16} {'only with --all':>16} {'not judged':>11}")
    unjudged = []
    for relation in RELATIONS:
        cells = {True: [0, 0], False: [0, 0]}
        for g in (g for g in groups if g["relation"] == relation):
            label = judged.get(group_key(g["claims"]))
            if label is None or label["relation"] != relation:
                unjudged.append(g)
                continue
            cell = cells[g["confidence"] >= CONFIDENT]
            cell[0] += label["right"]
            cell[1] += 1
        missing = sum(g["relation"] == relation for g in unjudged)
        shown, rest = (f"{r}/{n} = {r / n:.2f}" if n else "0" for r, n in (cells[True], cells[False]))
        print(f"{relation:14} {shown:>16} {rest:>16} {missing:>11}")
    if show:
        for g in unjudged:
            print(f"\n{g['relation']} {g['confidence']:.2f} {g['claims']}")
            for text in g["texts"]:
                print("   ", text[:300].replace("\n", " "))
    return 0
