"""The page image beside a PDF's text: a page read again from its file gives the stored text
character for character, a span's boxes cover exactly its characters' glyphs (checked against
PDFium's own search and character boxes), and the API serves the page and the boxes, or says why not."""
from __future__ import annotations

import io
import re
import shutil

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from conftest import FIXTURES, build_store
from fontes.ingest import load_bytes, read_document
from fontes.ingest.pdf_glyphs import Glyph
from fontes.ingest.pdf_lines import page_lines
from fontes.ingest.pdf_page import char_boxes, read_page, span_boxes
from fontes.web.app import create_app

TYPESET = [FIXTURES / "pdfs" / "essay-one-column.pdf", FIXTURES / "pdfs" / "essay-two-column.pdf"]


@pytest.fixture(scope="module", params=TYPESET, ids=lambda p: p.stem)
def typeset(request):
    data = load_bytes(request.param)
    return data, read_document(request.param, data)


def test_every_page_read_again_gives_the_stored_text_with_a_box_per_glyph(typeset):
    data, doc = typeset
    for number, (start, end) in enumerate(doc.pages, 1):
        page = read_page(data, number)
        assert page.text == doc.text[start:end]
        assert len(page.boxes) == len(page.text)
        for char, box in zip(page.text, page.boxes):
            assert (box is None) == char.isspace()
            if box:
                assert 0 <= box[0] < box[2] <= page.width and 0 <= box[1] < box[3] <= page.height


def _unique_words(text: str) -> list[str]:
    words = re.findall(r"(?<![\w-])[A-Za-z]{7,}(?![\w-])", text)
    return [w for w in dict.fromkeys(words) if len(re.findall(rf"(?<![\w-]){w}(?![\w-])", text)) == 1]


def test_a_words_box_is_the_union_of_the_glyphs_pdfium_finds_for_it(typeset):
    data, doc = typeset
    pdf = pdfium.PdfDocument(data)
    checked = 0
    for number, (start, _) in enumerate(doc.pages, 1):
        page = read_page(data, number)
        textpage = pdf[number - 1].get_textpage()
        own = textpage.get_text_range()
        for word in _unique_words(page.text)[:15]:
            if len(re.findall(rf"(?<![\w-]){word}(?![\w-])", own)) != 1:
                continue  # printed with a ligature, or broken at a line end, in PDFium's own text
            found = textpage.search(word, match_case=True, match_whole_word=True).get_next()
            assert found is not None
            index, count = found
            # PDFium's boxes are from the page's bottom-left; fontes' from its top-left
            boxes = [textpage.get_charbox(i, loose=True) for i in range(index, index + count)]
            expected = (min(b[0] for b in boxes), page.height - max(b[3] for b in boxes),
                        max(b[2] for b in boxes), page.height - min(b[1] for b in boxes))
            at = re.search(rf"(?<![\w-]){word}(?![\w-])", page.text).start()
            got = span_boxes(page, at, at + len(word))
            assert len(got) == 1 and got[0] == pytest.approx(expected, abs=0.01), word
            checked += 1
    assert checked >= 20


def test_a_span_over_a_line_end_has_one_box_per_line(typeset):
    data, doc = typeset
    page = read_page(data, 2)
    first_line_end = page.text.index("\n", page.text.index("\n") + 1)  # the end of the page's second line
    boxes = span_boxes(page, first_line_end - 6, first_line_end + 7)
    assert len(boxes) == 2
    assert boxes[1][1] >= boxes[0][3] - 1  # the second box is on the line below
    assert span_boxes(page, first_line_end, first_line_end + 1) == []  # the newline prints nothing


def test_a_ligature_shares_its_glyphs_box_among_its_letters():
    # "office" set with the "ffi" ligature: one glyph, three letters
    glyphs = [Glyph("o", 10, 20, 15, 30, 28, 10), Glyph("ffi", 15, 20, 24, 30, 28, 10),
              Glyph("c", 24, 20, 28, 30, 28, 10), Glyph("e", 28, 20, 32, 30, 28, 10)]
    line = page_lines(glyphs, 200)[0]
    assert line.text == "office"
    boxes = char_boxes(line.glyphs)
    assert [b[0] for b in boxes] == pytest.approx([10, 15, 18, 21, 24, 28])
    assert [b[2] for b in boxes] == pytest.approx([15, 18, 21, 24, 28, 32])


@pytest.fixture(scope="module")
def pdf_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdfs")
    copy = folder / "essay.pdf"
    shutil.copy(TYPESET[0], copy)
    (folder / "memo.txt").write_text("The committee met on 3 May 1961 and voted to close the mill.\n", encoding="utf-8")
    store = build_store(folder, [copy, folder / "memo.txt"])
    ids = {d["path"].rsplit("/", 1)[-1]: d["id"] for d in store.documents()}
    return store, copy, ids


def test_the_api_gives_a_spans_pages_and_boxes(pdf_store):
    store, _, ids = pdf_store
    client = TestClient(create_app(store.path))
    doc = store.document(str(ids["essay.pdf"]))
    pages = store.pages(doc["id"])
    # a span across the break between pages 1 and 2
    start, end = pages[0]["end"] - 30, pages[1]["start"] + 40
    data = client.get(f"/api/documents/{doc['id']}/boxes", params={"start": start, "end": end}).json()
    assert data["text"] == doc["text"][start:end]
    assert [p["page"] for p in data["pages"]] == [1, 2]
    for page in data["pages"]:
        assert page["boxes"]
        for left, top, right, bottom in page["boxes"]:
            assert 0 <= left < right <= page["width"] and 0 <= top < bottom <= page["height"]
    image = client.get(data["pages"][1]["image"], params={"scale": 1})
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    width, height = Image.open(io.BytesIO(image.content)).size
    assert (width, height) == (pytest.approx(data["pages"][1]["width"], abs=1), pytest.approx(data["pages"][1]["height"], abs=1))


def test_the_api_says_why_there_is_no_page_image(pdf_store, tmp_path):
    store, copy, ids = pdf_store
    client = TestClient(create_app(store.path))
    text = client.get(f"/api/documents/{ids['memo.txt']}/boxes", params={"start": 0, "end": 5})
    assert text.status_code == 404 and "not a PDF" in text.json()["detail"]
    past = client.get(f"/api/documents/{ids['essay.pdf']}/boxes", params={"start": 0, "end": 10**7})
    assert past.status_code == 404 and "are not in" in past.json()["detail"]
    shutil.move(copy, tmp_path / "moved.pdf")
    try:
        gone = client.get(f"/api/documents/{ids['essay.pdf']}/pages/1.png")
        assert gone.status_code == 404 and "is no longer there" in gone.json()["detail"]
    finally:
        shutil.move(tmp_path / "moved.pdf", copy)
