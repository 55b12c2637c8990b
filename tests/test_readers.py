"""Readers and bad input: every file either becomes a document or gets one clear reason."""
from __future__ import annotations

import codecs

import pytest
from reportlab.pdfgen.canvas import Canvas

from conftest import EXAMPLES, build_store
from fontes.errors import FontesError
from fontes.export import json_export
from fontes.ingest import discover, load_bytes, read_document


def read(path):
    return read_document(path, load_bytes(path))


def test_latin1_text_is_decoded_not_crashed(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes("Le général arriva à Hanoï en février 1954, après un long périple.\n".encode("latin-1"))
    doc = read(path)
    assert "général arriva à Hanoï" in doc.text
    assert doc.meta["encoding"] != "utf-8"


LETTER = ("Nguyễn Văn Cốc wrote from Kép on 3 May 1967:\r\n"
          "about forty pilots had arrived, and the “winter” was mild.\r\n")


@pytest.mark.parametrize("encoding, written", [
    ("utf-16-le", codecs.BOM_UTF16_LE + LETTER.encode("utf-16-le")),
    ("utf-16-be", codecs.BOM_UTF16_BE + LETTER.encode("utf-16-be")),
    ("utf-32-le", codecs.BOM_UTF32_LE + LETTER.encode("utf-32-le")),
    ("utf-32-be", codecs.BOM_UTF32_BE + LETTER.encode("utf-32-be")),
    ("utf-16-le", LETTER.encode("utf-16-le")),
    ("utf-16-be", LETTER.encode("utf-16-be")),
])
def test_utf16_and_utf32_text_is_decoded_with_or_without_its_byte_order_mark(tmp_path, encoding, written):
    path = tmp_path / "letter.txt"
    path.write_bytes(written)
    doc = read(path)
    assert doc.text == LETTER.replace("\r\n", "\n")
    assert doc.meta["encoding"] == encoding


def test_offsets_of_a_utf16_file_point_into_its_decoded_text(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + LETTER.encode("utf-16-le"))
    store = build_store(tmp_path, [path])
    doc_id = store.documents()[0]["id"]
    text = store.text_of(doc_id)
    assert text.startswith("Nguyễn Văn Cốc wrote from Kép")
    times = [t for t in json_export.build(store)["times"] if t["doc"] == f"d{doc_id}"]
    assert "3 May 1967" in [t["text"] for t in times]
    assert all(text[t["start"]:t["end"]] == t["text"] for t in times)


def test_bytes_with_nuls_that_are_no_wide_encoding_are_refused(tmp_path):
    path = tmp_path / "archive.txt"
    path.write_bytes(b"PK\x03\x04" + bytes(2000))
    with pytest.raises(FontesError, match=r"binary data, not text \(NUL bytes\)"):
        read(path)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(FontesError, match="empty file"):
        read(path)


def test_binary_junk_named_txt_is_refused(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(FontesError, match="binary"):
        read(path)


def test_truncated_pdf_is_reported_as_corrupt(tmp_path):
    whole = (EXAMPLES / "review-essay.pdf").read_bytes()
    path = tmp_path / "broken.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(FontesError, match="corrupt PDF|no text"):
        read(path)


def test_pdf_with_a_password_is_reported_as_encrypted(tmp_path):
    path = tmp_path / "locked.pdf"
    canvas = Canvas(str(path), encrypt="secret-password")
    canvas.drawString(72, 720, "A confidential memorandum of 1962.")
    canvas.save()
    with pytest.raises(FontesError, match="encrypted"):
        read(path)


def test_a_text_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    with pytest.raises(FontesError, match="too large"):
        load_bytes(path)


def test_html_scripts_and_navigation_do_not_reach_the_text():
    doc = read(EXAMPLES / "veterans-remember.html")
    assert "trackingPixel" not in doc.text and "Subscribe" not in doc.text
    assert "Pyotr Belov" in doc.text
    assert doc.title.startswith("Soviet veterans of Korea's secret air war remember")
    assert doc.authors == ["Daniel Okafor"]
    assert doc.published == "2020-06-22"
    assert doc.kind == "news"


def test_hostile_html_is_read_as_text(tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text("<html><body><p>The report of 1967 said <b>nothing</b>.</p>"
                    "<script>alert('x')</script><img src=x onerror=alert(1)>"
                    "<p>&lt;script&gt;alert(2)&lt;/script&gt; was printed in the memo.</p></body></html>")
    doc = read(path)
    assert "alert('x')" not in doc.text
    assert "<script>alert(2)</script> was printed" in doc.text


def test_pdf_keeps_pages_and_font_sizes():
    doc = read(EXAMPLES / "review-essay.pdf")
    assert len(doc.pages) == 2
    sizes = {line.size for line in doc.lines}
    assert {8.0, 11.0} <= sizes
    assert doc.title == "Counting the Invisible: A Review Essay"
    assert doc.published == "2022-09"  # from the sidecar review-essay.pdf.meta.json


def converted_pdf(path, metadata_title):
    """A one-page paper whose metadata title is `metadata_title`: a small running header above a
    two-line title in large type, an author and body text."""
    canvas = Canvas(str(path), invariant=1)
    if metadata_title:
        canvas.setTitle(metadata_title)
    for font, size, y, line in [("Helvetica", 8, 800, "Harbour Studies 4 (2011)"),
                                ("Helvetica-Bold", 18, 760, "The Long Tour:"),
                                ("Helvetica-Bold", 18, 738, "Delegations Between Two Allies"),
                                ("Helvetica", 11, 710, "Elena Varga"),
                                ("Helvetica", 11, 680, "In the summer of 1957 the trade delegation travelled east."),
                                ("Helvetica", 11, 665, "The envoys met at the border station in August.")]:
        canvas.setFont(font, size)
        canvas.drawString(72, y, line)
    canvas.save()
    return path


@pytest.mark.parametrize("metadata_title", ["Microsoft Word - Long_Tour_v3.doc", "long_tour_final", "longtour.tex",
                                            "paper.dvi", None])
def test_a_pdf_whose_metadata_title_is_a_file_name_takes_the_heading_on_page_one(tmp_path, metadata_title):
    doc = read(converted_pdf(tmp_path / "tour.pdf", metadata_title))
    assert doc.title == "The Long Tour: Delegations Between Two Allies"


def test_a_pdf_metadata_title_that_names_the_work_is_kept(tmp_path):
    doc = read(converted_pdf(tmp_path / "tour.pdf", "The Long Tour"))
    assert doc.title == "The Long Tour"


def test_the_clef_overview_is_titled_by_its_heading_not_its_word_file(shared):
    doc = read(shared / "corpora" / "pdfs" / "clef2008-qa-overview.pdf")
    assert doc.title == "OVERVIEW OF THE CLEF 2008 MULTILINGUAL QUESTION ANSWERING TRACK"


def test_folders_are_read_recursively_and_unsupported_files_listed(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.md").write_text("# Deep\n\nA note from 1970.\n")
    (tmp_path / "scan.tiff").write_bytes(b"II*\x00")
    (tmp_path / "top.txt").write_text("Top level text of 1965.\n")
    found, skipped = discover([tmp_path])
    assert sorted(p.name for p in found) == ["deep.md", "top.txt"]
    assert [p.name for p in skipped] == ["scan.tiff"]


def test_sidecar_sets_what_the_text_does_not_say(tmp_path):
    path = tmp_path / "clipping.txt"
    path.write_text("A short clipping about the 1966 agreement, without any date of its own.\n")
    (tmp_path / "clipping.meta.json").write_text('{"published": "1967-03-02", "kind": "news", "authors": ["A. Reporter"]}')
    doc = read(path)
    assert (doc.published, doc.kind, doc.authors) == ("1967-03-02", "news", ["A. Reporter"])


def test_a_malformed_sidecar_is_a_clear_error(tmp_path):
    path = tmp_path / "clipping.txt"
    path.write_text("Text of 1966.\n")
    (tmp_path / "clipping.meta.json").write_text("{not json")
    with pytest.raises(FontesError, match="sidecar clipping.meta.json is not valid JSON"):
        read(path)
