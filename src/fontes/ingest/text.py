"""Plain text and Markdown: decode with the right encoding, refuse binary data."""
from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from ..errors import FontesError
from ..model import Document

_CONTROL_OK = {"\n", "\r", "\t", "\f"}
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as text, trying UTF-8 first, then the encoding charset-normalizer finds."""
    if b"\x00" in data[:65536]:
        raise FontesError("binary data, not text (NUL bytes)")
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
