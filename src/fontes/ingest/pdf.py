"""PDF: text page by page with pdfplumber, keeping page breaks and each line's font size.

Font sizes let the layout stage tell footnotes (smaller type) from body text.
"""
from __future__ import annotations

import io
import statistics
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException

from ..errors import FontesError
from ..model import Document, Line


def read(path: Path, data: bytes) -> Document:
    """Read every page; lines are joined with newlines and pages with a blank line."""
    if not data.startswith(b"%PDF"):
        raise FontesError("not a PDF (no %PDF header)")
    parts: list[str] = []
    pages: list[tuple[int, int]] = []
    lines: list[Line] = []
    offset = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str) and v.strip()}
            for number, page in enumerate(pdf.pages, 1):
                page_start = offset
                for row in page.extract_text_lines(layout=False, strip=True, return_chars=True):
                    line_text = row["text"]
                    sizes = [c.get("size") for c in row.get("chars", []) if c.get("size")]
                    size = round(statistics.median(sizes), 2) if sizes else None
                    lines.append(Line(offset, offset + len(line_text), number, size))
                    parts.append(line_text + "\n")
                    offset += len(line_text) + 1
                pages.append((page_start, offset))
                parts.append("\n")
                offset += 1
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise FontesError("encrypted PDF (password protected)") from exc
    except (PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FontesError(f"corrupt PDF ({type(exc).__name__}: {exc})".rstrip()) from exc
    except Exception as exc:  # pdfplumber wraps pdfminer's many error types in PdfminerException
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise FontesError("encrypted PDF (password protected)") from exc
        raise FontesError(f"corrupt PDF ({type(inner).__name__}: {inner})".replace(": )", ")")) from exc
    return Document(path=str(path), text="".join(parts), format="pdf", sha256="", title=info.get("Title"),
                    authors=[a.strip() for a in info.get("Author", "").split(";") if a.strip()],
                    pages=pages, lines=lines, meta={"page_count": len(pages)})
