"""Alignment time as the corpus grows: 100, 1,000 and 10,000 documents.

Documents are made by recombining the claims of the sample corpus and the reference sources:
each synthetic document takes 12 claims at random, with its numbers, dates, names and notes,
and a word of its own so that no two sentences are identical. The measured stage is
`align.run` (keying every claim into its blocks, pairing, judging, writing the groups), and beside it entity resolution
(both corpus-wide stages of `fontes ingest`), each with the resident memory it adds. Sentence embeddings are computed
once per distinct source sentence and given small per-copy noise, so the figures show the
alignment stage itself; the embedding rate (claims/s on this machine) is printed beside them.

Usage: python bench/align.py [--sizes 100 1000 10000]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import psutil

from fontes import pipeline
from fontes.corpus import align, embeddings
from fontes.model import Analysis, Claim, Document, Mention, Quantity, Sentence, TimeExpr
from fontes.store import Store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples", ROOT.parent / "shared" / "sources"]
PER_DOCUMENT = 12


def harvest(tmp: Path) -> list[dict]:
    """Claims of the real corpus, with the mentions and quantities inside each."""
    if not SOURCES[0].is_dir():  # a copy of bench/ outside the repository would harvest too few seeds
        raise SystemExit(f"bench/align.py reads the sample corpus at {SOURCES[0]}: run it from the repository")
    store = Store(tmp / "seed.db")
    pipeline.ingest(store, [p for p in SOURCES if p.exists()])
    out = []
    for c in store.claims():
        text = store.text_of(c["doc_id"])
        mentions = [m for m in store.mentions(doc_id=c["doc_id"]) if c["start"] <= m["start"] and m["end"] <= c["end"]]
        quantities = [q for q in store.quantities(c["doc_id"]) if c["start"] <= q["start"] and q["end"] <= c["end"]]
        times = [t for t in store.times(c["doc_id"]) if c["start"] <= t["start"] and t["end"] <= c["end"]]
        out.append({**c, "source": text[c["start"]:c["end"]], "mentions": mentions, "qs": quantities, "ts": times})
    return out


def synthetic_document(number: int, picks: list[dict], rng: random.Random) -> tuple[Document, Analysis]:
    pieces, analysis, pos = [], Analysis(), 0
    for k, base in enumerate(picks):
        tag = f" (copy {number}-{k})"
        sentence = base["source"] + tag
        shift = pos - base["start"]
        analysis.mentions += [Mention(m["start"] + shift, m["end"] + shift, m["text"], m["label"], m["role"],
                                      name=m["name"]) for m in base["mentions"]]
        analysis.quantities += [Quantity(q["start"] + shift, q["end"] + shift, q["text"],
                                         q["value"] and round(q["value"] * rng.uniform(0.7, 1.3)), q["low"], q["high"],
                                         bool(q["approximate"]), q["unit"], q["counts"]) for q in base["qs"]]
        analysis.times += [TimeExpr(t["start"] + shift, t["end"] + shift, t["text"], t["edtf"], t["earliest"],
                                    t["latest"], t["precision"], bool(t["approximate"])) for t in base["ts"]]
        analysis.sentences.append(Sentence(pos, pos + len(sentence), sentence))
        analysis.claims.append(Claim(pos, pos + len(sentence), sentence, base["reading"] + tag, base["hedged"],
                                     base["attribution"], base["notes"], base["time"], base["terms"] + [f"w{number % 997}"]))
        pieces.append(sentence)
        pos += len(sentence) + 1
    text = "\n".join(pieces) + "\n"
    return Document(f"synthetic/{number:05d}.txt", text, "text", f"{number:064d}", title=f"Synthetic {number}"), analysis


def timed(work):
    """Run `work()`; its result, seconds, and the most resident memory it added over what the process
    held before (sampled every 50 ms), in MB."""
    process, done = psutil.Process(), threading.Event()
    before = peak = process.memory_info().rss

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, process.memory_info().rss)
            time.sleep(0.05)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    start = time.perf_counter()
    try:
        result = work()
    finally:
        seconds = time.perf_counter() - start
        done.set()
        watcher.join()
    return result, seconds, (peak - before) / 1e6


def build(size: int, seeds: list[dict], base_vectors: dict[str, np.ndarray], tmp: Path) -> Store:
    rng = random.Random(size)
    store = Store(tmp / f"align-{size}.db")
    for number in range(size):
        doc, analysis = synthetic_document(number, rng.sample(seeds, PER_DOCUMENT), rng)
        store.save_document(doc, analysis, pipeline.ANALYSIS_VERSION)
    vectors = {}
    for c in store.claims():
        base = base_vectors[c["reading"].rsplit(" (copy", 1)[0]]
        noisy = base + np.random.default_rng(c["id"]).normal(0, 0.02, base.shape).astype(np.float32)
        vectors[c["id"]] = (noisy / np.linalg.norm(noisy)).astype(np.float32).tobytes()
    store.save_claim_vectors(vectors)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        seeds = harvest(tmp)
        readings = sorted({s["reading"] for s in seeds})
        start = time.perf_counter()
        encoded = embeddings.encode(readings, "cpu")
        rate = len(readings) / (time.perf_counter() - start)
        base_vectors = dict(zip(readings, encoded))
        print(f"{len(seeds)} seed claims; embeddings: {rate:,.0f} claims/s on this machine")
        print(f"{'documents':>10}{'claims':>10}{'resolve s':>10}{'+MB':>8}{'groups':>10}{'align s':>10}"
              f"{'ms/claim':>10}{'+MB':>8}")
        for size in args.sizes:
            store = build(size, seeds, base_vectors, tmp)
            claims = store.counts()["claims"]
            _, resolving, resolve_mb = timed(lambda: pipeline.resolve_entities(store))
            groups, seconds, added = timed(lambda: align.run(store, "cpu"))
            print(f"{size:>10,}{claims:>10,}{resolving:>10.2f}{resolve_mb:>8,.0f}{groups:>10,}{seconds:>10.2f}"
                  f"{1000 * seconds / claims:>10.3f}{added:>8,.0f}")
        incremental(store, seeds, base_vectors, max(args.sizes))


def incremental(store: Store, seeds: list[dict], base_vectors: dict[str, np.ndarray], size: int, added: int = 10) -> None:
    """Add `added` documents to the largest store and align: what `fontes ingest` does after storing them
    (resolution, then alignment, which keys only the new claims into the stored blocks); then a full
    re-alignment (`fontes align`, every claim keyed anew), which must give exactly the same groups."""
    rng = random.Random(-size)
    new = set()
    for number in range(size, size + added):
        doc, analysis = synthetic_document(number, rng.sample(seeds, PER_DOCUMENT), rng)
        new.add(store.save_document(doc, analysis, pipeline.ANALYSIS_VERSION))
    vectors = {}
    for c in store.claims(ids=[r[0] for r in store.db.execute(
            f"SELECT id FROM claims WHERE doc_id IN ({','.join(map(str, new))})")]):
        base = base_vectors[c["reading"].rsplit(" (copy", 1)[0]]
        vectors[c["id"]] = (base / np.linalg.norm(base)).astype(np.float32).tobytes()
    store.save_claim_vectors(vectors)
    _, resolving, resolve_mb = timed(lambda: pipeline.resolve_entities(store))
    groups, seconds, memory = timed(lambda: align.run(store, "cpu"))
    print(f"adding {added} documents to {size:,}: entity resolution {resolving:.2f} s (+{resolve_mb:,.0f} MB), "
          f"alignment {seconds:.2f} s ({groups:,} groups, +{memory:,.0f} MB)")
    found = store.alignment_members()
    groups, seconds, memory = timed(lambda: align.run(store, "cpu", again=True))
    same = "the same groups" if store.alignment_members() == found else "OTHER GROUPS THAN THE INCREMENTAL ONE"
    print(f"full re-alignment of {size + added:,} documents: {seconds:.2f} s ({groups:,} groups, +{memory:,.0f} MB): {same}")
    resolved = resolution_digest(store)
    _, seconds, memory = timed(lambda: pipeline.resolve_entities(store, again=True))
    same = "the same" if resolution_digest(store) == resolved else "OTHER THAN THE INCREMENTAL ONE'S"
    print(f"full resolution of {size + added:,} documents (every text read, every count made anew): {seconds:.2f} s "
          f"(+{memory:,.0f} MB): entities, assignments, counts and pairs {same}")


def resolution_digest(store: Store) -> str:
    """A digest of what resolution wrote: every entity (key, name, type, aliases, evidence, titles,
    counts), every mention's entity (by key) and every pair of entities named together."""
    rows = [list(r) for r in store.db.execute(
        "SELECT id, key, name, type, aliases, evidence, titles, mention_count, document_count, claim_count"
        " FROM entities ORDER BY id")]
    rows += [list(r) for r in store.db.execute(
        "SELECT m.doc_id, m.start, m.\"end\", m.source, e.key FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id"
        " ORDER BY 1, 2, 3, 4, 5")]
    rows += [list(r) for r in store.db.execute("SELECT a, b, sentences, documents, stated FROM entity_pairs ORDER BY a, b")]
    return hashlib.sha1(json.dumps(rows).encode()).hexdigest()


if __name__ == "__main__":
    main()
