"""How a document is named where it is quoted: a wire story by its outlet and date (its dateline is
the place it was filed from), a newswire file by its source code, a paper by author and year."""
from __future__ import annotations

from fontes.citation import cite, dateline, heading, name_document, source_name, when


def test_a_wire_dateline_is_the_place_and_the_agency_is_the_outlet():
    doc = {"title": "UNITED NATIONS (AP) _", "path": "/c/un.txt", "published": "1998-08-07", "kind": "news"}
    assert cite(doc) == "Associated Press, 7 August 1998 (United Nations)"
    assert source_name(doc) == "Associated Press"


def test_a_dateline_with_a_region_keeps_it():
    assert dateline("DAR ES SALAAM, Tanzania (AP) _") == {"place": "Dar Es Salaam, Tanzania", "agency": "AP"}


def test_a_dateline_without_an_agency_gives_the_place_and_date():
    assert cite({"title": "WASHINGTON _", "path": "/c/w.txt", "published": "1998-02", "kind": "news"}) == \
        "Washington, February 1998"


def test_a_headline_is_not_a_dateline():
    assert dateline("Soviet pilots over the Yalu") is None
    assert dateline("NATO") is None


def test_a_newswire_file_named_by_its_source_code_reads_as_its_outlet():
    doc = {"title": "APW19980807.0261", "path": "/c/APW19980807.0261.txt", "published": "1998-08-07"}
    assert cite(doc) == "Associated Press Worldstream, 7 August 1998"
    assert cite({"title": "wsj_0006", "path": "/c/wsj_0006.txt", "published": "1989-11-02"}) == \
        "Wall Street Journal, 2 November 1989"


def test_an_unknown_code_keeps_the_title():
    assert cite({"title": "XYZ19980807", "path": "/c/XYZ19980807.txt", "published": "1998-08-07"}) == \
        "XYZ19980807, 7 August 1998"


def test_the_outlet_in_the_metadata_comes_first():
    doc = {"title": "Talks resume", "path": "/c/t.html", "published": "1999-04-23", "meta": {"publisher": "BBC"}}
    assert cite(doc) == "BBC, 23 April 1999: Talks resume"


def test_a_paper_reads_as_author_and_year():
    doc = {"title": "The Air War", "path": "/c/p.pdf", "published": "2019-05", "kind": "scholarly",
           "authors": ["Charles Young", "Ann Lee", "Bo Park"]}
    assert cite(doc) == "Young et al., 2019: The Air War"
    assert cite({**doc, "authors": ["Charles Young", "Ann Lee"]}) == "Young and Lee, 2019: The Air War"


def test_dates_read_at_their_precision():
    assert [when("1998-08-07"), when("1998-08"), when("1998"), when(None)] == ["7 August 1998", "August 1998", "1998", ""]


def test_an_attribution_chain_names_its_document_by_the_citation():
    chain = [{"role": "document", "name": "UNITED NATIONS (AP) _"}, {"role": "speaker", "name": "Kofi Annan"}]
    assert name_document(chain, "Associated Press, 7 August 1998") == [
        {"role": "document", "name": "Associated Press, 7 August 1998"}, {"role": "speaker", "name": "Kofi Annan"}]


def test_a_page_is_headed_by_its_title_unless_the_title_is_a_dateline_or_the_file_name():
    assert heading({"title": "Talks resume", "path": "/c/t.txt", "published": "1999-04-23"}) == "Talks resume"
    assert heading({"title": "UNITED NATIONS (AP) _", "path": "/c/un.txt", "published": "1998-08-07"}) == \
        "Associated Press, 7 August 1998 (United Nations)"
    assert heading({"title": "ABC19980108.1830.0711", "path": "/c/ABC19980108.1830.0711.txt",
                    "published": "1998-01-08"}) == "ABC News, 8 January 1998"
