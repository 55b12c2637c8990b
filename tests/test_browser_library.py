"""The library in a real browser: search by words of the title or text, filters by kind, date and
status, sorting, and a document's page with where its claims stand against the other sources (the
sample corpus, served and driven in Debian's Chromium as in test_browser.py)."""
from __future__ import annotations

import pytest

from fontes.citation import cite
from test_browser import CHROMIUM, Server, browser, page, snap  # noqa: F401  (the browser fixtures)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh test)")


@pytest.fixture(scope="module")
def site(sample_store):
    with Server(sample_store.path) as url:
        yield url


def listed(page, store) -> list[str]:
    """The file names of the documents listed, in order."""
    names = {f"/doc/{d['id']}": d["path"].split("/")[-1] for d in store.documents()}
    links = page.locator("table.library tbody tr td:nth-child(2) > a")
    return [names[link.get_attribute("href")] for link in links.all()]


def show(page, **fields) -> None:
    form = page.locator("#shelf")
    for label, value in fields.items():
        field = form.get_by_label(label.capitalize())
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    with page.expect_navigation():
        form.get_by_role("button", name="Show").click()


def test_library_finds_documents_by_words_of_their_text_or_title(page, site, sample_store):
    page.goto(site + "/")
    show(page, search="telegram")  # the cable's title
    assert listed(page, sample_store) == ["cable-1951-04.txt"]
    show(page, search="MiG")  # in the text of two documents, in no title
    assert listed(page, sample_store) == ["sokolova-working-paper.txt", "veterans-remember.html"]
    assert page.locator("#shelf-count").inner_text() == "2 of 5 documents match."
    show(page, search="MiG Tolstoy")  # every word must be there
    assert listed(page, sample_store) == []
    assert "No document matches" in page.locator("table.library").inner_text()
    assert not page.errors


def test_library_filters_by_date_kind_and_status_and_sorts(page, site, sample_store):
    page.goto(site + "/")
    show(page, **{"from": "2020", "to": "2021", "sort": "date, newest first"})
    assert listed(page, sample_store) == ["sokolova-working-paper.txt", "veterans-remember.html"]  # March 2021, then June 2020
    show(page, kind="scholarly")  # the dates are kept
    assert listed(page, sample_store) == ["sokolova-working-paper.txt"]
    page.goto(site + "/")
    show(page, status="in a conflict", sort="most claims first")
    conflicted = {c["doc_id"] for g in sample_store.alignments(relation="conflict") for c in g["claims"]}
    by_claims = sorted(conflicted, key=lambda d: (-len(sample_store.claims(doc_id=d)), d))
    paths = {d["id"]: d["path"].split("/")[-1] for d in sample_store.documents()}
    assert conflicted and listed(page, sample_store) == [paths[d] for d in by_claims]
    assert all("in conflict" in t for t in page.locator("table.library tbody td.compared").all_inner_texts())
    snap(page, "library-filtered")
    assert not page.errors


def test_a_document_page_shows_its_source_and_where_its_claims_stand(page, site, sample_store):
    conflict = sample_store.alignments(relation="conflict")[0]
    doc = conflict["claims"][0]["doc_id"]
    page.goto(site + "/?status=conflict")
    page.locator(f"table.library a[href='/doc/{doc}']").click()
    standing = page.locator("#standing")
    fields = sample_store.citation_fields({doc})[0]
    assert standing.locator(".citation").inner_text() == cite(fields)
    if fields["published"]:
        assert standing.locator("time").get_attribute("datetime") == fields["published"]
    else:
        assert "no date found" in standing.inner_text()
    group = standing.locator(f"li[data-group='{conflict['id']}']")
    assert group.locator(".relation").text_content() == "conflict"
    others = [c for c in conflict["claims"] if c["doc_id"] != doc]
    assert group.locator(".others li").count() == len(others)
    standing.scroll_into_view_if_needed()
    snap(page, "reader-standing")
    with page.expect_navigation():
        group.locator(f"a[href='/group/{conflict['id']}']").click()
    assert page.locator("h1").inner_text() == f"Group a{conflict['id']}: conflict"
    assert page.locator(f"details#a{conflict['id']} .claim-card").count() == len(conflict["claims"])
    assert not page.errors
