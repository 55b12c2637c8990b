"""Scaling of `fontes ingest`: serial, `--workers 2` and `--dask local`, on 10 MB of text, peak
memory at 100 MB, and the corpus-wide stages when 10 documents are added to a 10,000-document
store (bench/align.py, in a fresh process), in one run, checked against the goals of issue 15.

The corpus is made as in bench/throughput.py (the sample corpus and ../shared/sources copied until
the size is reached, each copy made distinct). Each mode runs the real command in a fresh process;
peak memory is the largest sum of resident memory over the whole process tree (fontes and its
worker processes, or the Dask scheduler and workers), sampled every 0.2 s.

Usage: python bench/scale.py [--mb 10] [--big-mb 100] [--big-mode workers2] [--modes serial workers2 dask-local]
                             [--add-to 10000]
"""
from __future__ import annotations

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import build_corpus  # noqa: E402

MODES = {"serial": ["--workers", "1"], "workers2": ["--workers", "2"], "dask-local": ["--dask", "local"]}


def tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its children; a process may end while it is read (the
    workers are closed when the last document is stored), and then counts for nothing."""
    total = 0
    try:
        children = process.children(recursive=True)
    except psutil.Error:
        children = []
    for p in [process, *children]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run(mode: str, corpus: Path, db: Path) -> dict:
    command = [sys.executable, "-m", "fontes", "--db", str(db), "-q", "ingest", *MODES[mode], str(corpus)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched, peak, done = psutil.Process(child.pid), 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(watched))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = child.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"{mode} failed: {errors[-2000:]}")
    with sqlite3.connect(db) as conn:
        words = sum(len(t.split()) for (t,) in conn.execute("SELECT text FROM documents"))
        docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    return {"mode": mode, "seconds": seconds, "words": words, "documents": docs, "peak_mb": peak / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=10)
    parser.add_argument("--big-mb", type=float, default=100, help="0 to skip")
    parser.add_argument("--big-mode", default="workers2", choices=list(MODES))
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES), help="modes to run at --mb")
    parser.add_argument("--add-to", type=int, default=10000,
                        help="documents of the synthetic store 10 are added to (bench/align.py); 0 to skip")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU cores; {psutil.virtual_memory().total / 1e9:.0f} GB memory", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        corpus = tmp / "corpus"
        corpus.mkdir()
        size = build_corpus(corpus, args.mb)
        for mode in args.modes:
            row = run(mode, corpus, tmp / f"{mode}.db")
            rows.append({**row, "mb": size / 1e6})
            print(f"{size / 1e6:.1f} MB {mode}: {row['words'] / row['seconds']:,.0f} words/s, {row['seconds']:.0f} s, "
                  f"peak {row['peak_mb']:,.0f} MB", flush=True)
        if args.big_mb:
            big = tmp / "big"
            big.mkdir()
            big_size = build_corpus(big, args.big_mb)
            row = run(args.big_mode, big, tmp / "big.db")
            rows.append({**row, "mb": big_size / 1e6})
            print(f"{big_size / 1e6:.1f} MB {args.big_mode}: {row['words'] / row['seconds']:,.0f} words/s, "
                  f"{row['seconds']:.0f} s, peak {row['peak_mb']:,.0f} MB", flush=True)
    adding = add_documents(args.add_to) if args.add_to else None
    serial = next((r for r in rows if r["mode"] == "serial"), rows[0])
    print(f"\n{'corpus':>8} {'mode':<11}{'documents':>10}{'words/s':>10}{'x serial':>10}{'peak MB':>10}")
    for r in rows:
        rate = r["words"] / r["seconds"]
        print(f"{r['mb']:>6.0f}MB {r['mode']:<11}{r['documents']:>10,}{rate:>10,.0f}"
              f"{rate / (serial['words'] / serial['seconds']):>10.2f}{r['peak_mb']:>10,.0f}")

    goals(rows, adding)


def add_documents(size: int) -> float | None:
    """Seconds of alignment when 10 documents are added to a synthetic store of `size` (bench/align.py
    in a fresh process, its report printed as it comes); None if it printed no such line."""
    script = Path(__file__).resolve().parent / "align.py"
    done = subprocess.run([sys.executable, str(script), "--sizes", str(size)], capture_output=True, text=True)
    print(done.stdout, end="", flush=True)
    if done.returncode:
        raise SystemExit(f"bench/align.py failed: {done.stderr[-2000:]}")
    found = re.search(r"adding \d+ documents to [\d,]+: .*alignment ([\d.]+) s", done.stdout)
    return float(found.group(1)) if found else None


def goals(rows: list[dict], adding: float | None) -> None:
    """The three figures issue 15 sets goals for, from this run."""
    small = [r for r in rows if r["mb"] == rows[0]["mb"]]
    rate = {r["mode"]: r["words"] / r["seconds"] for r in small}
    big = rows[-1] if len(rows) > len(small) else None
    print()
    if big:
        base = next((r for r in small if r["mode"] == big["mode"]), small[0])
        print(f"peak memory {big['mb']:.0f} MB / {base['mb']:.0f} MB ({big['mode']}): "
              f"{big['peak_mb'] / base['peak_mb']:.2f}x (goal at most 1.5x)")
    if "workers2" in rate and "serial" in rate:
        print(f"--workers 2 / serial at {rows[0]['mb']:.0f} MB: {rate['workers2'] / rate['serial']:.2f}x (goal at least 1.8x)")
    if adding is not None:
        print(f"alignment after adding 10 documents: {adding:.2f} s (goal at most 2 s)")


if __name__ == "__main__":
    main()
