"""Claims, attribution chains, alignment across documents, independence, and answers."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, NEWS, WORKING_PAPER, build_store
from fontes import ask
from fontes.corpus.independence import independence, origins

CLAIMS = FIXTURES / "claims"


@pytest.fixture(scope="module")
def kep(tmp_path_factory):
    """Three short documents of our own that agree and disagree about one air base."""
    return build_store(tmp_path_factory.mktemp("kep"), [CLAIMS])


def claim(store, words: str) -> dict:
    found = [c for c in store.claims() if words in c["reading"]]
    assert found, words
    return found[0]


def group_of(store, first: str, second: str) -> dict | None:
    a, b = claim(store, first)["id"], claim(store, second)["id"]
    return next((g for g in store.alignments() if {a, b} <= {c["id"] for c in g["claims"]}), None)


def test_quoted_speaker_chain_names_the_speaker_the_book_and_the_document(kep):
    quote = claim(kep, "They were proud and quiet men")
    roles = [(link["role"], link["name"]) for link in quote["attribution"]]
    assert roles[0] == ("document", "The Memorial at Kep")
    assert ("speaker", "Tran Van Hoa") in roles
    assert any(role == "cited_work" and "Roe" in name for role, name in roles)


def test_an_unnamed_source_is_described_by_its_role(kep):
    c = claim(kep, "eighty-seven")
    assert {"name": "a retired Vietnamese colonel", "role": "speaker"} in c["attribution"]


def test_numbers_that_cannot_both_be_true_conflict(kep):
    group = group_of(kep, "eighty-seven", "200-400 airmen")
    assert group["relation"] == "conflict"
    assert group["explanation"] in ("200-400 airmen vs 87 airmen", "87 airmen vs 200-400 airmen")


def test_the_same_figure_in_words_and_digits_corroborates(kep):
    group = group_of(kep, "Fourteen North Korean airmen", "lists 14 North Korean")
    assert group["relation"] == "corroboration" and group["independent"] is True


def test_kept_secret_until_2000_agrees_with_acknowledged_in_2000_2001(kep):
    assert group_of(kep, "kept secret until 2000", "acknowledged in 2000-2001")["relation"] == "corroboration"


def test_first_acknowledged_in_2011_conflicts_with_kept_secret_until_2000(kep):
    assert group_of(kep, "kept secret until 2000", "first acknowledged in 2011")["relation"] == "conflict"


def test_a_claim_rests_on_the_note_of_its_sentence(tmp_path):
    store = build_store(tmp_path, [FIXTURES / "notes-paper.txt"])
    c = claim(store, "forty thousand tons of grain")
    assert c["notes"] == ["1"]
    assert {"name": "Archive of Foreign Policy of the Russian Federation", "role": "archive"} in c["attribution"]


def test_shared_origin_is_named_and_distinct_origins_are_independent():
    a = {"doc_id": 1, "attribution": [{"name": "A. Author", "role": "author"}, {"name": "Jane Roe", "role": "translator"}]}
    b = {"doc_id": 2, "attribution": [{"name": "Daily Paper", "role": "document"},
                                      {"name": "Soviet records", "role": "speaker"}, {"name": "Jane Roe", "role": "translator"}]}
    c = {"doc_id": 3, "attribution": [{"name": "B. Writer", "role": "author"}]}
    assert independence([a, b]) == (False, "Jane Roe")
    assert independence([a, c]) == (True, None)
    assert "person:roe" in origins(a)


# --- the reference sources ------------------------------------------------------------------------

def _by_name(export: dict, name: str) -> str:
    return next(d["id"] for d in export["documents"] if Path(d["path"]).name == name)


def test_the_pilot_quoted_in_a_historians_book_has_the_whole_chain(reference_export):
    ap = _by_name(reference_export, NEWS)
    quote = next(c for c in reference_export["claims"] if c["doc"] == ap and "best ones whose parents" in c["text"])
    names = " ".join(link["name"] for link in quote["attribution"])
    assert "Dinh" in names and "Toperczer" in names and quote["attribution"][0]["role"] in ("author", "document")


def test_air_force_numbers_in_the_working_paper_carry_their_note(reference_export):
    wp = _by_name(reference_export, WORKING_PAPER)
    c = next(c for c in reference_export["claims"] if c["doc"] == wp and "eighty-seven" in c["text"])
    assert c["notes"] == ["26"]
    assert any("Pribbenow" in link["name"] for link in c["attribution"])


def test_september_1966_agreement_has_a_shared_origin_and_the_graves_are_independent(reference_store):
    groups = reference_store.alignments("corroboration")
    september = next(g for g in groups if any("Hanoi accepted an offer" in c["reading"] for c in g["claims"])
                     and any("finally approved by Hanoi" in c["reading"] for c in g["claims"]))
    assert september["independent"] is False and september["shared_origin"] == "Merle Pribbenow"
    graves = next(g for g in groups if any("14 headstones" in c["reading"] for c in g["claims"]))
    assert graves["independent"] is True


def test_every_exported_claim_and_alignment_follows_the_contract(reference_export):
    ids = {c["id"] for c in reference_export["claims"]}
    for a in reference_export["alignments"]:
        assert a["relation"] in ("conflict", "corroboration") and set(a["claims"]) <= ids
        assert a["explanation"]
        if a["relation"] == "corroboration":
            assert isinstance(a["independent"], bool)


@pytest.mark.parametrize("question", ["How many North Korean pilots fought in Vietnam?",
                                      "When did the DPRK decide to send pilots to Vietnam?"])
def test_ask_quotes_both_sources_and_flags_the_conflict(reference_store, question):
    result = ask.answer(reference_store, question)
    docs = {c["doc_id"] for p in result.positions if not p.label.startswith("(") for c in p.claims}
    assert len(docs) == 2
    assert result.conflict and "disagree" in result.summary
    for position in result.positions:
        for c in position.claims:
            assert reference_store.text_of(c["doc_id"])[c["start"]:c["end"]] == c["text"]


def test_a_date_in_a_clause_without_a_verb_does_not_hang():
    from fontes.analyze import claims as claims_stage, language, times
    from fontes.analyze.view import View
    text = "The harsh winter of 1951, a season of hunger and cold.\n"
    parsed = next(p for _, p in language.parse([(0, View.masked(text), "body")]))
    when = times.run([parsed], text, None)[0]
    sentence = next(iter(parsed.sdoc.sents))
    assert claims_stage.dated_event(parsed, sentence, when)["event"]


def test_ask_can_be_written_as_prose_by_a_chat_endpoint_citing_only_given_claims(kep):
    import json
    import re
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen = {}

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self):
            payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen["path"], seen["payload"] = self.path, payload
            ids = re.findall(r"\[(c\d+)\]", payload["messages"][1]["content"])
            cited = " ".join(f"[{i}]" for i in ids[:2]) + (" [c999999]" if "invent" in payload["model"] else "")
            body = json.dumps({"choices": [{"message": {"role": "assistant", "content": f"They disagree {cited}."}}]})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Endpoint)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/v1"
    try:
        result = ask.answer(kep, "How many North Korean airmen served at Kep?")
        prose = ask.rewrite(result, url, "local-model")
        assert seen["path"] == "/v1/chat/completions" and seen["payload"]["model"] == "local-model"
        assert re.search(r"\[c\d+\]", prose)
        with pytest.raises(Exception, match="cited claims it was not given"):
            ask.rewrite(result, url, "invent-model")
    finally:
        server.shutdown()
