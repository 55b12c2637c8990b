"""Shared fixtures: stores built once per test session from the sample corpus and the reference
sources, a CLI runner, and the paths of the shared evaluation material."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fontes import pipeline
from fontes.cli import cli
from fontes.export import json_export
from fontes.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "sources"
WORKING_PAPER = SOURCES / "nkidp-wp7-young-2019.txt"
NEWS = SOURCES / "ap-2019-bac-giang-memorial.txt"


def build_store(tmp: Path, paths: list[Path]) -> Store:
    store = Store(tmp / "fontes.db")
    pipeline.ingest(store, paths)
    return store


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Store:
    """The bundled sample corpus, ingested once."""
    return build_store(tmp_path_factory.mktemp("sample"), [EXAMPLES])


@pytest.fixture(scope="session")
def reference_store(tmp_path_factory) -> Store:
    """The two reference sources from ../shared/sources, ingested once."""
    if not WORKING_PAPER.exists():
        pytest.skip("../shared/sources is not beside the repository")
    tmp = tmp_path_factory.mktemp("reference")
    for source in (WORKING_PAPER, NEWS):
        shutil.copy(source, tmp / source.name)
    return build_store(tmp, [tmp / WORKING_PAPER.name, tmp / NEWS.name])


@pytest.fixture(scope="session")
def reference_export(reference_store) -> dict:
    return json.loads(json.dumps(json_export.build(reference_store)))


@pytest.fixture
def run_cli(tmp_path):
    """Invoke the CLI against a fresh store in tmp_path; returns the click Result."""
    runner = CliRunner()

    def invoke(*args: str, db: Path | None = None):
        return runner.invoke(cli, ["--db", str(db or tmp_path / "cli.db"), *args], catch_exceptions=False)

    return invoke


def entity_of(export: dict, doc_name: str, text: str, occurrence: int = 0) -> str | None:
    """Id of the entity whose mention covers the n-th occurrence of `text` in a document."""
    doc_id = next(d["id"] for d in export["documents"] if Path(d["path"]).name == doc_name)
    places = [m for e in export["entities"] for m in e["mentions"] if m["doc"] == doc_id and m["text"] == text]
    places.sort(key=lambda m: m["start"])
    if occurrence >= len(places):
        return None
    target = places[occurrence]
    return next(e["id"] for e in export["entities"] if target in e["mentions"])
