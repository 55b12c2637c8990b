"""Time expressions inside archival documents: fontes on the hand-labelled FRUS set.

Reads bench/labels/times_frus.json (file names under ../shared plus character offsets; see
bench/labels/README.md), copies the labelled text documents into a scratch folder, ingests them
into a fresh store (fontes finds each document's date itself, as it would for a user), exports
JSON and prints, separately for the `dev` and `test` documents:

- span precision, recall and F1, relaxed: a label is found when any time fontes gives overlaps it;
  a time fontes gives counts against precision when it overlaps no label. Labels marked `skip`
  (vague spans such as durations and book titles, see the README) count neither way: a time over
  one of them alone is not scored.
- value accuracy: of the labels with a calendar value, those where a time overlapping them has the
  same earliest and latest day.

  python bench/quality.py times-frus [--labels JSON] [--split dev|test|all] [--save-export JSON]
                                     [--show-errors]
"""
from __future__ import annotations

import json
import pathlib
import shutil
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "bench" / "labels" / "times_frus.json"
SPLITS = ("dev", "test")


def add_parser(sub) -> None:
    """Register the `times-frus` subcommand on quality.py's subparsers."""
    cmd = sub.add_parser("times-frus", help="span P/R/F1 and value accuracy of time expressions on the "
                                            "labelled FRUS documents (bench/labels/times_frus.json)")
    cmd.add_argument("--labels", type=pathlib.Path, default=LABELS, help="labels file (default: %(default)s)")
    cmd.add_argument("--split", choices=(*SPLITS, "all"), default="all", help="which documents to score")
    cmd.add_argument("--save-export", metavar="JSON", help="keep the export here")
    cmd.add_argument("--show-errors", action="store_true", help="print missed and wrong labels and "
                                                                "times over no label, with context")


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def export_documents(documents: list[dict], work: pathlib.Path) -> dict:
    """Ingest the labelled files into a fresh store in `work`; the JSON export as a dict."""
    from fontes import pipeline
    from fontes.export import json_export
    from fontes.store import Store

    corpus = work / "frus-times"
    corpus.mkdir()
    for doc in documents:
        src = SHARED / doc["file"]
        if not src.exists():
            raise FileNotFoundError(f"the labels name {doc['file']}, not found under {SHARED}")
        shutil.copyfile(src, corpus / src.name)
    store = Store(work / "frus-times.db")
    pipeline.ingest(store, [corpus], workers=1)
    return json.loads(json.dumps(json_export.build(store)))


def score_document(doc: dict, predicted: list[dict]) -> dict:
    """Counts and errors for one labelled document against the times fontes gave it."""
    gold = [t for t in doc["times"] if not t.get("skip")]
    skips = [t for t in doc["times"] if t.get("skip")]
    out = {"gold": len(gold), "found": 0, "valued": 0, "right": 0, "predicted": 0, "spurious": 0, "errors": []}
    for label in gold:
        got = [p for p in predicted if _overlaps(label, p)]
        out["found"] += bool(got)
        if label.get("earliest") is None:
            if not got:
                out["errors"].append(("missed", label, []))
            continue
        out["valued"] += 1
        if any((p["earliest"], p["latest"]) == (label["earliest"], label["latest"]) for p in got):
            out["right"] += 1
        else:
            out["errors"].append(("wrong" if got else "missed", label, got))
    for p in predicted:
        if any(_overlaps(label, p) for label in gold):
            out["predicted"] += 1
        elif not any(_overlaps(label, p) for label in skips):
            out["predicted"] += 1
            out["spurious"] += 1
            out["errors"].append(("spurious", p, []))
    return out


def _line(name: str, totals: dict) -> str:
    tp = totals["found"]
    precision = (totals["predicted"] - totals["spurious"]) / totals["predicted"] if totals["predicted"] else 0.0
    recall = tp / totals["gold"] if totals["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = totals["right"] / totals["valued"] if totals["valued"] else 0.0
    return (f"{name:5} {totals['docs']:3} documents, {totals['gold']:4} labels  "
            f"span P {precision:.3f} R {recall:.3f} F1 {f1:.3f}   "
            f"value {totals['right']}/{totals['valued']} = {accuracy:.3f}")


def run(labels_path: pathlib.Path, split: str, save_export: str | None, show_errors: bool) -> int:
    """Ingest, export and print the scores (and with show_errors, every miss)."""
    labels = json.loads(pathlib.Path(labels_path).read_text(encoding="utf-8"))
    documents = [d for d in labels["documents"] if split == "all" or d["split"] == split]
    with tempfile.TemporaryDirectory() as tmp:
        export = export_documents(documents, pathlib.Path(tmp))
    if save_export:
        pathlib.Path(save_export).write_text(json.dumps(export), encoding="utf-8")
    ids = {d["id"]: pathlib.Path(d["path"]).name for d in export["documents"]}
    dates = {pathlib.Path(d["path"]).name: (d.get("published") or "")[:10] for d in export["documents"]}
    by_name: dict[str, list[dict]] = {}
    for t in export["times"]:
        by_name.setdefault(ids[t["doc"]], []).append(t)
    errors = []
    for name in SPLITS:
        docs = [d for d in documents if d["split"] == name]
        if not docs:
            continue
        totals = {"docs": len(docs), "gold": 0, "found": 0, "valued": 0, "right": 0, "predicted": 0, "spurious": 0}
        for doc in docs:
            file = pathlib.Path(doc["file"]).name
            result = score_document(doc, by_name.get(file, []))
            for key in totals:
                if key != "docs":
                    totals[key] += result[key]
            text = (SHARED / doc["file"]).read_text(encoding="utf-8")
            if dates.get(file) != doc["date"]:
                errors.append(f"{file}: document date {dates.get(file) or 'none'}, labelled {doc['date']}")
            for kind, item, got in result["errors"]:
                context = text[max(0, item["start"] - 30):item["end"] + 20].replace("\n", " ")
                want = f" want {item['earliest']}..{item['latest']}" if kind != "spurious" else \
                    f" gave {item['earliest']}..{item['latest']}"
                gave = "".join(f" got {p['earliest']}..{p['latest']} ({p['text']!r})" for p in got)
                errors.append(f"{file} {kind:8} {item['text']!r}{want}{gave}  | {context}")
        print(_line(name, totals))
    if show_errors:
        print("\n".join(errors))
    return 0
