"""Time to first render of every view of `fontes serve`, with 1,000 documents against the 5 of the
sample corpus, in one run: how much slower each page gets as the store grows.

The 1,000-document store is made as in bench/align.py (claims of the real corpus recombined, with
their names, figures and dates; aligned for real). Each view is loaded in headless Chromium; the
figures are the server's time to the first byte, the browser's first contentful paint, and, for the
timeline and network, the time until the picture is drawn. Medians of 3 loads.

Usage: python bench/web.py [--documents 1000]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import align as synthetic  # noqa: E402  (bench/align.py builds the synthetic store)
from test_browser import CHROMIUM, CHROMIUM_FLAGS, Server  # noqa: E402

from fontes import pipeline  # noqa: E402
from fontes.corpus import align, embeddings  # noqa: E402
from fontes.store import Store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LOADS = 3


def views(store: Store) -> dict[str, tuple[str, str | None]]:
    """Each view's address, and the element that says its picture is drawn (if it draws one)."""
    doc = store.documents()[len(store.documents()) // 2]["id"]
    entity = store.entities()[0]["id"]
    return {"library": ("/", None), "reader": (f"/doc/{doc}", None), "timeline": ("/timeline", "#timeline[data-ready=true]"),
            "network": ("/network", "#cy[data-ready=true]"), "conflicts": ("/conflicts", None),
            "agreements": ("/agreements", None), "archives": ("/archives", None), "entity": (f"/entity/{entity}", None)}


def measure(browser, url: str, ready: str | None) -> tuple[float, float, float]:
    page = browser.new_page(viewport={"width": 1360, "height": 900})
    page.goto(url)
    if ready:
        page.locator(ready).wait_for(timeout=120_000)
    page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length > 0")
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return [nav.responseStart - nav.requestStart, paint ? paint.startTime : NaN, performance.now()];
    }""")
    page.close()
    return timing[0], timing[1], timing[2] if ready else float("nan")


def run(browser, store: Store) -> dict[str, tuple[float, float, float]]:
    out = {}
    with Server(store.path) as site:
        for name, (path, ready) in views(store).items():
            loads = [measure(browser, site + path, ready) for _ in range(LOADS)]
            out[name] = tuple(statistics.median(x[i] for x in loads) for i in range(3))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        sample = Store(tmp / "sample.db")
        pipeline.ingest(sample, [ROOT / "examples"])
        seeds = synthetic.harvest(tmp)
        readings = sorted({s["reading"] for s in seeds})
        big = synthetic.build(args.documents, seeds, dict(zip(readings, embeddings.encode(readings, "cpu"))), tmp)
        align.run(big, "cpu")
        counts = big.counts()
        print(f"stores: {sample.counts()['documents']} documents (sample) and {counts['documents']:,} documents, "
              f"{counts['claims']:,} claims, {counts['alignments']:,} groups, {counts['times']:,} times")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            small, large = run(browser, sample), run(browser, big)
            browser.close()
    print(f"{'view':<12}{'first byte ms':>16}{'first paint ms':>16}{'drawn ms':>12}   (sample → {args.documents:,} docs; ratio of paint)")
    for view in small:
        a, b = small[view], large[view]
        drawn = f"{a[2]:.0f}→{b[2]:.0f}" if b[2] == b[2] else "—"
        print(f"{view:<12}{a[0]:>7.0f}→{b[0]:<8.0f}{a[1]:>7.0f}→{b[1]:<8.0f}{drawn:>12}   x{b[1] / a[1]:.2f}")


if __name__ == "__main__":
    main()
