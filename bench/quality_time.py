"""Quality of time expressions on TimeML news (TimeBank) and of document dates on FRUS, in one run.

TimeBank: the shared scorer prepares the texts (tags stripped; the document creation time as the
publication date in a sidecar), fontes ingests them into a fresh store, and the shared scorer
(`../shared/eval/timeml.py score`) prints relaxed span P/R/F1 and value P/R/F1 of its export.
dateparser's `search_dates` (its RELATIVE_BASE the same creation time) is scored the same way on
the same texts, paragraph by paragraph, each date found taken at the period dateparser gives it
(day, week, month or year).
FRUS: the volume's text documents are ingested into another store, and each document's
`published` is compared with the dateline date in the volume's gold.json.

Usage: python bench/quality_time.py [--timebank DIR] [--frus DIR] [--no-dateparser]
(dateparser is a bench extra: pip install -e .[bench])
"""
from __future__ import annotations

import argparse
import calendar
import contextlib
import importlib.util
import io
import json
import re
import shutil
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from fontes import pipeline
from fontes.export import json_export
from fontes.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_scorer():
    """The shared TimeML scorer, loaded from ../shared/eval/timeml.py."""
    spec = importlib.util.spec_from_file_location("timeml", SHARED / "eval" / "timeml.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ingest(folder: Path, store_path: Path, files: list[Path] | None = None) -> dict:
    """Ingest a folder (or some of its files) into a fresh store and return the JSON export."""
    store = Store(store_path)
    pipeline.ingest(store, files or [folder], workers=1)
    return json.loads(json.dumps(json_export.build(store)))


def score(timeml, corpus: Path, export: dict, work: Path, label: str) -> list[str]:
    """The shared scorer's summary lines for one export."""
    path = work / f"{label}.json"
    path.write_text(json.dumps(export))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        timeml.score(corpus, str(path))
    return [line for line in out.getvalue().splitlines() if line.startswith(("span", "value"))]


def _period(parser, words: str, when: datetime) -> tuple[str, str]:
    """Earliest and latest day of a date dateparser found, at the period it reports for the words."""
    data = parser.get_date_data(words) if parser else None
    period = getattr(data, "period", None) or "day"
    day = when.date()
    if period == "year":
        return f"{day.year}-01-01", f"{day.year}-12-31"
    if period == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        return f"{day.year}-{day.month:02d}-01", f"{day.year}-{day.month:02d}-{last:02d}"
    if period == "week":
        monday = day - timedelta(days=day.weekday())
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    return day.isoformat(), day.isoformat()


def dateparser_export(corpus: Path) -> dict:
    """What dateparser's search_dates finds in the same texts, as an export the scorer reads."""
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    parser = DateDataParser(languages=["en"])
    docs, found = [], []
    for i, path in enumerate(sorted(corpus.glob("*.txt"))):
        text = path.read_text(encoding="utf-8")
        dct = json.loads(path.with_name(path.name + ".meta.json").read_text())["published"][:10]
        base = datetime.fromisoformat(dct)
        docs.append({"id": f"d{i}", "path": path.name})
        offset = 0
        for paragraph in re.split(r"(\n+)", text):
            cursor = 0
            for words, when in search_dates(paragraph, languages=["en"],
                                            settings={"RELATIVE_BASE": base}) or [] if paragraph.strip() else []:
                start = paragraph.find(words, cursor)
                if start < 0:
                    continue
                cursor = start + len(words)
                earliest, latest = _period(parser, words, when)
                found.append({"doc": f"d{i}", "start": offset + start, "end": offset + cursor, "text": words,
                              "earliest": earliest, "latest": latest})
            offset += len(paragraph)
    return {"documents": docs, "times": found}


def frus_dates(folder: Path, work: Path) -> tuple[int, int]:
    """Documents whose `published` is the dateline date of the volume's gold."""
    gold = json.loads((folder / "gold.json").read_text())
    export = ingest(folder, work / "frus.db", sorted(folder.glob("*.txt")))
    published = {Path(d["path"]).name: (d.get("published") or "")[:10] for d in export["documents"]}
    return sum(1 for name, g in gold.items() if g["date"] and published.get(name) == g["date"]), len(gold)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timebank", type=Path, default=SHARED / "corpora" / "timebank")
    parser.add_argument("--frus", type=Path, default=SHARED / "corpora" / "frus" / "frus1969-76v19p1")
    parser.add_argument("--no-dateparser", action="store_true")
    args = parser.parse_args()
    timeml = shared_scorer()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "timebank"
        with contextlib.redirect_stdout(io.StringIO()):
            timeml.prepare(args.timebank, corpus)
        started = time.perf_counter()
        export = ingest(corpus, work / "timebank.db")
        seconds = time.perf_counter() - started
        print(f"TimeBank ({len(export['documents'])} documents, ingested in {seconds:.0f} s)")
        for line in score(timeml, corpus, export, work, "fontes"):
            print(f"  fontes      {line}")
        if not args.no_dateparser:
            started = time.perf_counter()
            found = dateparser_export(corpus)
            seconds = time.perf_counter() - started
            for line in score(timeml, corpus, found, work, "dateparser"):
                print(f"  dateparser  {line}")
            print(f"  (dateparser search_dates: {seconds:.0f} s)")
        if args.frus.exists():
            frus = work / "frus"
            shutil.copytree(args.frus, frus, ignore=shutil.ignore_patterns("tei"))
            right, total = frus_dates(frus, work)
            print(f"FRUS {args.frus.name}: document dates from datelines {right}/{total}")


if __name__ == "__main__":
    main()
