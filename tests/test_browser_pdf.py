"""The page image beside a PDF's text, in a real browser: clicking a claim on the second page of a
typeset PDF shows that page, drawn from the PDF, with boxes over the claim's words."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_store
from fontes.ingest import load_bytes
from fontes.ingest.pdf_page import read_page, span_boxes
from test_browser import CHROMIUM, Server, browser, page, snap  # noqa: F401  (the browser fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh test)")


@pytest.fixture(scope="module")
def essay(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf-reader")
    shutil.copy(FIXTURES / "pdfs" / "essay-one-column.pdf", folder / "essay.pdf")
    store = build_store(folder, [folder / "essay.pdf"])
    return store, store.documents()[0]["id"], folder / "essay.pdf"


def shown_page(page) -> None:
    """Wait until the page image has loaded and a box is drawn on it (the page's security policy
    allows no evaluated strings, so no wait_for_function)."""
    page.locator("#page-view .page-box").first.wait_for(state="attached")
    image = page.locator("#page-view img")
    for _ in range(100):
        if image.evaluate("img => img.complete && img.naturalWidth > 0"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the page image did not load")


def test_a_clicked_claim_is_boxed_on_the_page_that_prints_it(page, essay):
    store, doc, path = essay
    second = store.pages(doc)[1]
    # a claim on page 2 whose first piece carries no other mark, so the click selects the claim
    claims = [c for c in store.claims(doc_id=doc) if second["start"] <= c["start"] and c["end"] <= second["end"]]
    assert claims
    with Server(store.path) as site:
        page.goto(f"{site}/doc/{doc}")
        page.get_by_label("entities").uncheck()
        claim = next(c for c in claims if page.locator(f"#text [data-start='{c['start']}'][data-keys~='c{c['id']}']").count())
        page.locator(f"#text [data-start='{claim['start']}'][data-keys~='c{claim['id']}']").first.click()
        view = page.locator("#page-view")
        shown_page(page)
        assert view.get_attribute("data-page") == "2"
        assert "Page 2" in page.locator("#page-status").inner_text()
        image = page.locator("#page-view img").bounding_box()
        shown = [b.bounding_box() for b in page.locator("#page-view .page-box").all()]
        printed = read_page(load_bytes(path), 2)
        expected = span_boxes(printed, claim["start"] - second["start"], claim["end"] - second["start"])
        assert len(shown) == len(expected)
        scale = image["width"] / printed.width
        for box, (left, top, right, bottom) in zip(shown, expected):
            # inside the page, and over the very glyphs of the claim (within a pixel)
            assert image["x"] <= box["x"] and box["x"] + box["width"] <= image["x"] + image["width"] + 1
            assert image["y"] <= box["y"] and box["y"] + box["height"] <= image["y"] + image["height"] + 1
            assert box["x"] == pytest.approx(image["x"] + left * scale, abs=1.5)
            assert box["y"] == pytest.approx(image["y"] + top * scale, abs=1.5)
            assert box["width"] == pytest.approx((right - left) * scale, abs=1.5)
        snap(page, "reader-pdf")
        assert not page.errors


def test_a_link_to_a_span_shows_its_page_and_a_missing_file_is_said(page, essay, tmp_path):
    store, doc, path = essay
    third = store.pages(doc)[2]
    start = third["start"] + 40
    with Server(store.path) as site:
        page.goto(f"{site}/doc/{doc}?mark={start}-{start + 12}#target")
        shown_page(page)
        assert page.locator("#page-view").get_attribute("data-page") == "3"
        shutil.move(path, tmp_path / "away.pdf")
        try:
            page.reload()
            page.get_by_text("is no longer there").wait_for()
            assert page.locator("#page-view .page-frame").is_hidden()
        finally:
            shutil.move(tmp_path / "away.pdf", path)
        assert not page.errors
