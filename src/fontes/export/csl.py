"""CSL-JSON: the works and records cited in notes, for Zotero and other reference managers.

Repeats (Ibid., short forms) collapse into the reference they repeat; each item lists the notes
that cite it in `note`.
"""
from __future__ import annotations

import re

from nameparser import HumanName

from ..store import Store

KIND_TO_TYPE = {"archive": "manuscript", "work": "book", "url": "webpage", "other": "document"}


def _type(ref: dict) -> str:
    text = ref["text"]
    if ref["kind"] == "work" and re.search(r"[Jj]ournal|vol\.\s*\d|no\.\s*\d", text):
        return "article-journal"
    if ref["kind"] == "work" and re.search(r"Times|Sinmun|Daily|Gazette|Herald|Post\b|Pravda|Izvestia", text):
        return "article-newspaper"
    if ref["kind"] == "work" and re.search(r"e-Dossier|Working Paper|Report", text):
        return "report"
    return KIND_TO_TYPE.get(ref["kind"], "document")


def _author(name: str) -> dict:
    parsed = HumanName(name)
    family = parsed.last or parsed.first or name
    given = " ".join(p for p in (parsed.first, parsed.middle) if p) if parsed.last else ""
    return {"family": family, "given": given} if given else {"family": family}


def _issued(date: str | None) -> dict | None:
    if not date:
        return None
    return {"date-parts": [[int(p) for p in date.split("-")]]}


def items(store: Store) -> list[dict]:
    """One CSL item per distinct cited work or record."""
    found: dict[tuple, dict] = {}
    documents = {d["id"]: d for d in store.documents()}
    for note in store.notes():
        for ref in note["references"]:
            if not (ref["title"] or ref["url"] or ref["archive"]):
                continue
            key = (ref["title"] or "", tuple(ref["authors"]), ref["archive"] or "", ref["url"] or "")
            where = f"{documents[note['doc_id']]['path']} note {note['marker']}"
            if key in found:
                found[key]["note"] += f"; {where}"
                continue
            item = {"id": f"ref{len(found) + 1}", "type": _type(ref), "title": ref["title"] or ref["url"] or ref["archive"],
                    "note": f"cited in {where}"}
            if ref["authors"]:
                item["author"] = [_author(a) for a in ref["authors"]]
            if ref["translators"]:
                item["translator"] = [_author(a) for a in ref["translators"]]
            if _issued(ref["date"]):
                item["issued"] = _issued(ref["date"])
            if ref["url"]:
                item["URL"] = ref["url"]
            if ref["archive"]:
                item["archive"] = ref["archive"]
            if ref["locator"]:
                item["archive_location" if ref["archive"] else "page"] = ref["locator"]
            found[key] = item
    return list(found.values())
