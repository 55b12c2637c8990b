#!/usr/bin/env python3
"""Judgment quality on real text: how well fontes finds agreement and disagreement between documents.

  python bench/quality.py pairs [--store DB | --export JSON | --save-export JSON]
                                [--json] [--show-errors] [--reference]
  python bench/quality.py frus [--volume DIR] [--save-export JSON] [--show-errors] [--tei]   (quality_frus.py)
  python bench/quality.py entities [--json] [--show-errors]   (see bench/quality_entities.py)
  python bench/quality.py times-frus [--split dev|test] [--show-errors]   (quality_times_frus.py)

`pairs` scores fontes on hand-labelled claim pairs (bench/labels/claim_pairs.json, see
bench/labels/README.md). It prepares the TimeBank texts from ../shared/corpora/timebank (tags
stripped, as ../shared/eval/timeml.py does), adds the other files the labels name (FRUS
documents, the two reference sources), ingests all of them into a fresh store, exports JSON and, for each pair, looks up the relation fontes gives
between the claims that overlap the two labelled spans. `--reference` also scores the two
reference sources with ../shared/eval/score.py and dev-gold.json.

Run from anywhere; the fontes under test is the one in this checkout's src/.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import quality_frus
import quality_groups
import quality_times_frus

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "bench" / "labels" / "claim_pairs.json"
RELATIONS = ("conflict", "corroboration", "revision")
# The export contract lets a scorer accept `revision` where a figure changed between reports and
# `conflict` where it did; the conflict row therefore counts both as one class.
CONFLICT_CLASS = {"conflict", "revision"}


class BenchError(Exception):
    """A problem the person running the benchmark can fix (missing corpus, bad labels)."""


def fontes(*args: str) -> None:
    """Run the fontes CLI of this checkout; raise BenchError with its last line on failure."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "fontes", "-q", *args], check=False, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()
        raise BenchError(f"fontes {args[2] if len(args) > 2 else ''} failed: {tail[-1] if tail else '?'}")


def read_json(path: str | pathlib.Path, what: str):
    """Parse a JSON file, or raise BenchError naming what it was meant to be."""
    try:
        return json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise BenchError(f"cannot read the {what} {path}: {err}") from err


def load_module(path: pathlib.Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare_corpus(labels: list[dict], out: pathlib.Path) -> dict[str, pathlib.Path]:
    """Write every TimeBank text plus the other files the labels name into `out`.

    Label file names are relative to ../shared. `corpora/timebank/NAME.txt` means the text that
    timeml.py prepares from NAME.tml (tags stripped; the labels' offsets point into it); other
    names are copied as they are, with any .meta.json beside them. Returns label name -> path.
    TimeBank publication dates are cut to the day: 23 DCTs carry a clock time that fontes
    refuses as a date, which would drop those documents from the store.
    """
    timeml = load_module(SHARED / "eval" / "timeml.py", "timeml")
    with open(os.devnull, "w") as quiet:
        stdout, sys.stdout = sys.stdout, quiet
        try:
            timeml.prepare(SHARED / "corpora" / "timebank", out)
        finally:
            sys.stdout = stdout
    (out / "gold.json").unlink()
    for meta in out.glob("*.meta.json"):
        data = json.loads(meta.read_text())
        data["published"] = data["published"].split("T")[0]
        meta.write_text(json.dumps(data))
    where = {}
    for pair in labels:
        for side in ("a", "b"):
            name = pair[side]["file"]
            if name in where:
                continue
            if name.startswith("corpora/timebank/"):
                where[name] = out / pathlib.Path(name).name
                if not where[name].exists():
                    raise BenchError(f"label {pair['id']} names {name}, but there is no such TimeBank text")
                continue
            src = SHARED / name
            if not src.exists():
                raise BenchError(f"label {pair['id']} names {name}, not found under {SHARED}")
            dst = out / src.name
            if dst.exists():
                raise BenchError(f"two labelled files are both called {src.name}")
            shutil.copyfile(src, dst)
            for meta in src.parent.glob(src.name + ".meta.json"):
                shutil.copyfile(meta, out / meta.name)
            where[name] = dst
    return where


def check_spans(labels: list[dict], texts: dict[str, str]) -> None:
    """Every labelled span must be a non-empty stretch of its prepared text."""
    for pair in labels:
        for side in ("a", "b"):
            s = pair[side]
            text = texts[s["file"]]
            if not (0 <= s["start"] < s["end"] <= len(text)) or not text[s["start"]:s["end"]].strip():
                raise BenchError(f"label {pair['id']}{side}: span {s['start']}-{s['end']} is empty or outside "
                                 f"{s['file']} ({len(text)} characters); were the texts prepared differently?")
        if pair["a"]["file"] == pair["b"]["file"]:
            raise BenchError(f"label {pair['id']}: both spans are in {pair['a']['file']}")


def overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def predictions(labels: list[dict], export: dict) -> tuple[dict[str, str], int]:
    """Pair id -> relation fontes gives ('none' when no accepted group joins the two spans),
    and the number of labelled spans no fontes claim overlaps."""
    doc_name = {d["id"]: pathlib.Path(d["path"]).name for d in export["documents"]}
    claims_in: dict[str, list[dict]] = {}
    for c in export["claims"]:
        claims_in.setdefault(doc_name.get(c["doc"], "?"), []).append(c)
    groups: dict[str, list[tuple[str, set]]] = {}
    for a in export["alignments"]:
        if a.get("status") == "rejected":
            continue
        for cid in a["claims"]:
            groups.setdefault(cid, []).append((a["relation"], set(a["claims"])))
    predicted, uncovered = {}, 0
    for pair in labels:
        sides = []
        for side in ("a", "b"):
            span = pair[side]
            hit = {c["id"] for c in claims_in.get(pathlib.Path(span["file"]).name, []) if overlaps(c, span)}
            uncovered += not hit
            sides.append(hit)
        found = {rel for cid in sides[0] for rel, members in groups.get(cid, []) if members & sides[1]}
        predicted[pair["id"]] = pick(pair["relation"], found)
    return predicted, uncovered


def pick(gold: str, found: set[str]) -> str:
    """One relation for a pair that several groups join: the gold one if fontes gave it (or its
    accepted stand-in), else the first of conflict, revision, corroboration."""
    if gold in found:
        return gold
    if gold in CONFLICT_CLASS and found & CONFLICT_CLASS:
        return min(found & CONFLICT_CLASS)
    return next((r for r in ("conflict", "revision", "corroboration") if r in found), "none")


def judged_right(pair: dict, got: str) -> bool:
    """Whether fontes's relation for the pair is the gold one or its accepted stand-in."""
    return got == pair["relation"] or (pair["relation"] in CONFLICT_CLASS and got in CONFLICT_CLASS)


def in_class(relation: str, row: str) -> bool:
    return relation in CONFLICT_CLASS if row == "conflict" else relation == row


def score(labels: list[dict], predicted: dict[str, str]) -> dict:
    """Per-relation TP/FP/FN, precision and recall, and the gold x predicted confusion table."""
    rows = {}
    for row in RELATIONS:
        tp = fp = fn = 0
        for pair in labels:
            gold, got = in_class(pair["relation"], row), in_class(predicted[pair["id"]], row)
            tp += gold and got
            fp += got and not gold
            fn += gold and not got
        rows[row] = {"tp": tp, "fp": fp, "fn": fn,
                     "precision": round(tp / (tp + fp), 3) if tp + fp else None,
                     "recall": round(tp / (tp + fn), 3) if tp + fn else None}
    confusion = Counter((p["relation"], predicted[p["id"]]) for p in labels)
    kinds: dict[str, list[int]] = {}
    for pair in sorted(labels, key=lambda p: (p["relation"], p["kind"])):
        tally = kinds.setdefault(f"{pair['relation']}/{pair['kind']}", [0, 0])
        tally[0] += judged_right(pair, predicted[pair["id"]])
        tally[1] += 1
    return {"relations": rows, "kinds": kinds,
            "confusion": {g: {p: confusion[(g, p)] for p in (*RELATIONS, "none")} for g in (*RELATIONS, "none")}}


def corpus_totals(export: dict) -> dict:
    """What fontes proposes over the whole store, labelled or not."""
    live = [a for a in export["alignments"] if a.get("status") != "rejected"]
    return {"documents": len(export["documents"]), "claims": len(export["claims"]),
            **{r: sum(a["relation"] == r for a in live) for r in RELATIONS}}


def ingest_and_export(folder: pathlib.Path, work: pathlib.Path) -> dict:
    db, out = work / "bench.db", work / "export.json"
    fontes("--db", str(db), "ingest", str(folder))
    fontes("--db", str(db), "export", "--format", "json", "-o", str(out))
    return read_json(out, "export")


def print_report(report: dict) -> None:
    print(f"{report['pairs']} labelled pairs " + ", ".join(f"{k} {v}" for k, v in report["gold"].items()))
    print(f"{'relation':14} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
    fmt = lambda x: "n/a" if x is None else f"{x:.2f}"
    for rel, r in report["relations"].items():
        label = "conflict(+rev)" if rel == "conflict" else rel
        print(f"{label:14} {r['tp']:4} {r['fp']:4} {r['fn']:4} {fmt(r['precision']):>10} {fmt(r['recall']):>7}")
    cols = (*RELATIONS, "none")
    print("\ngold \\ fontes  " + " ".join(f"{c:>13}" for c in cols))
    for gold, row in report["confusion"].items():
        print(f"{gold:14} " + " ".join(f"{row[c]:13}" for c in cols))
    print("\nright by kind: " + ", ".join(f"{k} {r}/{n}" for k, (r, n) in report["kinds"].items()))
    print(f"labelled spans with no fontes claim: {report['uncovered_spans']} of {2 * report['pairs']}")
    t = report["corpus"]
    print(f"whole store: {t['documents']} documents, {t['claims']} claims; proposed "
          f"{t['conflict']} conflicts, {t['corroboration']} corroborations, {t['revision']} revisions")


def show_errors(labels: list[dict], predicted: dict[str, str], texts: dict[str, str]) -> None:
    """Print each misjudged pair with both passages (to the terminal only, never into the repo)."""
    for pair in labels:
        got = predicted[pair["id"]]
        if judged_right(pair, got):
            continue
        print(f"\n{pair['id']}  gold {pair['relation']} ({pair['kind']}), fontes {got}: {pair['why']}")
        for side in ("a", "b"):
            s = pair[side]
            print(f"  {side} {s['file']}: " + " ".join(texts[s["file"]][s["start"]:s["end"]].split()))


def reference(work: pathlib.Path, as_json: bool) -> None:
    """Score the two reference sources against ../shared/eval/dev-gold.json with score.py."""
    sources = SHARED / "sources"
    ingest_and_export(sources, work)
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "eval" / "dev-gold.json"),
           str(work / "export.json"), str(sources)] + (["--json"] if as_json else [])
    print(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout, end="")


def run_pairs(args: argparse.Namespace) -> int:
    labels = read_json(args.labels, "labels file")
    with tempfile.TemporaryDirectory(prefix="fontes-quality-") as tmp:
        work = pathlib.Path(tmp)
        corpus = work / "corpus"
        where = prepare_corpus(labels, corpus)
        texts = {name: path.read_text(encoding="utf-8") for name, path in where.items()}
        check_spans(labels, texts)
        if args.export:
            export = read_json(args.export, "export")
        elif args.store:
            if not pathlib.Path(args.store).is_file():
                raise BenchError(f"no store at {args.store}")
            fontes("--db", args.store, "export", "--format", "json", "-o", str(work / "export.json"))
            export = read_json(work / "export.json", "export")
        else:
            export = ingest_and_export(corpus, work)
            if args.save_export:
                shutil.copyfile(work / "export.json", args.save_export)
        held = {pathlib.Path(d["path"]).name for d in export["documents"]}
        if not held & {path.name for path in where.values()}:
            raise BenchError("the store holds none of the labelled files; make it from the prepared corpus "
                             "or let quality.py ingest afresh")
        predicted, uncovered = predictions(labels, export)
        report = {"pairs": len(labels), "gold": dict(Counter(p["relation"] for p in labels)),
                  **score(labels, predicted), "uncovered_spans": uncovered, "corpus": corpus_totals(export)}
        if args.json:
            report["predicted"] = predicted
            print(json.dumps(report))
        else:
            print_report(report)
        if args.show_errors:
            show_errors(labels, predicted, texts)
        if args.reference:
            ref = work / "reference"
            ref.mkdir()
            if not args.json:
                print("\nreference sources (../shared/eval/score.py, dev-gold.json):")
            reference(ref, args.json)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pairs = sub.add_parser("pairs", help="precision and recall of conflicts, corroborations and revisions "
                                         "on the labelled claim pairs")
    pairs.add_argument("--labels", default=str(LABELS), help="labels file (default: %(default)s)")
    source = pairs.add_mutually_exclusive_group()
    source.add_argument("--store", help="score this existing store instead of ingesting afresh "
                                        "(it must hold the prepared corpus)")
    source.add_argument("--export", help="score this JSON export of the prepared corpus")
    pairs.add_argument("--save-export", metavar="JSON", help="keep the fresh export here (to rerun with --export)")
    pairs.add_argument("--json", action="store_true", help="machine-readable output")
    pairs.add_argument("--show-errors", action="store_true", help="print misjudged pairs with both passages")
    pairs.add_argument("--reference", action="store_true", help="also score the reference sources")
    quality_frus.add_parser(sub)
    quality_times_frus.add_parser(sub)
    quality_groups.add_parser(sub)
    entities = sub.add_parser("entities", help="B-cubed of people (FRUS) and of organisations, places, vessels "
                                               "and units (bench/labels/entities.json); entities_resolved")
    entities.add_argument("--json", action="store_true", help="machine-readable output")
    entities.add_argument("--show-errors", action="store_true", help="print split and joined clusters")
    args = parser.parse_args(argv)
    if args.command == "frus":
        return quality_frus.run(args.volume, args.save_export, args.show_errors, args.tei)
    if args.command == "times-frus":
        return quality_times_frus.run(args.labels, args.split, args.save_export, args.show_errors)
    if not (SHARED / "corpora" / "timebank").is_dir():
        print(f"quality.py: needs the shared corpora at {SHARED / 'corpora'}, which is missing", file=sys.stderr)
        return 2
    try:
        if args.command == "groups":
            return quality_groups.run(args.store, args.show, args.corpus)
        if args.command == "entities":
            import quality_entities
            return quality_entities.run(args.json, args.show_errors)
        return run_pairs(args)
    except BenchError as err:
        print(f"quality.py: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
