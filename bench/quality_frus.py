"""Edited archival documents (FRUS): document dates, notes, source-note archives and persons.

Ingests the text form (`dNNN.txt`) of a FRUS volume from ../shared/corpora/frus/ into a fresh
store, exports JSON and scores it with the shared scorer (`../shared/eval/frus.py`): document
dates (the export's `published` equals the dateline date in gold.json), notes linked (right marker
at the right place), source-note archives (the archive the source note names found as a parsed
reference), persons B-cubed P/R/F1 over the editors' tagged person mentions. The TEI form is never
given to fontes here (that is for the TEI reader's own tests).

  python bench/quality.py frus [--volume DIR] [--save-export JSON] [--show-errors] [--tei]

The fontes under test is the one on PYTHONPATH (this checkout's src/ when run as shown in
bench/RESULTS.md).
"""
from __future__ import annotations

import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from difflib import SequenceMatcher

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_VOLUME = SHARED / "corpora" / "frus" / "frus1969-76v19p1"


def export_volume(volume: pathlib.Path, work: pathlib.Path, pattern: str = "*.txt", name: str = "export") -> pathlib.Path:
    """Copy the volume's text files (or, with another pattern, its TEI files) to `work`, ingest
    them into a fresh store and write the JSON export; returns the export's path."""
    from fontes import pipeline
    from fontes.export import json_export
    from fontes.store import Store

    corpus = work / name
    corpus.mkdir()
    for path in sorted(volume.glob(pattern)):
        shutil.copyfile(path, corpus / path.name)
    store = Store(work / f"{name}.db")
    pipeline.ingest(store, [corpus], workers=1)
    out = work / f"{name}.json"
    out.write_text(json.dumps(json_export.build(store)), encoding="utf-8")
    return out


def _by_document(export: dict) -> dict[str, dict]:
    """Per document stem: its text length and its notes, times and claims as comparable tuples."""
    out: dict[str, dict] = {}
    ids = {d["id"]: pathlib.Path(d["path"]).stem for d in export["documents"]}
    for d in export["documents"]:
        out[ids[d["id"]]] = {"chars": d["chars"], "notes": [], "times": [], "claims": []}
    for n in export["notes"]:
        out[ids[n["doc"]]]["notes"].append((n["marker"], n["start"], tuple(a["start"] for a in n["anchors"])))
    for t in export["times"]:
        out[ids[t["doc"]]]["times"].append((t["start"], t["end"], t["earliest"], t["latest"]))
    for c in export["claims"]:
        out[ids[c["doc"]]]["claims"].append((c["start"], c["end"]))
    return out


def compare_tei(volume: pathlib.Path, text_export: pathlib.Path, work: pathlib.Path) -> str:
    """How many documents give the same notes, times and claims from their TEI as from their text
    form. The TEI has no volume title line, so the text form's offsets are shifted by it and what
    that line holds is left out."""
    tei = _by_document(json.loads(export_volume(volume / "tei", work, "*.xml", "tei").read_text()))
    txt = _by_document(json.loads(text_export.read_text()))
    same = {"notes": 0, "times": 0, "claims": 0}
    for stem, ours in tei.items():
        theirs = txt.get(stem)
        if theirs is None:
            continue
        shift = theirs["chars"] - ours["chars"]
        for key in same:
            moved = sorted(_shift(item, shift) for item in theirs[key] if item[1] >= shift)
            same[key] += moved == sorted(ours[key])
    return (f"TEI form ({len(tei)} documents): same notes in {same['notes']}, same times in {same['times']}, "
            f"same claims in {same['claims']} as the text form")


def _shift(item: tuple, shift: int) -> tuple:
    if isinstance(item[0], str):  # a note: marker, start, anchors
        return (item[0], item[1] - shift, tuple(a - shift for a in item[2]))
    return (item[0] - shift, item[1] - shift, *item[2:])


def shared_scores(volume: pathlib.Path, export: pathlib.Path) -> str:
    """The shared scorer's printed lines for this export."""
    done = subprocess.run([sys.executable, str(SHARED / "eval" / "frus.py"), str(volume), str(export)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"../shared/eval/frus.py failed: {(done.stderr or done.stdout).strip()[-300:]}")
    return done.stdout


def show_errors(volume: pathlib.Path, export_path: pathlib.Path) -> None:
    """Print what the scorer counts wrong: a wrong date, an unlinked note (no note of that marker
    anchored at the gold marker or covering the gold note), a source note whose archive was missed
    (to the terminal only, never into the repository)."""
    gold = json.loads((volume / "gold.json").read_text(encoding="utf-8"))
    export = json.loads(export_path.read_text(encoding="utf-8"))
    docs = {pathlib.Path(d["path"]).name: d for d in export["documents"]}
    notes: dict[str, list[dict]] = {name: [] for name in docs}
    for n in export["notes"]:
        notes[next(k for k, d in docs.items() if d["id"] == n["doc"])].append(n)
    overlap = lambda a, b: a[0] < b[1] and b[0] < a[1]
    for name, g in sorted(gold.items()):
        got = (docs.get(name) or {}).get("published")
        if str(got or "")[:10] != g["date"]:
            print(f"{name}: date {got!r}, gold {g['date']}")
        for gn in g["notes"]:
            hit = [n for n in notes.get(name, []) if n["marker"] == gn["marker"] and (
                any(overlap((a["start"], a["end"]), gn["anchor"]) for a in n["anchors"])
                or overlap((n["start"], n["end"]), (gn["start"], gn["end"])))]
            if not hit:
                print(f"{name}: note {gn['marker']} not linked (marker at {gn['anchor']})")
            elif gn["source_note"]:
                want = re.split(r"[,;(]", gn["text"][len("Source:"):].strip())[0].strip().lower()
                archives = [r.get("archive") or "" for n in hit for r in n["references"]]
                if not any(want in a.lower() or SequenceMatcher(None, a.lower(), want).ratio() >= 0.6
                           for a in archives if a):
                    print(f"{name}: source note's archive missed; found {archives}")


def run(volume: pathlib.Path = DEFAULT_VOLUME, save_export: str | None = None, errors: bool = False,
        tei: bool = False) -> int:
    """Ingest, export, score and print; returns the exit status."""
    if not (volume / "gold.json").is_file():
        print(f"quality.py frus: no FRUS volume with gold.json at {volume}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="fontes-frus-") as tmp:
        export = export_volume(volume, pathlib.Path(tmp))
        print(f"FRUS {volume.name} (text form, {len(list(volume.glob('*.txt')))} documents)")
        print(shared_scores(volume, export), end="")
        if errors:
            show_errors(volume, export)
        if tei:
            print(compare_tei(volume, export, pathlib.Path(tmp)))
        if save_export:
            shutil.copyfile(export, save_export)
    return 0


def add_parser(sub) -> None:
    """Register the `frus` subcommand on quality.py's subparsers."""
    frus = sub.add_parser("frus", help="document dates, notes linked, source-note archives and persons "
                                       "B-cubed on a FRUS volume (text form)")
    frus.add_argument("--volume", type=pathlib.Path, default=DEFAULT_VOLUME,
                      help="a FRUS volume folder with dNNN.txt and gold.json (default: %(default)s)")
    frus.add_argument("--save-export", metavar="JSON", help="keep the export here")
    frus.add_argument("--show-errors", action="store_true", help="print wrong dates, unlinked notes, source "
                                                                  "notes' archives")
    frus.add_argument("--tei", action="store_true", help="also ingest the volume's TEI form and count the "
                                                          "documents that give the same notes, times and claims")
