"""Shared fixtures: stores built once per test session from the sample corpus and the reference
sources, a CLI runner, and the shared reference material beside the repository.

The reference material (`../shared`, or wherever $FONTES_SHARED points) is not part of the
repository: tests that read it ask for the `shared` fixture, which marks them `shared` and skips
them when the material is absent, so a fresh clone passes its own test command."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from fontes import pipeline
from fontes.cli import cli
from fontes.export import json_export
from fontes.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# Property tests check what holds, not how fast: speed is measured in bench/, and a loaded machine
# must not fail a test by Hypothesis's default 200 ms deadline.
settings.register_profile("fontes", deadline=None)
settings.load_profile("fontes")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_VARIABLE = "FONTES_SHARED"
# The two reference sources, by their file names in shared/sources.
WORKING_PAPER = "nkidp-wp7-young-2019.txt"
NEWS = "ap-2019-bac-giang-memorial.txt"


def shared_root() -> Path:
    """Where the shared reference material is looked for: $FONTES_SHARED, else ../shared."""
    return Path(os.environ.get(SHARED_VARIABLE) or ROOT.parent / "shared")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test that reads the shared material, however indirectly, so that
    `pytest -m shared` selects exactly those (before -m deselects anything)."""
    for item in items:
        if "shared" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)


def build_store(tmp: Path, paths: list[Path]) -> Store:
    store = Store(tmp / "fontes.db")
    pipeline.ingest(store, paths)
    return store


def store_of_stories(folder: Path, stories: list[tuple[str, str, str]]) -> Store:
    """A store of short news stories written for a test: (file name, publication date, text) each."""
    for name, published, text in stories:
        (folder / name).write_text(text + "\n", encoding="utf-8")
        (folder / (name + ".meta.json")).write_text(json.dumps({"published": published, "kind": "news"}))
    return build_store(folder, [folder])


def relations_between(store: Store, first: str, second: str) -> dict[str, str]:
    """The relations fontes gives between claims of two stories (by file name), with their reasons."""
    ids = {d["id"]: Path(d["path"]).name for d in store.documents()}
    return {g["relation"]: g["explanation"] for g in store.alignments()
            if {first, second} <= {ids[c["doc_id"]] for c in g["claims"]}}


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Store:
    """The bundled sample corpus, ingested once."""
    return build_store(tmp_path_factory.mktemp("sample"), [EXAMPLES])


def missing_shared_reason(root: Path) -> str:
    """Why a test of the shared material is skipped."""
    return (f"needs the shared reference material, absent at {root} "
            f"(put it in ../shared beside the repository or set {SHARED_VARIABLE})")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The root of the shared reference material; the test is skipped where it is absent."""
    root = shared_root()
    if not (root / "sources").is_dir():
        pytest.skip(missing_shared_reason(root))
    return root


@pytest.fixture(scope="session")
def sources(shared) -> Path:
    """The folder of the reference sources."""
    return shared / "sources"


@pytest.fixture(scope="session")
def reference_store(tmp_path_factory, sources) -> Store:
    """The two reference sources, ingested once."""
    tmp = tmp_path_factory.mktemp("reference")
    for name in (WORKING_PAPER, NEWS):
        shutil.copy(sources / name, tmp / name)
    return build_store(tmp, [tmp / WORKING_PAPER, tmp / NEWS])


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


@pytest.fixture(scope="session")
def analysed() -> list[tuple]:
    """The sample corpus analysed once: (document, analysis) of each file."""
    out = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.name.endswith(".meta.json"):
            continue
        result = pipeline.analyze_file(path, path.read_bytes(), None)
        assert not isinstance(result, str), result
        out.append(result)
    return out
