"""How a document is named where its words are quoted: as a citation a reader can check, not as the
first line the file happened to start with. A wire story reads as its outlet and date (the dateline
"UNITED NATIONS (AP) _" is the place it was filed from, not its title), a paper as its authors and
year, a record as its title and date. Used by the web views and the command line alike."""
from __future__ import annotations

import calendar
import re
import os.path

from . import lexicon

# "UNITED NATIONS (AP) _", "DAR ES SALAAM, Tanzania (AP) --", "WASHINGTON _": the place in capitals,
# an optional region, an optional agency in brackets, then the wire's dash or underscore.
DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z .'\-]+[A-Z.])(?:,\s*(?P<region>[A-Z][\w .'\-]*?))?"
                      r"\s*(?:\((?P<agency>[\w\-]+)\))?\s*(?:_|--|—|–|-)\s*(?P<rest>.*)$", re.S)
FILE_CODE = re.compile(r"^(?P<code>[A-Za-z]+)[_\-]?\d")


def when(published: str | None) -> str:
    """A publication date as a reader says it: '7 August 1998', 'August 1998', '1998'."""
    if not published:
        return ""
    parts = published[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return published
    if len(numbers) == 3:
        return f"{numbers[2]} {calendar.month_name[numbers[1]]} {numbers[0]}"
    if len(numbers) == 2:
        return f"{calendar.month_name[numbers[1]]} {numbers[0]}"
    return str(numbers[0])


def dateline(title: str | None) -> dict | None:
    """The place (and agency) of a title that is a wire dateline, else None."""
    found = DATELINE.match(title or "")
    if not found or found["rest"].strip() or not (found["agency"] or found["place"].isupper()):
        return None
    place = found["place"].title() + (f", {found['region']}" if found["region"] else "")
    return {"place": place, "agency": found["agency"]}


def outlet_of(doc: dict, filed: dict | None) -> str | None:
    """The outlet that published a document: from its metadata, the agency of its dateline, or the
    source code its file name starts with when the title is that file name."""
    meta = doc.get("meta") or {}
    for key in ("outlet", "publisher", "container_title", "source"):
        if isinstance(meta.get(key), str) and meta[key].strip():
            return meta[key].strip()
    outlets = lexicon.load("outlets")
    if filed and filed["agency"]:
        agencies = {k.lower(): v for k, v in outlets["agencies"].items()}
        return agencies.get(filed["agency"].lower(), filed["agency"])
    stem = _file_name(doc.get("path")).split(".")[0]
    if _names_the_file(doc.get("title"), doc.get("path")):
        code = FILE_CODE.match(stem)
        codes = {k.lower(): v for k, v in outlets["file_codes"].items()}
        if code and code["code"].lower() in codes:
            return codes[code["code"].lower()]
    return None


def cite(doc: dict) -> str:
    """A short citation of a document: 'Associated Press, 7 August 1998 (United Nations)',
    'Young, 2019: The Soviet Air War', 'Cable to Moscow, 12 May 1951'."""
    title = " ".join((doc.get("title") or "").split())
    date = when(doc.get("published"))
    filed = dateline(title)
    outlet = outlet_of(doc, filed)
    if outlet:
        headline = "" if filed or _names_the_file(title, doc.get("path")) else title
        text = ", ".join(p for p in (outlet, date) if p)
        return text + (f" ({filed['place']})" if filed else "") + (f": {headline}" if headline else "")
    if filed:  # a dateline without an agency: the place and the date are all there is to say
        return ", ".join(p for p in (filed["place"], date) if p)
    authors = doc.get("authors") or []
    if authors and doc.get("kind") == "scholarly":
        surnames = [a.split()[-1] for a in authors]
        names = f"{surnames[0]} et al." if len(surnames) > 2 else " and ".join(surnames)
        year = (doc.get("published") or "")[:4]
        return f"{names}{', ' + year if year else ''}: {title or _file_name(doc['path'])}"
    name = title or _file_name(doc.get("path"))
    return f"{name}, {date}" if date and date not in name else name


def citations(store, doc_ids: set[int]) -> dict[int, str]:
    """The citation of each of these documents, by id."""
    return {d["id"]: cite(d) for d in store.citation_fields(doc_ids)} if doc_ids else {}


def source_name(doc: dict) -> str:
    """Who published a document, in a word or two: its outlet, else its title or file name."""
    title = " ".join((doc.get("title") or "").split())
    return outlet_of(doc, dateline(title)) or title or _file_name(doc.get("path"))


def sources(store, doc_ids: set[int]) -> dict[int, str]:
    """Who published each of these documents (see source_name), by id."""
    return {d["id"]: source_name(d) for d in store.citation_fields(doc_ids)} if doc_ids else {}


def name_document(chain: list[dict], citation: str | None) -> list[dict]:
    """An attribution chain with its document link named by the document's citation (a wire story's
    outlet and date rather than its dateline)."""
    return [{**link, "name": citation} if link["role"] == "document" and citation else link for link in chain]


def heading(doc: dict) -> str:
    """What a document is called at the top of its page and in lists: its title, unless the title is
    only a dateline or the file's name, in which case its citation."""
    title = " ".join((doc.get("title") or "").split())
    return cite(doc) if _names_the_file(title, doc.get("path")) or dateline(title) else title


def _names_the_file(title: str | None, path: str | None) -> bool:
    """Whether a title is no title: empty, or the file's name ("APW19980807.0261" for APW19980807.0261.txt)."""
    name = _file_name(path)
    return not title or title in (name, os.path.splitext(name)[0], name.split(".")[0])


def _file_name(path: str | None) -> str:
    """The file's name of a stored path (as PurePath(path).name, without building a path: citations
    are made for thousands of documents at a time)."""
    return os.path.basename(path or "")
