"""Loads the language data under `fontes/data/` (TOML files), kept apart from the code that uses it."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The parsed contents of `data/NAME.toml`."""
    with resources.files("fontes.data").joinpath(f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)
