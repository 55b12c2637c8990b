"""Plain text and Markdown: decode with the right encoding, refuse binary data."""
from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import FontesError
from ..model import Document

_CONTROL_OK = {"\n", "\r", "\t", "\f"}
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
# UTF-32's byte-order marks begin with UTF-16's, so they are tried first.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_wide(data: bytes) -> tuple[str, str] | None:
    """Decode UTF-16 or UTF-32 text (as Windows programs export it) by its byte-order mark or,
    without one, by charset-normalizer's guess; None when the bytes are not such text."""
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    best = from_bytes(data[:1_000_000]).best()
    if best is None or not best.encoding.startswith(("utf_16", "utf_32")):
        return None
    try:
        return data.decode(best.encoding), best.encoding.replace("_", "-")
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as text: UTF-16 and UTF-32 by their byte-order mark or form, then UTF-8, then
    the encoding charset-normalizer finds. Bytes with NULs that are no wide encoding are refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:65536]:
        wide = decode_wide(data)
        if wide is None:
            raise FontesError("binary data, not text (NUL bytes)")
        return wide
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data[:1_000_000]))
    if not matches:
        raise FontesError("binary data, not text (no text encoding fits)")
    best = matches[0]
    # Short texts fit several 8-bit code pages equally well; Western European wins ties, being
    # by far the most common legacy encoding of the sources historians collect.
    western = [m for m in matches if m.encoding in _WESTERN and m.chaos <= best.chaos]
    encoding = (western[0] if western else best).encoding
    return data.decode(encoding, errors="replace"), encoding


def looks_binary(text: str) -> bool:
    """True when control characters make up more than a tiny share of the text."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in _CONTROL_OK)
    return controls > max(8, len(sample) // 200)


def read(path: Path, data: bytes) -> Document:
    """Read a .txt or .md file; offsets later point into exactly this decoded text."""
    text, encoding = decode(data)
    if looks_binary(text):
        raise FontesError("binary data, not text (control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = "markdown" if path.suffix.lower() in {".md", ".markdown"} else "text"
    return Document(path=str(path), text=text, format=fmt, sha256="", meta={"encoding": encoding})
