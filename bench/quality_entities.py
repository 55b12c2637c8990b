"""Entity resolution on real text by others: people in FRUS, organisations, places, vessels and
units in TimeBank news and FRUS, and the shared scorer's `entities_resolved` on the reference sources.

  python bench/quality.py entities [--json] [--show-errors]

People: B-cubed precision, recall and F1 of fontes' entities over the person mentions the FRUS
editors tagged (../shared/corpora/frus/VOLUME/gold.json), computed by ../shared/eval/frus.py from
an export of the volume's text files.
Organisations, places, vessels and units: the same B-cubed over the hand-labelled mentions of
bench/labels/entities.json (file name, character offsets and a cluster id per mention; see
bench/labels/README.md), from the same store: the FRUS volume and the labelled TimeBank texts. A labelled mention counts
for the entity of the fontes mention that overlaps it most; one no fontes mention overlaps is an
entity of its own.
Reference sources: ../shared/eval/score.py with dev-gold.json, its `entities_resolved` line.
"""
from __future__ import annotations

import contextlib
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

from quality import SHARED, BenchError, fontes, load_module, read_json

ROOT = pathlib.Path(__file__).resolve().parent.parent
LABELS = ROOT / "bench" / "labels" / "entities.json"
FRUS = SHARED / "corpora" / "frus" / "frus1969-76v19p1"


def ingest(files: list[pathlib.Path], work: pathlib.Path, name: str) -> dict:
    """Copy the files into a fresh folder, ingest it into a fresh store and return the export."""
    folder = work / name
    folder.mkdir()
    for path in files:
        shutil.copyfile(path, folder / path.name)
        meta = path.with_name(path.name + ".meta.json")
        if meta.exists():
            shutil.copyfile(meta, folder / meta.name)
    db, out = work / f"{name}.db", work / f"{name}.json"
    fontes("--db", str(db), "ingest", str(folder))
    fontes("--db", str(db), "export", "--format", "json", "-o", str(out))
    return read_json(out, "export")


def bcubed(items: list[tuple[str, str]]) -> dict:
    """B-cubed precision, recall and F1 of (gold cluster, system cluster) pairs, one per mention."""
    by_gold, by_system = defaultdict(set), defaultdict(set)
    for i, (gold, system) in enumerate(items):
        by_gold[gold].add(i)
        by_system[system].add(i)
    p = r = 0.0
    for i, (gold, system) in enumerate(items):
        both = len(by_gold[gold] & by_system[system])
        p += both / len(by_system[system])
        r += both / len(by_gold[gold])
    n = max(len(items), 1)
    p, r = p / n, r / n
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "mentions": len(items), "entities": len(by_gold)}


def system_entities(export: dict) -> dict[str, list[tuple[int, int, str, str]]]:
    """File name → (start, end, entity id, entity name) of every mention in the export."""
    name_of = {d["id"]: pathlib.Path(d["path"]).name for d in export["documents"]}
    spans = defaultdict(list)
    for entity in export["entities"]:
        for m in entity["mentions"]:
            spans[name_of[m["doc"]]].append((m["start"], m["end"], entity["id"], entity["name"]))
    return spans


def match(labels: list[dict], export: dict) -> list[tuple[dict, str, str]]:
    """Each labelled mention with the entity id and name fontes gives it (the most overlapping mention's)."""
    spans = system_entities(export)
    out = []
    for k, label in enumerate(labels):
        name = pathlib.Path(label["file"]).name
        overlaps = [(min(e, label["end"]) - max(s, label["start"]), eid, ename)
                    for s, e, eid, ename in spans[name] if s < label["end"] and label["start"] < e]
        best = max(overlaps, default=None)
        out.append((label, best[1] if best else f"none-{k}", best[2] if best else "(no mention)"))
    return out


def prepare_timebank(work: pathlib.Path) -> pathlib.Path:
    """The TimeBank texts as ../shared/eval/timeml.py prepares them (tags stripped, creation time as a
    sidecar cut to the day, as quality.py pairs does)."""
    timeml = load_module(SHARED / "eval" / "timeml.py", "timeml")
    out = work / "timebank-text"
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        timeml.prepare(SHARED / "corpora" / "timebank", out)
    for meta in out.glob("*.meta.json"):
        data = json.loads(meta.read_text())
        data["published"] = data["published"].split("T")[0]
        meta.write_text(json.dumps(data))
    return out


def label_paths(labels: list[dict], timebank: pathlib.Path) -> dict[str, pathlib.Path]:
    """Each labelled file name → the text it points into; spans are checked against it."""
    paths = {}
    for label in labels:
        name = label["file"]
        if name not in paths:
            path = timebank / pathlib.Path(name).name if name.startswith("corpora/timebank/") else SHARED / name
            if not path.exists():
                raise BenchError(f"labelled file {name} not found ({path})")
            paths[name] = path
        text = paths[name].read_text(encoding="utf-8")
        if not (0 <= label["start"] < label["end"] <= len(text)) or not text[label["start"]:label["end"]].strip():
            raise BenchError(f"label {name} {label['start']}-{label['end']} is empty or outside the text")
    return paths


def persons(export_path: pathlib.Path) -> str:
    """The shared FRUS scorer's persons line for an export of the volume."""
    done = subprocess.run([sys.executable, str(SHARED / "eval" / "frus.py"), str(FRUS), str(export_path)],
                          capture_output=True, text=True, check=True)
    return next(line for line in done.stdout.splitlines() if line.startswith("persons"))


def reference(work: pathlib.Path) -> str:
    """The shared scorer's entities_resolved line on the two reference sources."""
    export = ingest(sorted(p for p in (SHARED / "sources").iterdir() if p.is_file()), work, "reference")
    path = work / "reference.json"
    path.write_text(json.dumps(export))
    done = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "dev-gold.json"),
                           str(path), str(SHARED / "sources")], capture_output=True, text=True, check=True)
    return next((line.strip() for line in done.stdout.splitlines() if "entities_resolved" in line), "?")


def run(as_json: bool = False, show_errors: bool = False, labels_path: pathlib.Path = LABELS) -> int:
    """Measure and print all three figures."""
    labels = read_json(labels_path, "labels file")
    with tempfile.TemporaryDirectory(prefix="fontes-entities-") as tmp:
        work = pathlib.Path(tmp)
        paths = label_paths(labels, prepare_timebank(work))
        # one store, so that coreference across the two collections counts as it does for a user
        labelled = [p for _, p in sorted(paths.items()) if not p.is_relative_to(FRUS)]
        export = ingest(sorted(FRUS.glob("*.txt")) + labelled, work, "corpus")
        (work / "frus-export.json").write_text(json.dumps(export))
        matched = match(labels, export)
        report = {"persons": persons(work / "frus-export.json"),
                  "named": bcubed([(label["cluster"], eid) for label, eid, _ in matched]),
                  "documents": len(paths), "reference": reference(work)}
    if as_json:
        print(json.dumps(report))
    else:
        named = report["named"]
        print(f"FRUS {report['persons']}")
        print(f"organisations/places/vessels/units B-cubed: P {named['precision']:.3f} R {named['recall']:.3f} "
              f"F1 {named['f1']:.3f}  ({named['mentions']} mentions of {named['entities']} entities "
              f"in {report['documents']} documents)")
        print(f"reference sources: {report['reference']}")
    if show_errors:
        show(matched)
    return 0


def show(matched: list[tuple[dict, str, str]]) -> None:
    """Gold clusters fontes splits, and fontes entities that join gold clusters (terminal only)."""
    by_gold, by_system = defaultdict(set), defaultdict(set)
    for label, eid, ename in matched:
        by_gold[label["cluster"]].add(f"{eid}:{ename}")
        by_system[f"{eid}:{ename}"].add(label["cluster"])
    for gold, found in sorted(by_gold.items()):
        if len(found) > 1:
            print(f"split  {gold}: {sorted(found)}")
    for system, golds in sorted(by_system.items()):
        if len(golds) > 1:
            print(f"joined {system}: {sorted(golds)}")
