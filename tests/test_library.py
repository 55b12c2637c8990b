"""The library's shelf (search, filters, sorting, paging) and the entity pairs the network reads, on
small stores written for the tests."""
from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient

from fontes import pipeline
from fontes.errors import FontesError
from fontes.model import Analysis, Claim, Document, Mention, Sentence
from fontes.store import Shelf, Store
from fontes.web import library
from fontes.web.app import create_app

# (sentence, names in it): each document is made of its sentences, one claim each
LETTERS = [
    ("Marta Ilves wrote to Jonas Berg from Tartu.", ["Marta Ilves", "Jonas Berg", "Tartu"]),
    ("Jonas Berg answered that the harvest failed.", ["Jonas Berg"]),
    ("The ferry to Tartu carried 40 passengers.", ["Tartu"]),
]


def document(number: int, sentences: list[tuple[str, list[str]]], published: str | None = None,
             kind: str = "other", title: str | None = None) -> tuple[Document, Analysis]:
    text = " ".join(s for s, _ in sentences)
    analysis, at = Analysis(), 0
    for sentence, names in sentences:
        start = text.index(sentence, at)
        analysis.sentences.append(Sentence(start, start + len(sentence), sentence))
        analysis.claims.append(Claim(start, start + len(sentence), sentence, sentence, False, [], [], None, []))
        for name in names:
            where = text.index(name, start)
            label = "GPE" if name == "Tartu" else "PERSON"
            analysis.mentions.append(Mention(where, where + len(name), name, label, name=name))
        at = start + len(sentence)
    sha = hashlib.sha256(text.encode() + str(number).encode()).hexdigest()
    return Document(f"letters/{number:03d}.txt", text, "text", sha, title=title or f"Letter {number}",
                    published=published, kind=kind), analysis


@pytest.fixture(scope="module")
def shelf_store(tmp_path_factory) -> Store:
    """120 letters: the odd ones from 1921 (month by number), the even ones undated; every tenth a
    news item about a ferry and with one claim more."""
    store = Store(tmp_path_factory.mktemp("library") / "fontes.db")
    for n in range(1, 121):
        sentences = LETTERS[:2] if n % 10 else LETTERS
        published = f"1921-{(n % 12) + 1:02d}-15" if n % 2 else None
        doc, analysis = document(n, sentences, published, "news" if n % 10 == 0 else "archival")
        store.save_document(doc, analysis, pipeline.ANALYSIS_VERSION)
    pipeline.resolve_entities(store)
    return store


def test_a_search_pages_through_every_document_that_holds_each_word(shelf_store):
    ferry = Shelf(words=["ferry", "passengers"])
    assert shelf_store.library_count(ferry) == 12
    assert shelf_store.library_count(Shelf(words=["ferry", "harvest"])) == 12  # in two sentences of one text
    assert shelf_store.library_count(Shelf(words=["ferry", "locomotive"])) == 0
    assert shelf_store.library_count(Shelf(words=["pass"])) == 12  # the start of a word finds it
    assert shelf_store.library_count(Shelf(words=["letter", "ferry"])) == 12  # one word in the title, one in the text
    pages = [shelf_store.library_page(Shelf(), offset, 50)[1] for offset in (0, 50, 100)]
    assert [len(p) for p in pages] == [50, 50, 20]
    assert shelf_store.library_page(Shelf(), 200, 50) == (120, [])
    assert [d["id"] for p in pages for d in p] == list(range(1, 121))


def test_dates_are_inclusive_and_a_year_or_month_takes_in_its_days(shelf_store):
    april = shelf_store.library_page(Shelf(since="1921-04", until="1921-04"), 0, 100)[1]
    assert [d["id"] for d in april] == list(range(3, 121, 12)) and {d["published"] for d in april} == {"1921-04-15"}
    assert shelf_store.library_count(Shelf(since="1921-04-15", until="1921-04-15")) == 10
    assert shelf_store.library_count(Shelf(since="1921-04-16", until="1921-05-14")) == 0
    assert shelf_store.library_count(Shelf(until="1921")) == 60
    assert shelf_store.library_count(Shelf(since="1922")) == 0


def test_sorting_by_date_title_and_claims(shelf_store):
    newest = shelf_store.library_page(Shelf(order="-date"), 0, 3)[1]
    assert [d["published"] for d in newest] == ["1921-12-15"] * 3
    assert shelf_store.library_page(Shelf(order="date"), 119, 1)[1][0]["published"] is None  # undated last
    assert [d["title"] for d in shelf_store.library_page(Shelf(order="title"), 0, 3)[1]] == ["Letter 1", "Letter 10",
                                                                                         "Letter 100"]
    most = shelf_store.library_page(Shelf(order="claims"), 0, 12)[1]
    assert [d["id"] for d in most] == list(range(10, 121, 10)) and {d["claims"] for d in most} == {3}


def test_kind_and_status_filters(shelf_store):
    assert shelf_store.library_count(Shelf(kind="news")) == 12
    assert shelf_store.library_count(Shelf(status="conflict")) == 0  # never aligned
    assert shelf_store.library_count(Shelf(status="pending")) == 120  # stored, not through alignment yet
    assert shelf_store.library_count(Shelf(status="scanned")) == 0


def test_the_web_shelf_refuses_a_date_that_is_not_one_and_keeps_filters_across_pages(shelf_store):
    with pytest.raises(FontesError, match="not a year, month or day"):
        library.shelf(since="March")
    client = TestClient(create_app(shelf_store.path))
    assert client.get("/", params={"until": "1921-13x"}).status_code == 400
    page = client.get("/", params={"q": "harvest", "kind": "archival", "order": "title"}).text
    assert "108 of 120 documents match" in page
    assert 'href="/?q=harvest&amp;kind=archival&amp;order=title&amp;page=2"' in page
    data = client.get("/api/documents", params={"q": "harvest", "kind": "archival", "page": 3}).json()
    assert data["paging"] == {"page": 3, "pages": 3, "total": 108, "per_page": 50, "offset": 100}
    past = client.get("/api/documents", params={"q": "harvest", "kind": "archival", "page": 9}).json()
    assert past["paging"]["page"] == 3 and [d["id"] for d in past["documents"]] == [d["id"] for d in data["documents"]]


def test_pairs_are_counted_per_sentence_and_document_after_each_resolution(shelf_store):
    named = {e["name"]: e["id"] for e in shelf_store.entity_counts()}
    marta, jonas, tartu = named["Marta Ilves"], named["Jonas Berg"], named["Tartu"]
    pairs = {(a, b): (n, d) for a, b, n, d, _ in shelf_store.entity_pairs([marta, jonas, tartu])}
    assert pairs == {tuple(sorted(p)): (120, 120) for p in [(marta, jonas), (marta, tartu), (jonas, tartu)]}
    assert sorted(shelf_store.pair_neighbours([marta])) == sorted([(marta, jonas, 120), (marta, tartu, 120)])
    counts = {e["name"]: (e["mentions"], e["documents"]) for e in shelf_store.entity_counts()}
    assert counts["Jonas Berg"] == (240, 120) and counts["Tartu"] == (132, 120)
