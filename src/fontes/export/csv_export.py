"""The CSV export: a folder with one CSV file per section of the JSON export."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from .json_export import SECTIONS, build


def write(store, folder: Path) -> list[Path]:
    """Write documents.csv, entities.csv, mentions.csv and one file per later section."""
    data = build(store)
    folder.mkdir(parents=True, exist_ok=True)
    rows = {
        "documents": [{**d, "authors": "; ".join(d["authors"])} for d in data["documents"]],
        "entities": [{"id": e["id"], "name": e["name"], "type": e["type"], "aliases": "; ".join(e["aliases"]),
                      "mentions": len(e["mentions"])} for e in data["entities"]],
        "mentions": [{"entity": e["id"], **m} for e in data["entities"] for m in e["mentions"]],
        **{s: [{k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in item.items()}
               for item in data[s]] for s in SECTIONS},
    }
    written = []
    for name, items in rows.items():
        path = folder / f"{name}.csv"
        fields = list(dict.fromkeys(k for item in items for k in item)) or ["id"]  # some fields only some rows have
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows(items)
        written.append(path)
    return written
