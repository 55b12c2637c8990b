"""Scaling of `fontes ingest`: serial, `--workers 2` and `--dask local`, on 10 MB of text, and peak
memory at 100 MB, in one run.

The corpus is made as in bench/throughput.py (the sample corpus and ../shared/sources copied until
the size is reached, each copy made distinct). Each mode runs the real command in a fresh process;
peak memory is the largest sum of resident memory over the whole process tree (fontes and its
worker processes, or the Dask scheduler and workers), sampled every 0.2 s.

Usage: python bench/scale.py [--mb 10] [--big-mb 100] [--big-mode workers2] [--modes serial workers2 dask-local]
"""
from __future__ import annotations

import argparse
import os
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
    serial = next((r for r in rows if r["mode"] == "serial"), rows[0])
    print(f"\n{'corpus':>8} {'mode':<11}{'documents':>10}{'words/s':>10}{'x serial':>10}{'peak MB':>10}")
    for r in rows:
        rate = r["words"] / r["seconds"]
        print(f"{r['mb']:>6.0f}MB {r['mode']:<11}{r['documents']:>10,}{rate:>10,.0f}"
              f"{rate / (serial['words'] / serial['seconds']):>10.2f}{r['peak_mb']:>10,.0f}")


if __name__ == "__main__":
    main()
