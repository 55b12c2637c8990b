"""Time the server takes to render every view of `fontes serve`, and to answer `/api/ask`, as the
store grows (1,000 and 10,000 documents by default).

The stores are made as in bench/align.py (claims of the real corpus recombined, with their names,
figures and dates; aligned for real). Each view is asked for over HTTP from the running server:
its page, and for the timeline and network also the data the page fetches to draw (a view is
rendered when both have come back). "first" is the first request after the server starts (nothing
cached), "warm" the median of 5 later ones. `/api/ask` is timed warm over 10 questions asked 5 times
each: median and 95th percentile. With --browser, Chromium's first contentful paint and the time
until the timeline and network are drawn are printed too.

The library is timed as it opens, searched for two words and sorted by claims, and filtered by status
and sorted by date on a later page; the reader with where the document stands against other sources.
With --stores DIR the stores are kept in DIR and reused by the next run (built once, about 8 minutes
for 10,000 documents on two cores), so that two versions of fontes can be timed on the same stores.

Usage: python bench/web.py [--documents 1000 10000] [--browser] [--stores DIR]
"""
from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import align as synthetic  # noqa: E402  (bench/align.py builds the synthetic store)
from test_browser import CHROMIUM, CHROMIUM_FLAGS, Server  # noqa: E402

from fontes import pipeline  # noqa: E402
from fontes.corpus import align, embeddings  # noqa: E402
from fontes.store import Store  # noqa: E402

WARM = 5
QUESTIONS = ["How many pilots served in Korea?", "How many people were killed?", "When did the war begin?",
             "How many aircraft were lost?", "Who commanded the air corps?", "How many Soviet pilots were there?",
             "When did the first Soviet pilots meet American aircraft?", "How much did the aid cost?",
             "What did the ambassador report?", "How many bombers were downed?"]


def views(store: Store) -> dict[str, list[str]]:
    """Each view's page, and the data it fetches before it is drawn."""
    docs = store.citation_fields()
    doc = docs[len(docs) // 2]["id"]
    entity = store.top_entities(1)[0]["id"]
    return {"library": ["/"], "library search": [f"/?q={quote('pilots Korea')}&order=claims"],
            "library filter": ["/?status=conflict&order=-date&page=3"], "reader": [f"/doc/{doc}"], "timeline": ["/timeline", "/api/timeline?entity=&doc=&lanes=none"],
            "network": ["/network", "/api/network?type=&doc=&min_mentions=1&entity=&depth=1&whole=false"],
            "conflicts": ["/conflicts"], "agreements": ["/agreements"], "revisions": ["/revisions"],
            "archives": ["/archives"], "entity": [f"/entity/{entity}"], "ask page": [f"/ask?q={quote(QUESTIONS[0])}"]}


def fetch(site: str, path: str) -> float:
    """Milliseconds until the whole response has been read."""
    where = urlsplit(site)
    connection = http.client.HTTPConnection(where.hostname, where.port, timeout=120)
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    elapsed = 1000 * (time.perf_counter() - start)
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return elapsed


def measure(store: Store) -> tuple[dict[str, tuple[float, float]], tuple[float, float]]:
    """Per view (first, warm) in ms; and /api/ask (median, p95) in ms, warm."""
    out = {}
    with Server(store.path) as site:
        for name, paths in views(store).items():
            first = sum(fetch(site, p) for p in paths)
            warm = statistics.median(sum(fetch(site, p) for p in paths) for _ in range(WARM))
            out[name] = (first, warm)
        for q in QUESTIONS:  # warm: the model read once, the store's pages in memory
            fetch(site, f"/api/ask?q={quote(q)}")
        asked = sorted(fetch(site, f"/api/ask?q={quote(q)}") for _ in range(WARM) for q in QUESTIONS)
    return out, (statistics.median(asked), asked[int(0.95 * len(asked)) - 1])


def paint(store: Store) -> dict[str, tuple[float, float]]:
    """Chromium's first contentful paint, and for the timeline and network the time until drawn (ms)."""
    from playwright.sync_api import sync_playwright
    ready = {"timeline": "#timeline[data-ready=true]", "network": "#cy[data-ready=true]"}
    out = {}
    with Server(store.path) as site, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        for name, paths in views(store).items():
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            page.goto(site + paths[0])
            if name in ready:
                page.locator(ready[name]).wait_for(timeout=120_000)
            page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
            out[name] = tuple(page.evaluate("() => [performance.getEntriesByName('first-contentful-paint')[0].startTime,"
                                            " performance.now()]"))
            page.close()
        browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--browser", action="store_true", help="also time Chromium's paint")
    parser.add_argument("--stores", type=Path, help="keep the stores in this folder and reuse them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = args.stores or Path(name)
        tmp.mkdir(parents=True, exist_ok=True)
        seeds: list[dict] = []
        vectors: dict = {}
        for size in args.documents:
            start = time.perf_counter()
            kept = tmp / f"align-{size}.db"
            if args.stores and kept.exists():
                store = Store(kept)
            else:
                if not seeds:
                    seeds = synthetic.harvest(tmp)
                    readings = sorted({s["reading"] for s in seeds})
                    vectors = dict(zip(readings, embeddings.encode(readings, "cpu")))
                kept.unlink(missing_ok=True)
                store = synthetic.build(size, seeds, vectors, tmp)
                pipeline.resolve_entities(store)  # as `fontes ingest` does before it aligns
                align.run(store, "cpu")
            counts = store.counts()
            print(f"\n{size:,} documents: {counts['claims']:,} claims, {counts['alignments']:,} groups, "
                  f"{counts['times']:,} times, {counts['entities']:,} entities (built in {time.perf_counter() - start:.0f} s)")
            views_ms, (ask_median, ask_p95) = measure(store)
            print(f"{'view':<16}{'first ms':>10}{'warm ms':>10}")
            for view, (first, warm) in views_ms.items():
                print(f"{view:<16}{first:>10.0f}{warm:>10.0f}")
            print(f"/api/ask warm over {len(QUESTIONS)} questions x {WARM}: median {ask_median:.0f} ms, p95 {ask_p95:.0f} ms")
            if args.browser:
                for view, (fcp, drawn) in paint(store).items():
                    print(f"  browser {view:<12} first paint {fcp:>6.0f} ms   done {drawn:>6.0f} ms")


if __name__ == "__main__":
    main()
