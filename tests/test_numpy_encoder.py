"""The embedding computed with NumPy is the one sentence-transformers computes from the same model, so
`ask` ranks claims exactly as before without loading PyTorch, and both fill one cache."""
from __future__ import annotations

import numpy as np

from fontes.corpus import embeddings, numpy_encoder


def test_the_numpy_encoder_gives_the_models_vectors():
    texts = ["How many pilots served in Korea?", "When did the first Soviet pilots meet American aircraft?",
             "Der Bericht nennt 1.200 Piloten — and then 35 downed aircraft “since the spring began”."]
    reference = embeddings.encode(texts, "cpu")
    for text, expected in zip(texts, reference):
        vector = numpy_encoder.encode(text)
        assert vector.dtype == np.float32 and vector.shape == (embeddings.DIMENSIONS,)
        assert np.abs(vector - expected).max() < 1e-5


def test_a_question_longer_than_the_model_reads_is_cut_as_the_model_cuts_it():
    long = "pilots " * 400
    assert np.abs(numpy_encoder.encode(long) - embeddings.encode([long], "cpu")[0]).max() < 1e-5
