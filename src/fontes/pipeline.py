"""The pipeline in one place: which stages run, in which order, and how a folder is ingested.

Per document: read → layout (repair) → language (spaCy) → times → sentences, noun chunks,
entity mentions, quantities → notes and their references → claims → store, in one transaction.
Then, across the corpus: entity resolution, then alignment of claims, each with the reader's decisions
(corpus/review.py) applied.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .analyze import claims, entities, language, layout, notes, quantities, references, times
from .corpus import align, resolve, review, tallies
from .corpus.readings import Readings
from .errors import FontesError
from .ingest import DEFAULT_MAX_BYTES, discover, display_path, fingerprint, load_bytes, read_document
from .model import Analysis, Document, Mention, Note
from .store import Store


# Raised whenever a stage is added or changes what it stores: documents analysed by an older
# version are analysed again by the next `fontes ingest`, even when their files did not change.
ANALYSIS_VERSION = 15
PARALLEL_BYTES = 1_000_000  # below this much to analyse, `--workers` left unset means one process


def analyze(doc: Document) -> Analysis:
    """Run every per-document stage over one document."""
    pages = layout.run(doc)
    analysis = Analysis(regions=pages.regions)
    views = [(None, pages.body, layout.BODY), (None, pages.notes, layout.NOTE)]
    chunks = [parsed for _, parsed in language.parse(v for v in views if len(v[1]))]
    analysis.times = times.run(chunks, doc.text, doc.published, doc.kind)
    for parsed in chunks:
        analysis.sentences += language.sentences(parsed)
        analysis.noun_chunks += language.noun_chunks(parsed, doc.text)
        analysis.mentions += entities.mentions(parsed, doc.text)
        analysis.quantities += quantities.run(parsed, doc.text, analysis.times)
    # an edition's document number ("14. Memorandum From …") counts nothing
    number = doc.meta.get("edition", {}).get("heading", {}).get("number_span")
    if number:
        analysis.quantities = [q for q in analysis.quantities if not (q.start >= number[0] and q.end <= number[1])]
    analysis.notes = notes.run(doc.text, pages)
    analysis.mentions = with_archives(analysis.mentions, analysis.notes, doc.text)
    analysis.claims = claims.run(doc, chunks, analysis.notes, analysis.mentions, analysis.times, analysis.quantities)
    return analysis


def with_archives(mentions: list[Mention], found_notes: list[Note], source: str) -> list[Mention]:
    """Add the archives named in notes as mentions, replacing the model's garbled spans around them
    ("KOR N. NARA II" gives way to "NARA II"): those the archive list knows, and the repositories
    that source notes name as written ("Source: Lakeshire State Archives, RG 12, ...")."""
    archives = [Mention(note.start + s, note.start + e, source[note.start + s:note.start + e], "ORG",
                        source="archive", name=" ".join(source[note.start + s:note.start + e].split()))
                for note in found_notes for s, e, _ in references.find_archives(note.text)]
    for note in found_notes:
        for ref in note.references:
            at = note.text.find(ref.archive) if ref.kind == "archive" and ref.archive else -1
            start = note.start + at
            if at >= 0 and not any(a.start < start + len(ref.archive) and start < a.end for a in archives):
                archives.append(Mention(start, start + len(ref.archive), ref.archive, "ORG", source="archive",
                                        name=ref.archive))
    kept = [m for m in mentions if not any(a.start < m.end and m.start < a.end for a in archives)
            or _named_inside(m, archives)]
    return sorted(kept + archives, key=lambda m: (m.start, m.end))


def _named_inside(mention: Mention, archives: list[Mention]) -> bool:
    """A person a collection is named after, inside the archive's name ("Nixon" in "Nixon
    Presidential Materials"): a mention of its own, not a garbled span to replace."""
    return mention.label == "PERSON" and any(a.start <= mention.start and mention.end <= a.end and
                                             (a.start, a.end) != (mention.start, mention.end) for a in archives)


@dataclass
class IngestReport:
    """What one `fontes ingest` run did, file by file."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    words: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)


@dataclass
class Job:
    """A file that needs analysing, and what the store held for its path before. Its bytes are read
    again only when it is handed to a worker, so a run holds a few files in memory, not the corpus."""

    path: Path
    shown: str
    size: int
    previous: tuple[str, int] | None


def triage(store: Store, path: Path, report: IngestReport, max_bytes: int, claimed: dict[str, str]) -> Job | None:
    """Decide whether a file needs analysis; unreadable, unchanged and duplicate files are reported here."""
    shown = display_path(path)
    try:
        data = load_bytes(path, max_bytes)
    except FontesError as exc:
        store.record_failure(shown, str(exc))
        report.failed.append((shown, str(exc)))
        return None
    sha = fingerprint(data)
    previous = store.stored_version(shown)
    if previous == (sha, ANALYSIS_VERSION):
        report.unchanged.append(shown)
        return None
    twin = claimed.get(sha) or store.path_with_hash(sha)
    if twin and twin != shown:
        report.duplicates.append((shown, twin))
        return None
    claimed[sha] = shown
    return Job(path, shown, len(data), previous)


def analyze_file(path: Path, data: bytes, published: str | None) -> tuple[Document, Analysis] | str:
    """Read and analyse one file, in this process, a worker process or a Dask worker; a user error
    comes back as its message."""
    try:
        doc = read_document(path, data, published)
        return doc, analyze(doc)
    except FontesError as exc:
        return str(exc)


def workers_for(jobs: list[Job], workers: int | None) -> int:
    """The number of processes to use: as asked, or (None) one per core when there is at least
    PARALLEL_BYTES to analyse; below that, starting workers and loading their models costs more
    than it saves."""
    if workers is not None:
        return workers
    return (os.cpu_count() or 1) if sum(j.size for j in jobs) >= PARALLEL_BYTES else 1


def in_order(jobs: list[Job], submit: Callable[[Job, bytes], Future], window: int,
             max_bytes: int) -> Iterator[tuple[Document, Analysis] | str]:
    """Results in job order, with at most `window` documents handed out at once: the rest of the
    corpus stays on disk until a slot frees up."""
    pending: deque = deque()
    upcoming = iter(jobs)

    def hand_out() -> None:
        for job in upcoming:
            try:
                pending.append(submit(job, load_bytes(job.path, max_bytes)))
            except FontesError as exc:
                pending.append(_done(str(exc)))
            return

    for _ in range(window):
        hand_out()
    while pending:
        result = pending.popleft().result()
        hand_out()
        yield result


def _done(value) -> Future:
    future: Future = Future()
    future.set_result(value)
    return future


def analyses(jobs: list[Job], published: str | None, workers: int, max_bytes: int,
             dask: str | None = None) -> Iterator[tuple[Document, Analysis] | str]:
    """Analysis results in job order: from this process, from `workers` local processes, or from a
    Dask cluster (an address, or "local" for a LocalCluster on this machine)."""
    if dask:
        return _on_cluster(jobs, published, dask, max_bytes)
    if workers <= 1 or len(jobs) <= 1:
        return in_order(jobs, lambda job, data: _done(analyze_file(job.path, data, published)), 1, max_bytes)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

    def results() -> Iterator[tuple[Document, Analysis] | str]:
        with pool:
            yield from in_order(jobs, lambda job, data: pool.submit(analyze_file, job.path, data, published),
                                2 * workers, max_bytes)
    return results()


def _on_cluster(jobs: list[Job], published: str | None, address: str,
                max_bytes: int) -> Iterator[tuple[Document, Analysis] | str]:
    """Analysis on a Dask cluster, two documents per worker thread in flight."""
    from . import cluster  # dask is imported only when a cluster is asked for
    with cluster.submitter(address) as (submit, slots):
        yield from in_order(jobs, lambda job, data: submit(analyze_file, job.path, data, published), 2 * slots, max_bytes)


def ingest(store: Store, paths: list[Path], published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           corrections: Path | None = None, progress: Callable[[int, int, str], None] | None = None,
           workers: int | None = 1, dask: str | None = None, device: str = "auto") -> IngestReport:
    """Ingest files and folders (recursively), then resolve entities and align the claims of the
    changed documents. Documents may be analysed in parallel (`workers`, None for automatic) or on
    a Dask cluster (`dask`); this process alone writes to the store, in file order, so the result is
    the same as a serial run."""
    report = IngestReport()
    files: list[Path] = []
    for path in paths:
        try:
            found, skipped = discover([path])
        except FontesError as exc:
            report.failed.append((str(path), str(exc).split(": ", 1)[-1]))
            continue
        files += found
        report.skipped += [display_path(p) for p in skipped]
    claimed: dict[str, str] = {}
    jobs = [job for job in (triage(store, path, report, max_bytes, claimed) for path in files) if job]
    results = analyses(jobs, published, workers_for(jobs, workers), max_bytes, dask)
    try:
        for number, (job, result) in enumerate(zip(jobs, results), 1):
            if progress:
                progress(number, len(jobs), job.path.name)
            if isinstance(result, str):
                store.record_failure(job.shown, result)
                report.failed.append((job.shown, result))
                continue
            doc, analysis = result
            doc.path = job.shown  # as this process names it: a worker elsewhere may see another working directory
            store.save_document(doc, analysis, ANALYSIS_VERSION)
            report.words += len(doc.text.split())
            (report.updated if job.previous else report.added).append(job.shown)
    finally:
        # zip stops at the last job without asking for more, which would leave the worker processes
        # (or the Dask cluster) alive, each holding its models, through the corpus-wide stages
        results.close()
    pending = store.pending()  # this run's documents, and any a killed run stored but did not align
    counts = store.counts()
    if pending or (counts["mentions"] and not counts["entities"]):
        resolve_entities(store, corrections)
        align.run(store, device)
        review.apply(store)
        store.clear_pending(pending)
    return report


def align_claims(store: Store, device: str = "auto") -> int:
    """Align the claims of all documents from scratch (every claim keyed into its blocks anew), then
    apply the reader's decisions; returns the number of groups."""
    align.run(store, device, again=True)
    review.apply(store)
    return store.count_alignments(shown="all")


def resolve_entities(store: Store, corrections: Path | None = None, again: bool = False) -> int:
    """Re-resolve all entities from the stored mentions, with the corrections file and the reader's
    merges and splits. A document's text is read only where what resolution kept of it does not
    answer (a new document, or names searched for that changed); the counts of entities and of pairs
    named together are updated by the documents where a name changed entity (corpus/tallies.py).
    `again` reads every document anew and counts every document."""
    gazetteer = review.with_decisions(resolve.load_gazetteer(corrections), store.decisions("entities"))
    with _no_cycle_collection():
        readings = Readings(store.text_of, {} if again else store.resolution_memos(),
                            {} if again else store.resolution_state(), store.entity_keys(),
                            None if again else store.memo_words)
        read = store.model_mentions()
        result = resolve.run(read, readings, gazetteer)
        changes = store.resolution_changes(result, read)
        counted = tallies.count(store, result, read, changes[0], full=again)
        store.save_resolution(result, read, readings.to_save(), counted, changes, readings.state_to_save())
    return len(result.entities)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Resolution makes millions of small objects (every mention of the corpus) and no reference cycles
    worth collecting: left on, Python's cycle collector walks them again and again while they are made
    (a fifth of the time of adding 10 documents to 10,000). Off while it runs, as it was after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
