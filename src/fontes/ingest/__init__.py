"""Readers: one per format, each turning a file into a `Document` (text, metadata, page/line map)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import FontesError
from ..model import Document
from . import html, metadata, pdf, tei, text
from .metadata import check_published

__all__ = ["READERS", "DEFAULT_MAX_BYTES", "check_published", "discover", "display_path", "fingerprint",
           "load_bytes", "read_document", "is_supported"]

READERS = {
    ".txt": text.read, ".md": text.read, ".markdown": text.read, ".text": text.read,
    ".html": html.read, ".htm": html.read, ".xhtml": html.read,
    ".pdf": pdf.read,
    ".xml": tei.read, ".tei": tei.read,
}
DEFAULT_MAX_BYTES = 50_000_000  # "50 MB", as the --max-size and --max-upload options count


def is_supported(path: Path) -> bool:
    """Whether a reader exists for this file name (sidecar metadata files are not documents)."""
    return path.suffix.lower() in READERS and not path.name.endswith(".meta.json")


def discover(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files to read under the given paths (recursively), and those skipped as unsupported."""
    found: list[Path] = []
    skipped: list[Path] = []
    for root in paths:
        if not root.exists():
            raise FontesError(f"{root}: no such file or directory")
        candidates = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in candidates:
            if any(part.startswith(".") for part in path.relative_to(root).parts if root.is_dir()):
                continue
            if path.name.endswith(".meta.json"):
                continue
            (found if is_supported(path) else skipped).append(path)
    return found, skipped


def fingerprint(data: bytes) -> str:
    """Content hash that decides whether a file is already stored."""
    return hashlib.sha256(data).hexdigest()


def display_path(path: Path) -> str:
    """The path as stored: relative to the working directory when under it, else absolute."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(absolute)


def load_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file's bytes, refusing empty and oversized files with a message that says why."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FontesError(f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise FontesError("empty file")
    if size > max_bytes:
        raise FontesError(
            f"too large ({size / 1e6:.0f} MB, limit {max_bytes / 1e6:.0f} MB; raise it with --max-size)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FontesError(f"cannot read: {exc.strerror or exc}") from exc


def read_document(path: Path, data: bytes, published: str | None = None) -> Document:
    """Turn a file's bytes into a Document with its metadata filled in."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise FontesError(f"unsupported file type {path.suffix or '(none)'}")
    doc = reader(path, data)
    doc.path = display_path(path)
    doc.sha256 = fingerprint(data)
    if not doc.text.strip():
        raise FontesError("no text could be extracted")
    metadata.complete(doc, path, published)
    return doc


__all__ = ["discover", "read_document", "load_bytes", "fingerprint", "is_supported", "display_path",
           "DEFAULT_MAX_BYTES"]
