"""Which of a question's words the claim search ranks by: words too common to tell claims apart
are left out when the rarer words match enough claims."""
from __future__ import annotations

import hashlib

import pytest

from fontes import pipeline
from fontes.ask import telling_words
from fontes.model import Analysis, Claim, Document, Sentence
from fontes.store import Store

# Per document: four claims name the ferry and the river, three the river only, three neither.
SENTENCES = ["The ferry crossed the river at dawn."] * 4 + ["The river flooded the lower fields."] * 3 + \
    ["Grain prices fell in the market town."] * 3


@pytest.fixture(scope="module")
def river_store(tmp_path_factory) -> Store:
    """60 letters, 600 claims: the river in 420 of them (most), the ferry in 240."""
    store = Store(tmp_path_factory.mktemp("ask") / "fontes.db")
    for number in range(60):
        text = " ".join(SENTENCES)
        analysis, at = Analysis(), 0
        for sentence in SENTENCES:
            start = text.index(sentence, at)
            analysis.sentences.append(Sentence(start, start + len(sentence), sentence))
            analysis.claims.append(Claim(start, start + len(sentence), sentence, sentence))
            at = start + len(sentence)
        sha = hashlib.sha256(f"{text}{number}".encode()).hexdigest()
        store.save_document(Document(f"letters/{number:02d}.txt", text, "text", sha), analysis, pipeline.ANALYSIS_VERSION)
    return store


def test_a_word_in_most_claims_is_left_out_when_the_rarer_words_match_enough(river_store):
    assert telling_words(river_store, ["river", "ferry"], 200) == '"ferry"*'


def test_a_common_word_is_kept_when_the_rarer_words_match_too_few_claims(river_store):
    assert telling_words(river_store, ["river", "ferry"], 300) == '"river"* OR "ferry"*'


def test_words_of_like_weight_are_all_kept(river_store):
    assert telling_words(river_store, ["ferry", "grain"], 100) == '"ferry"* OR "grain"*'


def test_the_claims_ranked_without_the_common_word_are_those_that_ranked_first_with_it(river_store):
    ferry = {r[0] for r in river_store.db.execute("SELECT id FROM claims WHERE reading LIKE '%ferry%'")}
    with_it = river_store.search_claims('"river"* OR "ferry"*', limit=200)
    without = river_store.search_claims(telling_words(river_store, ["river", "ferry"], 200), limit=200)
    assert len(without) == len(with_it) == 200
    assert set(with_it) <= ferry and set(without) <= ferry
