"""Shared helpers of the time tests: tag a text of our own with fontes's time stage."""
from __future__ import annotations

from fontes.analyze import language, times
from fontes.analyze.view import View


def tag(text: str, published: str | None, kind: str | None = "archival", region: str = "body") -> list:
    """The time expressions of one text, checked to cover exactly the words they claim."""
    chunks = [parsed for _, parsed in language.parse([(0, View.masked(text), region)])]
    found = times.run(chunks, text, published, kind)
    assert all(text[t.start:t.end] == t.text for t in found)
    return found


def bounds(text: str, words: str, published: str | None, **kw) -> tuple[str | None, str | None]:
    """The first and last day fontes gives the expression `words` of the text."""
    found = {t.text: t for t in tag(text, published, **kw)}
    assert words in found, list(found)
    return found[words].earliest, found[words].latest
