"""The web interface in a real browser: Debian's headless Chromium, driven by Playwright, against
`fontes serve`'s app on localhost. With FONTES_SCREENSHOTS=DIR each test also saves a picture of its view
(the README's screenshots come from here: `bash scripts/screenshots.sh`)."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from conftest import FIXTURES, build_store
from fontes.web.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
# Chromium's own calls home are refused on a closed network; these flags keep it from trying.
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh test)")
playwright_api = pytest.importorskip("playwright.sync_api")


class Server:
    """`fontes serve`'s app under uvicorn, in a thread, on a free localhost port."""

    def __init__(self, db: Path):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return f"http://127.0.0.1:{self.port}"
            time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(sample_store):
    with Server(sample_store.path) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def snap(page, name: str) -> None:
    folder = os.environ.get("FONTES_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def doc_id(store, name: str) -> int:
    return next(d["id"] for d in store.documents() if d["path"].endswith(name))


def test_library_lists_the_documents(page, site, sample_store):
    page.goto(site + "/")
    rows = page.locator("table.library tbody tr")
    assert rows.count() == len(sample_store.documents())
    assert page.get_by_role("link", name="Counting the Invisible: A Review Essay").is_visible()
    snap(page, "library")
    assert not page.errors


def test_reader_opens_a_note_and_shows_what_a_claim_is_linked_to(page, site, sample_store):
    essay = doc_id(sample_store, "review-essay.pdf")
    page.goto(f"{site}/doc/{essay}")
    marker = page.locator("#text a.marker").first
    note_id = marker.get_attribute("data-note")
    note = page.locator(f"#{note_id}")
    assert "open" not in (note.get_attribute("class") or "")
    marker.click()
    assert "open" in note.get_attribute("class")
    assert "Central Archive of the Ministry of Defense" in note.inner_text()
    page.get_by_label("entities").uncheck()
    assert "hide-entity" in page.locator("#text").get_attribute("class")
    conflicted = sample_store.alignments(relation="conflict")[0]["claims"]
    claim = next((c for c in conflicted if c["doc_id"] == essay), None) or conflicted[0]
    if claim["doc_id"] != essay:
        page.goto(f"{site}/doc/{claim['doc_id']}")
        page.get_by_label("entities").uncheck()
    page.locator(f"#text [data-keys~='c{claim['id']}']").first.click()
    panel = page.locator("#selection")
    panel.get_by_text("Says who").wait_for()
    assert "conflict" in panel.inner_text().lower()
    snap(page, "reader")
    assert not page.errors


def test_a_link_to_a_span_marks_the_exact_words(page, site, sample_store):
    claim = sample_store.claims()[3]
    page.goto(f"{site}/doc/{claim['doc_id']}?mark={claim['start']}-{claim['end']}#target")
    marked = page.locator("#text .target")
    text = sample_store.text_of(claim["doc_id"])
    assert "".join(marked.all_inner_texts()) == text[claim["start"]:claim["end"]]
    assert page.locator("#target").is_visible()


def test_a_markdown_source_shows_headings_and_emphasis_not_its_markup(page, site, sample_store):
    entry = doc_id(sample_store, "encyclopedia-entry.md")
    page.goto(f"{site}/doc/{entry}")
    text = page.locator("#text")
    heading = text.get_by_role("heading", name="64th Fighter Aviation Corps", exact=True)
    assert heading.is_visible()
    assert heading.evaluate("h => h.tagName") == "H2"
    assert heading.evaluate("h => parseFloat(getComputedStyle(h).fontSize)") == 25.6  # 1.6 times the text's 16px
    shown = text.inner_text()
    assert shown.startswith("64th Fighter Aviation Corps\n")
    assert "**" not in shown and "#" not in shown
    assert "The 64th Fighter Aviation Corps was the Soviet air formation" in shown
    bold = text.locator(".md-strong:not(.md-markup)").first
    assert bold.evaluate("b => getComputedStyle(b).fontWeight") == "700"
    snap(page, "markdown")
    assert not page.errors


def test_timeline_filters_and_clicks_through(page, site, sample_store):
    page.goto(site + "/timeline")
    page.locator("#timeline[data-ready=true]").wait_for()
    everything = page.locator(".vis-item").count()
    assert everything > 5
    assert page.locator(".vis-item.vis-range").count() > 0, "imprecise times are drawn as ranges"
    snap(page, "timeline")
    korea = sample_store.entity_named("Korea")["id"]
    page.select_option("#filter-entity", str(korea))
    page.wait_for_url(f"**/timeline?entity={korea}*")
    page.locator("#timeline[data-ready=true]").wait_for()
    narrowed = page.locator(".vis-item").count()
    assert 0 < narrowed < everything
    page.locator(".vis-item").first.click()
    link = page.locator("#timeline-selection blockquote a")
    link.wait_for()
    link.click()
    page.wait_for_url("**/doc/*")
    assert page.locator("#text .target").count() > 0
    assert not page.errors


def test_network_shows_an_entity(page, site, sample_store):
    page.goto(site + "/network")
    page.locator("#cy[data-ready=true]").wait_for()
    assert page.evaluate("window.fontesNetwork.nodes().length") > 10
    soviet = sample_store.entity_named("Soviet Union")
    page.evaluate(f"window.fontesNetwork.getElementById('e{soviet['id']}').emit('tap')")
    panel = page.locator("#selection")
    panel.get_by_text(soviet["name"]).first.wait_for()
    assert "mentions in" in panel.inner_text()
    snap(page, "network")
    assert not page.errors


def test_conflict_side_by_side_and_through_to_the_source(page, site, sample_store):
    page.goto(site + "/conflicts")
    group = page.locator("details.group").first
    cards = group.locator(".claim-card")
    assert cards.count() >= 2 and "Says who" in cards.first.inner_text()
    snap(page, "conflicts")
    page.goto(site + "/agreements")
    page.locator("details.group").nth(1).locator("summary").click()
    assert page.locator("details.group").nth(1).locator(".claim-card").first.is_visible()
    snap(page, "agreements")
    page.goto(site + "/conflicts")
    cards.first.locator("blockquote a").click()
    page.wait_for_url("**/doc/*")
    assert page.locator("#target").is_visible()


def test_archives_view(page, site):
    page.goto(site + "/archives")
    row = page.locator("table.archives tbody tr", has_text="Central Archive of the Ministry of Defense")
    row.locator("summary").click()
    assert row.locator("li a").first.is_visible()
    snap(page, "archives")


def test_ask_a_question(page, site):
    page.goto(site + "/ask")
    page.get_by_label("Question", exact=True).fill("How many Soviet pilots served in Korea?")
    page.get_by_role("button", name="Ask").click()
    page.locator("#answer").wait_for()
    assert "disagree" in page.locator(".summary").inner_text()
    quotes = page.locator("#answer blockquote a")
    assert quotes.count() >= 2
    snap(page, "ask")
    quotes.first.click()
    page.wait_for_url("**/doc/*")
    assert page.locator("#target").is_visible()


def test_upload_then_a_hostile_page_shows_its_markup_and_runs_nothing(browser, tmp_path):
    store = build_store(tmp_path, [])
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with Server(store.path) as url:
        page.goto(url + "/")
        page.set_input_files("#files", [str(FIXTURES / "hostile" / "notes-with-markup.txt"),
                                        str(FIXTURES / "hostile" / "hostile-page.html")])
        page.get_by_role("button", name="Upload and ingest").click()
        page.locator("#upload-status", has_text="Done").wait_for(timeout=120_000)
        page.locator("table.library tbody tr").nth(1).wait_for()
        for link in [a.get_attribute("href") for a in page.locator("table.library tbody a").all()]:
            page.goto(url + link)
            for box in ("entities", "claims"):
                page.get_by_label(box).uncheck()
            page.locator("#text [data-keys]").first.hover()
            page.locator("#text [data-keys]").first.click()
            assert page.evaluate("window.__pwned") is None
        assert "<script>window.__pwned" in page.locator("#text").inner_text() or \
            "<img src=x" in page.locator("#text").inner_text()
    context.close()
    assert dialogs == []
