"""HTML pages: the main text without navigation or boilerplate, and the page's own metadata."""
from __future__ import annotations

from pathlib import Path

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


def read(path: Path, data: bytes) -> Document:
    """Read an HTML page with trafilatura; scripts and styles never reach the text."""
    markup, encoding = decode(data)
    if "<" not in markup:
        raise FontesError("not an HTML page (no markup)")
    markup = Cleaner(javascript=True, scripts=True, style=True, comments=True,
                     page_structure=False, safe_attrs_only=False).clean_html(markup) if markup.strip() else markup
    result = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                         include_tables=True, favor_recall=True)
    text = (result.text if result is not None else "") or ""
    if len(text.strip()) < 40:
        text = fallback_text(markup) or text
    doc = Document(path=str(path), text=text.strip() + "\n", format="html", sha256="",
                   meta={"encoding": encoding})
    if result is not None:
        doc.title = result.title or None
        doc.authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
        doc.published = result.date or None
        doc.meta["site"] = result.sitename or None
    return doc
