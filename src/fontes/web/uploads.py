"""Files dropped in the browser: checked (name, type, size, readable) before anything is kept, saved
beside the store, and ingested one job at a time by the same pipeline as `fontes ingest`, so the
server stays the store's only writer. Jobs report progress for the library page to poll."""
from __future__ import annotations

import re
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .. import pipeline
from ..errors import FontesError
from ..ingest import READERS, fingerprint, read_document
from ..store import Store


class Refused(FontesError):
    """An upload that is not kept, with the HTTP status that says why."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


@dataclass
class Job:
    id: str
    files: list[str]
    state: str = "queued"          # queued, running, done, failed
    done: int = 0
    total: int = 0
    current: str = ""
    added: list[str] = field(default_factory=list)
    failed: list[list[str]] = field(default_factory=list)
    message: str = ""

    def public(self) -> dict:
        return asdict(self)


def safe_name(name: str) -> str:
    """A file name with no folders and only ordinary characters, so no upload can land outside its folder."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]+", "_", base).strip(" .")
    return base[:120] or "upload"


class Uploads:
    def __init__(self, db_path: Path, corrections: Path | None, max_bytes: int):
        self.db_path, self.corrections, self.max_bytes = db_path, corrections, max_bytes
        self.folder = db_path.with_name(db_path.stem + ".uploads")
        self.jobs: dict[str, Job] = {}
        self._runner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fontes-ingest")
        self._lock = threading.Lock()

    def check(self, name: str, data: bytes) -> Path:
        """Refuse what fontes cannot read, before it is kept: wrong type, empty, too large, unreadable."""
        clean = safe_name(name)
        suffix = Path(clean).suffix.lower()
        if suffix not in READERS:
            raise Refused(f"{clean}: unsupported file type {suffix or '(none)'} "
                          f"(fontes reads {', '.join(sorted(READERS))})", 415)
        if not data:
            raise Refused(f"{clean}: empty file", 400)
        if len(data) > self.max_bytes:
            raise Refused(f"{clean}: too large ({len(data) / 1e6:.1f} MB, limit {self.max_bytes / 1e6:.0f} MB)", 413)
        try:
            read_document(Path(clean), data)
        except FontesError as exc:
            raise Refused(f"{clean}: {exc}", 422) from exc
        return Path(clean)

    def accept(self, files: list[tuple[str, bytes]]) -> Job:
        """Keep checked files and queue their ingest; a name already taken by other content gets a suffix."""
        self.folder.mkdir(parents=True, exist_ok=True)
        kept = []
        for name, data in files:
            target = self.folder / self.check(name, data).name
            if target.exists() and fingerprint(target.read_bytes()) != fingerprint(data):
                target = target.with_name(f"{target.stem}-{fingerprint(data)[:8]}{target.suffix}")
            target.write_bytes(data)
            kept.append(target)
        job = Job(uuid.uuid4().hex[:12], [p.name for p in kept], total=len(kept))
        with self._lock:
            self.jobs[job.id] = job
        self._runner.submit(self._ingest, job, kept)
        return job

    def _ingest(self, job: Job, paths: list[Path]) -> None:
        job.state = "running"

        def progress(done: int, total: int, name: str) -> None:
            job.done, job.total, job.current = done, total, name

        store = Store(self.db_path)
        try:
            report = pipeline.ingest(store, paths, corrections=self.corrections, progress=progress)
            job.added = report.added + report.updated
            job.failed = [list(f) for f in report.failed]
            job.done = job.total
            job.state = "done"
            job.message = (f"{len(job.added)} added, {len(report.unchanged) + len(report.duplicates)} already stored, "
                           f"{len(job.failed)} failed")
        except Exception as exc:  # the job reports it; the server goes on
            job.state, job.message = "failed", str(exc) or type(exc).__name__
        finally:
            store.close()

    def job(self, job_id: str) -> Job | None:
        return self.jobs.get(job_id)
