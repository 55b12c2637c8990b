"""Big corpora: analysis on a real Dask cluster (a scheduler and two workers started on localhost)
gives the same store as a serial run, a worker killed mid-run loses no document, and a corpus
ingested in any order and in any batches gives the same groups as one ingest."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES
from fontes import pipeline
from fontes.corpus import align
from fontes.export import json_export
from fontes.store import Store


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class DaskCluster:
    """`dask scheduler` and `dask worker` processes, as on a real cluster (no nanny: a killed worker stays dead)."""

    def __init__(self, workers: int, tmp: Path):
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.tmp = tmp
        self.scheduler = None
        self.workers: list[subprocess.Popen] = []
        self.count = workers

    def _start(self, *args: str) -> subprocess.Popen:
        log = open(self.tmp / f"dask-{len(self.workers)}-{args[0]}.log", "w")
        return subprocess.Popen([sys.executable, "-m", "dask", *args], stdout=log, stderr=subprocess.STDOUT,
                                cwd=self.tmp, env={**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"})

    def __enter__(self) -> "DaskCluster":
        from dask.distributed import Client

        self.scheduler = self._start("scheduler", "--host", "127.0.0.1", "--port", str(self.port),
                                     "--dashboard-address", ":0", "--no-dashboard")
        for _ in range(self.count):
            self.workers.append(self._start("worker", self.address, "--nthreads", "1", "--no-nanny",
                                            "--no-dashboard", "--host", "127.0.0.1"))
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                with Client(self.address, timeout="5s") as client:
                    if len(client.scheduler_info()["workers"]) == self.count:
                        return self
            except OSError:
                pass
            time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("the Dask cluster did not start")

    def __exit__(self, *exc) -> None:
        for process in [*self.workers, self.scheduler]:
            if process and process.poll() is None:
                process.kill()
                process.wait()


def export_of(store: Store) -> dict:
    data = json.loads(json.dumps(json_export.build(store)))
    data.pop("fontes_version")
    return data


@pytest.fixture(scope="module")
def serial_export(sample_store) -> dict:
    return export_of(sample_store)


def test_dask_cluster_gives_the_same_store_as_a_serial_run(tmp_path, serial_export):
    with DaskCluster(2, tmp_path) as cluster:
        store = Store(tmp_path / "dask.db")
        report = pipeline.ingest(store, [EXAMPLES], dask=cluster.address)
    assert len(report.added) == 5 and not report.failed
    assert export_of(store) == serial_export


def test_a_killed_dask_worker_loses_no_document(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for copy in range(3):  # 15 documents, so that both workers hold some when one is killed
        for source in sorted(EXAMPLES.glob("*")):
            if source.suffix in (".txt", ".md", ".html"):
                text = source.read_text(encoding="utf-8") + f"\nFiled as copy {copy} of {source.stem}.\n"
                (corpus / f"{copy}-{source.name}").write_text(text, encoding="utf-8")
    expected = len(list(corpus.iterdir()))
    killed = threading.Event()
    with DaskCluster(2, tmp_path) as cluster:
        victim = cluster.workers[0]

        def progress(done: int, total: int, name: str) -> None:
            if not killed.is_set():
                os.kill(victim.pid, signal.SIGKILL)
                killed.set()

        store = Store(tmp_path / "dask.db")
        report = pipeline.ingest(store, [corpus], dask=cluster.address, progress=progress)
        assert victim.wait(timeout=10) == -signal.SIGKILL
    assert killed.is_set()
    assert len(report.added) == expected and not report.failed
    paths = [d["path"] for d in store.documents()]
    assert len(paths) == len(set(paths)) == expected


def content_view(export: dict) -> dict:
    """What an export says, without the ids that depend on the order documents were stored in:
    entities by their mentions, claims by their spans, groups by their claims' spans."""
    name = {d["id"]: d["path"].rsplit("/", 1)[-1] for d in export["documents"]}
    span = {c["id"]: (name[c["doc"]], c["start"], c["end"]) for c in export["claims"]}
    entity = {e["id"]: e["name"] for e in export["entities"]}
    return {
        "entities": sorted((e["name"], e["type"], sorted((name[m["doc"]], m["start"], m["end"]) for m in e["mentions"]))
                           for e in export["entities"]),
        "claims": sorted((*span[c["id"]], sorted(entity[e] for e in c["entities"])) for c in export["claims"]),
        "groups": sorted((g["relation"], [span[c] for c in g["claims"]], g["explanation"], g["confidence"],
                          g["independent"], g["status"]) for g in export["alignments"]),
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_any_order_and_batches_of_ingestion_give_the_same_groups(tmp_path, serial_export, seed):
    """The sample corpus ingested in a random order and in random batches, each batch aligned as it
    comes, ends with the same entities, claims and groups as one ingest of the folder."""
    files = sorted(EXAMPLES.iterdir())
    files = [f for f in files if not f.name.endswith(".meta.json")]
    rng = random.Random(seed)
    rng.shuffle(files)
    cuts = sorted(rng.sample(range(1, len(files)), 2))
    batches = [files[:cuts[0]], files[cuts[0]:cuts[1]], files[cuts[1]:]]
    store = Store(tmp_path / "batches.db")
    for batch in batches:
        report = pipeline.ingest(store, batch)
        assert not report.failed
    assert len(store.documents()) == len(files)
    batched, whole = content_view(export_of(store)), content_view(serial_export)
    assert batched["groups"], "the sample corpus has groups to compare"
    assert batched == whole


def test_ingest_is_the_same_run_to_run(tmp_path, serial_export):
    """Another process, with another seed for Python's string hashing (so sets and dicts of words
    iterate in another order), stores exactly the same export, ids included."""
    db = tmp_path / "again.db"
    source = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}
    subprocess.run([sys.executable, "-m", "fontes", "-q", "--db", str(db), "ingest", str(EXAMPLES)], env=env,
                   check=True, capture_output=True, cwd=Path.cwd())
    assert export_of(Store(db)) == serial_export


def test_an_ingest_killed_before_alignment_is_finished_by_the_next(tmp_path):
    first = tmp_path / "first"
    first.mkdir()
    for source in EXAMPLES.iterdir():
        if not source.name.startswith("veterans"):
            shutil.copy(source, first / source.name)
    store = Store(tmp_path / "killed.db")
    pipeline.ingest(store, [first])
    late = first / "veterans-remember.html"
    shutil.copy(EXAMPLES / late.name, late)
    # what a run killed after storing the new document, before resolution and alignment, leaves behind
    doc, analysis = pipeline.analyze_file(late, late.read_bytes(), None)
    doc.path = pipeline.display_path(late)
    new_doc = store.save_document(doc, analysis, pipeline.ANALYSIS_VERSION)
    assert store.pending() == {new_doc}
    report = pipeline.ingest(store, [first])
    assert report.unchanged and not report.changed
    assert store.pending() == set()
    assert any(m["entity_id"] for m in store.mentions(doc_id=new_doc))
    aligned = {c for g in store.alignment_members() for c in g["claims"]}
    assert aligned & {c["id"] for c in store.claims(doc_id=new_doc)}


def test_worker_processes_are_gone_before_the_corpus_wide_stages(tmp_path, monkeypatch):
    """Each worker holds its own models; none may still be alive while the corpus is resolved and aligned."""
    import multiprocessing
    alive: list[int] = []
    real = pipeline.resolve_entities

    def resolving(*args, **kwargs):
        alive.append(len(multiprocessing.active_children()))
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "resolve_entities", resolving)
    report = pipeline.ingest(Store(tmp_path / "workers.db"), [EXAMPLES], workers=2)
    assert len(report.added) == 5 and alive == [0]


def test_workers_default_to_the_cores_when_there_is_enough_to_analyse():
    small = [pipeline.Job(Path("a.txt"), "a.txt", 50_000, None)]
    big = small * 30
    assert pipeline.workers_for(small, None) == 1
    assert pipeline.workers_for(big, None) == (os.cpu_count() or 1)
    assert pipeline.workers_for(big, 3) == 3
