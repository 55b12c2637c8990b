"""PDF: text page by page with pdfplumber, keeping page breaks and each line's font size.

Font sizes let the layout stage tell footnotes (smaller type) from body text, and the title
printed on the first page from the file name a converter left in the PDF's metadata.
"""
from __future__ import annotations

import io
import re
import statistics
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psparser import PSException

from ..errors import FontesError
from ..model import Document, Line

# Metadata titles that name the file the PDF was made from rather than the work: a converter's
# "Microsoft Word - draft.doc", a word-processor or TeX file name, or one word joined by underscores.
_FILE_NAME_TITLE = re.compile(r"^(?:Microsoft (?:Word|PowerPoint|Excel) - |untitled$|document\d*$)"
                              r"|\.(?:docx?|rtf|odt|pages|tex|dvi|ps|pdf|indd|qxd|txt)$|^[^\s]*_[^\s]*$",
                              re.IGNORECASE)
_TOP_LINES = 12  # a title is printed among the first lines of the first page
_HEADING_SCALE = 1.2  # and in type at least this much larger than the page's usual text


def looks_like_file_name(title: str) -> bool:
    """Whether a PDF's metadata title is a file name ("Microsoft Word - Notes_v2.doc")."""
    return bool(_FILE_NAME_TITLE.search(title.strip()))


def first_heading(text: str, lines: list[Line]) -> str | None:
    """The largest-type lines at the top of page 1, joined, if larger than the page's usual text."""
    page_one = [ln for ln in lines if ln.page == 1 and ln.size]
    top = page_one[:_TOP_LINES]
    if not top:
        return None
    usual = statistics.median(ln.size for ln in page_one)
    largest = max(ln.size for ln in top)
    if largest < usual * _HEADING_SCALE:
        return None
    first = next(i for i, ln in enumerate(top) if ln.size == largest)
    heading = []
    for ln in top[first:]:
        if abs(ln.size - largest) > 0.5:
            break
        heading.append(text[ln.start:ln.end].strip())
    return " ".join(heading) or None


def choose_title(metadata_title: str | None, text: str, lines: list[Line]) -> str | None:
    """The metadata title, unless it is missing or a file name: then the heading printed on
    page 1 (or None, and the text decides)."""
    if metadata_title and not looks_like_file_name(metadata_title):
        return metadata_title
    return first_heading(text, lines)


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
    text = "".join(parts)
    return Document(path=str(path), text=text, format="pdf", sha256="", title=choose_title(info.get("Title"), text, lines),
                    authors=[a.strip() for a in info.get("Author", "").split(";") if a.strip()],
                    pages=pages, lines=lines, meta={"page_count": len(pages)})
