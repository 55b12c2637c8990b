"""Time tagging throughput: fontes's time stage against dateparser's search_dates, same sentences.

Sentences come from the sample corpus and ../shared/sources (body sentences as fontes stores
them), repeated to a fixed count. Reported, in one run:
  fontes times          - the time stage alone, on sentences already parsed by spaCy
  fontes parse + times  - the same including the spaCy parse it relies on
  dateparser            - dateparser.search.search_dates(sentence, languages=["en"])
with sentences per second and how many expressions each found.

Usage: python bench/times.py [--sentences 2000]   (dateparser comes with trafilatura; pip install -e .[bench] pins it)
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from dateparser.search import search_dates

from fontes import pipeline
from fontes.analyze import language, times
from fontes.analyze.view import View
from fontes.store import Store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT.parent / "shared" / "sources"]


def corpus_sentences(count: int) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.db")
        pipeline.ingest(store, [p for p in SOURCES if p.exists()])
        sentences = [s["text"] for s in store.sentences(region="body") if len(s["text"]) > 20]
    return (sentences * (count // len(sentences) + 1))[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=2000)
    args = parser.parse_args()
    sentences = corpus_sentences(args.sentences)
    language.nlp()

    start = time.perf_counter()
    parsed = [p for _, p in language.parse((i, View.masked(s), "body") for i, s in enumerate(sentences))]
    parse_seconds = time.perf_counter() - start
    start = time.perf_counter()
    found_fontes = sum(len(times.run([p], p.sdoc.text, None)) for p in parsed)
    fontes_seconds = time.perf_counter() - start

    search_dates("warm-up on 1 May 1960", languages=["en"])
    start = time.perf_counter()
    found_dateparser = sum(len(search_dates(s, languages=["en"]) or []) for s in sentences)
    dateparser_seconds = time.perf_counter() - start

    n = len(sentences)
    print(f"{n} sentences")
    print(f"{'':24}{'sentences/s':>12}{'seconds':>10}{'found':>8}")
    print(f"{'fontes times':24}{n / fontes_seconds:>12,.0f}{fontes_seconds:>10.2f}{found_fontes:>8}")
    print(f"{'fontes parse + times':24}{n / (parse_seconds + fontes_seconds):>12,.0f}"
          f"{parse_seconds + fontes_seconds:>10.2f}{found_fontes:>8}")
    print(f"{'dateparser search_dates':24}{n / dateparser_seconds:>12,.0f}{dateparser_seconds:>10.2f}"
          f"{found_dateparser:>8}")
    print(f"ratio fontes times / dateparser: {dateparser_seconds / fontes_seconds:.1f}x faster")


if __name__ == "__main__":
    main()
