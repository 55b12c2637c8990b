"""HTML pages: the main text without navigation or boilerplate, and the page's own metadata."""
from __future__ import annotations

import re
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura
from lxml.html.clean import Cleaner

from ..errors import FontesError
from ..model import Document
from .text import decode

_BOILERPLATE = "//script|//style|//nav|//header|//footer|//aside|//form|//noscript|//template|//iframe"


def fallback_text(markup: str) -> str:
    """Visible text of the page body when trafilatura finds no main content (very short pages)."""
    tree = lxml.html.fromstring(markup)
    for node in tree.xpath(_BOILERPLATE):
        node.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in tree.xpath("//p|//h1|//h2|//h3|//li|//blockquote")]
    return "\n".join(b for b in blocks if b)


_META = {
    "title": ("og:title", "twitter:title", "dc.title", "citation_title"),
    "author": ("author", "article:author", "dc.creator", "citation_author", "byl"),
    "date": ("article:published_time", "datepublished", "dc.date", "citation_publication_date", "date", "pubdate"),
}


def page_metadata(markup: str) -> dict[str, str]:
    """Title, author and date as the page declares them in its <meta> tags."""
    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return {}
    found: dict[str, str] = {}
    metas = {(m.get("name") or m.get("property") or m.get("itemprop") or "").lower(): (m.get("content") or "").strip()
             for m in tree.xpath("//meta")}
    for field, keys in _META.items():
        value = next((metas[k] for k in keys if metas.get(k)), None)
        if value:
            found[field] = value
    return found


def take_footnotes(markup: str) -> tuple[str, list[str]]:
    """Linked footnotes, taken out of the page so that extraction cannot drop them: a call such as
    <sup><a href="#fn3">3</a></sup> becomes "[3]" in the text, and the note it links to is
    returned as "[3] its text" (back-links such as "↩" left out), to be appended after the body."""
    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return markup, []
    targets = {el.get("id"): el for el in tree.xpath("//*[@id]")}
    numbered: dict[str, str] = {}
    for link in tree.xpath("//a[starts-with(@href, '#')]"):
        label = (link.text_content() or "").strip().strip("[]")
        target = targets.get(link.get("href")[1:])
        if not label.isdigit() or target is None or link in target.iter():
            continue
        numbered.setdefault(link.get("href")[1:], label)
        holder = link.getparent() if link.getparent() is not None and link.getparent().tag == "sup" else link
        replacement = lxml.html.fromstring(f"<span>[{label}]</span>")
        replacement.tail = holder.tail
        holder.getparent().replace(holder, replacement)
    notes = []
    for target_id, label in numbered.items():
        note = targets[target_id]
        for back in note.xpath(".//a[starts-with(@href, '#')]"):
            back.drop_tree()
        notes.append(f"[{label}] " + " ".join(note.text_content().split()))
        if note.getparent() is not None:
            note.getparent().remove(note)
    return lxml.html.tostring(tree, encoding="unicode"), notes


def read(path: Path, data: bytes) -> Document:
    """Read an HTML page with trafilatura; scripts and styles never reach the text."""
    markup, encoding = decode(data)
    if "<" not in markup:
        raise FontesError("not an HTML page (no markup)")
    declared = page_metadata(markup)
    markup, footnotes = take_footnotes(markup)
    markup = Cleaner(javascript=True, scripts=True, style=True, comments=True,
                     page_structure=False, safe_attrs_only=False).clean_html(markup) if markup.strip() else markup
    result = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                         include_tables=True, favor_recall=True)
    text = (result.text if result is not None else "") or ""
    if len(text.strip()) < 40:
        text = fallback_text(markup) or text
    text = "\n".join([text.strip(), *footnotes])
    doc = Document(path=str(path), text=text.strip() + "\n", format="html", sha256="",
                   meta={"encoding": encoding})
    doc.title = declared.get("title") or (result.title if result is not None else None) or None
    author = declared.get("author") or (result.author if result is not None else "") or ""
    doc.authors = [a.strip() for a in re.split(r";|\band\b", re.sub(r"^[Bb]y\s+", "", author)) if a.strip()]
    doc.published = (declared.get("date") or (result.date if result is not None else None) or "")[:10] or None
    doc.meta["site"] = result.sitename if result is not None else None
    return doc
