"""The pipeline in one place: which stages run, in which order, and how a folder is ingested.

Per document: read → layout (repair) → language (spaCy) → times → sentences, noun chunks,
entity mentions, quantities → notes and their references → claims → store, in one transaction.
Then, across the corpus: entity resolution, then alignment of claims. Then, across the corpus: entity resolution.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .analyze import align, claims, entities, language, layout, notes, quantities, references, resolve, times
from .errors import FontesError
from .ingest import DEFAULT_MAX_BYTES, discover, display_path, fingerprint, load_bytes, read_document
from .model import Analysis, Document, Mention, Note
from .store import Store


# Raised whenever a stage is added or changes what it stores: documents analysed by an older
# version are analysed again by the next `fontes ingest`, even when their files did not change.
ANALYSIS_VERSION = 4


def analyze(doc: Document) -> Analysis:
    """Run every per-document stage over one document."""
    pages = layout.run(doc)
    analysis = Analysis(regions=pages.regions)
    views = [(None, pages.body, layout.BODY), (None, pages.notes, layout.NOTE)]
    chunks = [parsed for _, parsed in language.parse(v for v in views if len(v[1]))]
    analysis.times = times.run(chunks, doc.text, doc.published)
    for parsed in chunks:
        analysis.sentences += language.sentences(parsed)
        analysis.noun_chunks += language.noun_chunks(parsed, doc.text)
        analysis.mentions += entities.mentions(parsed, doc.text)
        analysis.quantities += quantities.run(parsed, doc.text, analysis.times)
    analysis.notes = notes.run(doc.text, pages)
    analysis.mentions = with_archives(analysis.mentions, analysis.notes, doc.text)
    analysis.claims = claims.run(doc, chunks, analysis.notes, analysis.mentions, analysis.times)
    return analysis


def with_archives(mentions: list[Mention], found_notes: list[Note], source: str) -> list[Mention]:
    """Add the archives named in notes as mentions, replacing the model's garbled spans around them
    ("KOR N. NARA II" gives way to "NARA II")."""
    archives = [Mention(note.start + s, note.start + e, source[note.start + s:note.start + e], "ORG",
                        source="archive", name=" ".join(source[note.start + s:note.start + e].split()))
                for note in found_notes for s, e, _ in references.find_archives(note.text)]
    kept = [m for m in mentions if not any(a.start < m.end and m.start < a.end for a in archives)]
    return sorted(kept + archives, key=lambda m: (m.start, m.end))


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


def ingest_file(store: Store, path: Path, report: IngestReport, published: str | None, max_bytes: int) -> None:
    """Read, analyse and store one file, or record why it could not be."""
    shown = display_path(path)
    try:
        data = load_bytes(path, max_bytes)
        sha = fingerprint(data)
        previous = store.stored_version(shown)
        if previous == (sha, ANALYSIS_VERSION):
            report.unchanged.append(shown)
            return
        twin = store.path_with_hash(sha)
        if twin and twin != shown:
            report.duplicates.append((shown, twin))
            return
        doc = read_document(path, data, published)
        store.save_document(doc, analyze(doc), ANALYSIS_VERSION)
        report.words += len(doc.text.split())
        (report.updated if previous else report.added).append(shown)
    except FontesError as exc:
        store.record_failure(shown, str(exc))
        report.failed.append((shown, str(exc)))


def ingest(store: Store, paths: list[Path], published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
           corrections: Path | None = None, progress: Callable[[int, int, str], None] | None = None) -> IngestReport:
    """Ingest files and folders (recursively), then resolve entities if anything changed."""
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
    for number, path in enumerate(files, 1):
        if progress:
            progress(number - 1, len(files), path.name)
        ingest_file(store, path, report, published, max_bytes)
    if progress:
        progress(len(files), len(files), "")
    if report.changed or (store.counts()["mentions"] and not store.counts()["entities"]):
        resolve_entities(store, corrections)
        align.run(store)
    return report


def resolve_entities(store: Store, corrections: Path | None = None) -> int:
    """Re-resolve all entities from the stored mentions (no document is read again)."""
    gazetteer = resolve.load_gazetteer(corrections)
    result = resolve.run(store.model_mentions(), store.text_of, gazetteer)
    store.save_resolution(result)
    return len(result.entities)
