"""The command line: options in, one library call, output out. Behaviour lives in the library."""
from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__, ask as asking, citation
from .corpus.evidence import describe as merged_by
from .errors import FontesError
from .export import annotations, csl, graphml, csv_export, json_export, tei as tei_export, timeline as timeline_export
from .ingest import DEFAULT_MAX_BYTES, check_published
from .store import Store

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Context:
    def __init__(self, db: str, quiet: bool, debug: bool, entities: str | None):
        self.db_path, self.quiet, self.debug = Path(db), quiet, debug
        self.corrections = Path(entities) if entities else self.db_path.with_suffix(".entities.toml")
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.db_path)
        return self._store

    def say(self, message: str) -> None:
        if not self.quiet:
            err.print(message)


pass_ctx = click.make_pass_decorator(Context)


class FontesGroup(click.Group):
    """Turns a user error into one line on stderr and exit status 1 (a traceback only with --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except FontesError as exc:
            if isinstance(ctx.obj, Context) and ctx.obj.debug:
                raise
            click.echo(f"error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=FontesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", default="fontes.db", envvar="FONTES_DB", show_default=True,
              help="SQLite store to use (or set FONTES_DB).")
@click.option("--entities", "entities", envvar="FONTES_ENTITIES", metavar="FILE",
              help="Entity corrections file (TOML); default: DB name with .entities.toml.")
@click.option("-q", "--quiet", is_flag=True, help="Print only results and errors.")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.version_option(__version__, prog_name="fontes")
@click.pass_context
def cli(ctx: click.Context, db: str, entities: str | None, quiet: bool, debug: bool) -> None:
    """fontes: read a folder of sources and see who, when, how many, and says who."""
    ctx.obj = Context(db, quiet, debug, entities)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", metavar="DATE", help="Publication date (YYYY[-MM[-DD]]) for files that state none.")
@click.option("--max-size", default=DEFAULT_MAX_BYTES // 1_000_000, show_default=True, metavar="MB",
              help="Refuse files larger than this many megabytes.")
@click.option("--workers", type=click.IntRange(1, 1024), envvar="FONTES_WORKERS",
              help="Analyse documents in this many processes (one writer; same result as serial). "
                   "Default: one per core when there is at least 1 MB to analyse, else one.")
@click.option("--dask", metavar="ADDRESS", envvar="FONTES_DASK",
              help="Analyse on a Dask cluster: a scheduler address (tcp://HOST:8786), or 'local' to start a "
                   "LocalCluster on this machine (or set FONTES_DASK).")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              envvar="FONTES_DEVICE", help="Where to compute sentence embeddings for alignment (auto: a GPU if torch sees one).")
@pass_ctx
def ingest(ctx: Context, paths: tuple[Path, ...], published: str | None, max_size: int, workers: int | None,
           dask: str | None, device: str) -> None:
    """Read PDFs, HTML pages and text files (folders recursively) into the store."""
    from . import pipeline  # loaded here: it imports spaCy, which most commands never need
    if published:
        check_published(published)
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
                        TimeElapsedColumn(), console=err, disable=ctx.quiet, transient=True)
    with progress:
        task = progress.add_task("", total=None)

        def show(done: int, total: int, name: str) -> None:
            progress.update(task, completed=done, total=total, description=name)

        report = pipeline.ingest(ctx.store, list(paths), published, max_size * 1_000_000, ctx.corrections, show,
                                 workers, dask, device)
    for path in report.skipped:
        ctx.say(f"skipped {path}: unsupported file type")
    for path, twin in report.duplicates:
        ctx.say(f"skipped {path}: same content as {twin}")
    for path, reason in report.failed:
        click.echo(f"error: {path}: {reason}", err=True)
    counts = ctx.store.counts()
    ctx.say(f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
            f"{len(report.failed)} failed; the store holds {counts['documents']} documents, "
            f"{counts['entities']} entities, {counts['mentions']} mentions ({ctx.db_path})")
    if report.failed:
        sys.exit(1)


@cli.command()
@pass_ctx
def resolve(ctx: Context) -> None:
    """Re-resolve entities from stored mentions, after editing the corrections file."""
    from . import pipeline  # loaded here: it imports spaCy, which most commands never need
    count = pipeline.resolve_entities(ctx.store, ctx.corrections)
    ctx.say(f"{count} entities" + (f" (corrections from {ctx.corrections})" if ctx.corrections.is_file() else ""))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def docs(ctx: Context, as_json: bool) -> None:
    """List the documents in the store, and files that failed to ingest."""
    rows = ctx.store.documents()
    failures = ctx.store.failures()
    if as_json:
        click.echo(json.dumps({"documents": [{**r, "id": f"d{r['id']}"} for r in rows], "failures": failures},
                              ensure_ascii=False, indent=2))
        return
    table = Table("id", "title", "kind", "published", "chars", "sentences", "status", box=None)
    for r in rows:
        table.add_row(f"d{r['id']}", (r["title"] or r["path"])[:60], r["kind"], r["published"] or "—",
                      f"{r['chars']:,}", str(r["sentences"]), _status(r))
    for f in failures:
        table.add_row("—", f["path"][:60], "", "", "", "", f"error: {f['reason']}")
    out.print(table)


def _status(row: dict) -> str:
    """"ok", or for a scan "OCR (3 p., 91%)": pages read by OCR and Tesseract's mean confidence."""
    ocr = row.get("ocr")
    if not ocr:
        return "ok"
    scores = [c for c in ocr.get("confidence", {}).values() if c is not None]
    sure = f", {sum(scores) / len(scores):.0f}%" if scores else ""
    return f"OCR ({len(ocr.get('pages', []))} p.{sure})"


@cli.command()
@click.argument("doc")
@click.option("--spans", is_flag=True, help="Mark entity mentions inline as [words|e12].")
@pass_ctx
def show(ctx: Context, doc: str, spans: bool) -> None:
    """Print a document's text: the text that every offset points into."""
    row = ctx.store.document(doc)
    text = ctx.store.text_of(row["id"])
    if spans:
        pieces, pos = [], 0
        for m in ctx.store.mentions(doc_id=row["id"]):
            if m["start"] < pos:
                continue
            pieces += [text[pos:m["start"]], f"[{text[m['start']:m['end']]}|e{m['entity_id']}]"]
            pos = m["end"]
        text = "".join(pieces) + text[pos:]
    sys.stdout.write(text)


@cli.command()
@click.option("--type", "etype", help="Only entities of this type (PERSON, GPE, ORG, ...).")
@click.option("--doc", help="Only entities mentioned in this document.")
@click.option("--limit", default=50, show_default=True, help="How many to list (0 for all).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def entities(ctx: Context, etype: str | None, doc: str | None, limit: int, as_json: bool) -> None:
    """Resolved entities with aliases and mention counts per document."""
    doc_id = ctx.store.document(doc)["id"] if doc else None
    rows = ctx.store.entities(etype, doc_id)
    rows = rows[:limit] if limit else rows
    if as_json:
        click.echo(json.dumps([{**r, "id": f"e{r['id']}", "documents": {f"d{k}": v for k, v in r["documents"].items()}}
                               for r in rows], ensure_ascii=False, indent=2))
        return
    table = Table("id", "name", "type", "mentions", "per document", "aliases", "merged by", box=None)
    for r in rows:
        per_doc = ", ".join(f"d{k}:{v}" for k, v in r["documents"].items())
        table.add_row(f"e{r['id']}", r["name"], r["type"], str(r["mentions"]), per_doc, "; ".join(r["aliases"])[:70],
                      merged_by(r["evidence"]))
    out.print(table)


@cli.command()
@click.option("--entity", help="Only statements naming this entity (name, alias or e-id).")
@click.option("--from", "start", metavar="DATE", help="Only times that reach this date or later (YYYY[-MM[-DD]]).")
@click.option("--to", "end", metavar="DATE", help="Only times that begin by this date.")
@click.option("--doc", help="Only this document.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "timelinejs", "csv"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file instead of the screen.")
@pass_ctx
def timeline(ctx: Context, entity: str | None, start: str | None, end: str | None, doc: str | None, fmt: str,
             output: Path | None) -> None:
    """Dated statements from all documents in time order, at their true precision."""
    for value in (start, end):
        if value:
            check_published(value)
    events = ctx.store.timeline(ctx.store.document(doc)["id"] if doc else None,
                                ctx.store.entity_named(entity)["id"] if entity else None,
                                _pad(start, first=True), _pad(end, first=False))
    if fmt == "text":
        table = Table("when", "precision", "doc", "words", "statement", box=None)
        for e in events:
            table.add_row(timeline_export.label(e), e["precision"], f"d{e['doc_id']}", e["text"].replace("\n", " "),
                          e["sentence"][:110])
        _emit(table, output)
        return
    text = {"json": lambda: json.dumps(events, ensure_ascii=False, indent=1),
            "timelinejs": lambda: json.dumps(timeline_export.timelinejs(events), ensure_ascii=False, indent=1),
            "csv": lambda: timeline_export.to_csv(events)}[fmt]()
    _emit(text, output)
    if output:
        ctx.say(f"wrote {len(events)} events to {output}")


def _pad(value: str | None, first: bool) -> str | None:
    """A partial date as the first or last day it can mean, for comparison with ISO days."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-01-01" if first else f"{value}-12-31"
    if len(parts) == 2:
        return f"{value}-01" if first else f"{value}-31"
    return value


def _emit(content, output: Path | None) -> None:
    if output is None:
        if isinstance(content, str):
            click.echo(content)
        else:
            out.print(content)
        return
    if not isinstance(content, str):
        capture = Console(file=io.StringIO(), width=200)
        capture.print(content)
        content = capture.file.getvalue()
    output.write_text(content, encoding="utf-8")


@cli.command()
@click.argument("doc")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def notes(ctx: Context, doc: str, as_json: bool) -> None:
    """A document's notes: marker, the sentence that calls it, and the references it cites."""
    rows = ctx.store.notes(ctx.store.document(doc)["id"])
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for note in rows:
        flag = "" if note["printed"] else "  (number inferred)"
        out.print(f"[bold]{note['marker']}[/bold]{flag}")
        for sentence in note["sentences"]:
            out.print(f"  called by: {sentence['text'][:150]}")
        for ref in note["references"]:
            fields = [ref["kind"], ref["archive"], ref["title"] and f"“{ref['title']}”", ", ".join(ref["authors"]),
                      ref["date"], ref["locator"], ref["url"], ref["repeats"] and f"repeats note {ref['repeats']}",
                      ref["translators"] and "translated by " + ", ".join(ref["translators"])]
            out.print("  - " + " | ".join(str(f) for f in fields if f), markup=False)
        if not note["references"]:
            out.print(f"  text: {' '.join(note['text'].split())[:150]}", markup=False)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def archives(ctx: Context, as_json: bool) -> None:
    """Every archive cited: country, how many notes and documents cite it, what rests on it."""
    from . import inventory  # loaded here: it imports spaCy, which most commands never need
    rows = inventory.archives(ctx.store)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table("archive", "country", "notes", "documents", "statements resting on it", box=None)
    for r in rows:
        table.add_row(r["archive"], r["country"] or "?", str(r["notes"]), str(r["documents"]),
                      str(len(r["sentences"])) + (f": {r['sentences'][0]['text'][:60]}…" if r["sentences"] else ""))
    out.print(table)


@cli.command("sources-of")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def sources_of(ctx: Context, query: str, as_json: bool) -> None:
    """What a statement rests on: give words from it (or a sentence id such as s42)."""
    rows = ctx.store.sources_of(query)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    if not rows:
        raise FontesError(f"no sentence contains {query!r}")
    for row in rows:
        out.print(f"[bold]d{row['doc_id']}[/bold] {row['start']}-{row['end']}: {row['text']}", markup=True)
        if not row["notes"]:
            out.print("  no note: the author's own statement")
        for note in row["notes"]:
            for ref in note["references"] or [{"kind": "text", "title": " ".join(note["text"].split())[:120]}]:
                detail = " | ".join(str(f) for f in (ref.get("archive"), ref.get("title"), ref.get("date"),
                                                     ref.get("url")) if f)
                out.print(f"  note {note['marker']}: {ref['kind']}: {detail}", markup=False)


def _chain(claim: dict, cited: dict[int, str]) -> str:
    return " → ".join(f"{link['name']} ({link['role']})"
                      for link in citation.name_document(claim["attribution"], cited.get(claim["doc_id"])))


def _claim_lines(claim: dict, cited: dict[int, str]) -> list[str]:
    notes = f"  notes {', '.join(claim['notes'])}" if claim["notes"] else ""
    hedge = "  [hedged]" if claim["hedged"] else ""
    return [f"  c{claim['id']}  d{claim['doc_id']} {claim['start']}-{claim['end']}{notes}{hedge}",
            f"    “{' '.join(claim['text'].split())}”", f"    says who: {_chain(claim, cited)}"]


@cli.command()
@click.option("--entity", help="Only claims naming this entity (name, alias or e-id).")
@click.option("--doc", help="Only this document.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def claims(ctx: Context, entity: str | None, doc: str | None, as_json: bool) -> None:
    """Claims with their attribution chains, notes, time and hedging."""
    rows = ctx.store.claims(ctx.store.document(doc)["id"] if doc else None,
                            ctx.store.entity_named(entity)["id"] if entity else None)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    cited = citation.citations(ctx.store, {c["doc_id"] for c in rows})
    for claim in rows:
        for line in _claim_lines(claim, cited):
            out.print(line, markup=False, highlight=False)


def _show_groups(ctx: Context, relation: str, entity: str | None, independent: bool | None, as_json: bool,
                 shown: str) -> None:
    groups = ctx.store.alignments(relation, ctx.store.entity_named(entity)["id"] if entity else None, independent,
                                  shown=shown)
    if as_json:
        click.echo(json.dumps(groups, ensure_ascii=False, indent=1))
        return
    cited = citation.citations(ctx.store, {c["doc_id"] for g in groups for c in g["claims"]})
    for group in groups:
        origin = "" if relation != "corroboration" else (
            "  independent sources" if group["independent"] else f"  shared origin: {group['shared_origin']}")
        status = "" if group["status"] == "machine" else escape(f" [{group['status']} by {group['decided_by']}]")
        sure = f"  (confidence {group['confidence']:.2f})" if group.get("confidence") is not None else ""
        out.print(f"[bold]a{group['id']} {relation}[/bold]{status}: {group['explanation']}{origin}{sure}")
        for claim in group["claims"]:
            for line in _claim_lines(claim, cited):
                out.print(line, markup=False, highlight=False)
    ctx.say(f"{len(groups)} {relation}{'s' if len(groups) != 1 else ''}")


SHOW_ALL = click.option("--all", "shown", flag_value="all", default="default",
                        help="Show every group: those the reader rejected and those of low confidence too.")


@cli.command()
@click.option("--entity", help="Only groups with a claim naming this entity.")
@SHOW_ALL
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def conflicts(ctx: Context, entity: str | None, shown: str, as_json: bool) -> None:
    """Where the sources disagree: each conflict with its claims side by side."""
    _show_groups(ctx, "conflict", entity, None, as_json, shown)


@cli.command()
@click.option("--entity", help="Only groups with a claim naming this entity.")
@click.option("--independent", is_flag=True, help="Only agreements whose sources share no origin.")
@SHOW_ALL
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def agreements(ctx: Context, entity: str | None, independent: bool, shown: str, as_json: bool) -> None:
    """Where the sources agree, and whether they do so independently."""
    _show_groups(ctx, "corroboration", entity, True if independent else None, as_json, shown)


@cli.command()
@click.option("--entity", help="Only groups with a claim naming this entity.")
@SHOW_ALL
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def revisions(ctx: Context, entity: str | None, shown: str, as_json: bool) -> None:
    """Figures that changed from report to report (a toll rising day by day), in report order."""
    _show_groups(ctx, "revision", entity, None, as_json, shown)


@cli.command()
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where to compute sentence embeddings.")
@pass_ctx
def align(ctx: Context, device: str) -> None:
    """Align the claims of all documents again (ingest does this after every change)."""
    from . import pipeline  # loaded here: it imports spaCy, which most commands never need
    count = pipeline.align_claims(ctx.store, device)
    ctx.say(f"{count} alignment groups")


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option("--llm", "llm_url", envvar="FONTES_LLM_URL", metavar="URL",
              help="OpenAI-compatible endpoint (e.g. http://localhost:8000/v1) to write the answer as prose.")
@click.option("--llm-model", envvar="FONTES_LLM_MODEL", default="default", show_default=True, help="Model name for --llm.")
@pass_ctx
def ask(ctx: Context, question: str, as_json: bool, llm_url: str | None, llm_model: str) -> None:
    """Answer a question from the store: positions, who holds them, quotes, and disagreement."""
    result = asking.answer(ctx.store, question)
    if llm_url:
        out.print(asking.rewrite(result, llm_url, llm_model, os.environ.get("FONTES_LLM_KEY")), markup=False)
        out.print("")
    if as_json:
        click.echo(json.dumps({"question": result.question, "kind": result.kind, "summary": result.summary,
                               "conflict": result.conflict,
                               "positions": [{"answer": p.label, "claims": p.claims} for p in result.positions],
                               "alignments": [{k: a[k] for k in ("id", "relation", "explanation", "independent",
                                                                 "shared_origin")} for a in result.alignments]},
                              ensure_ascii=False, indent=1))
        return
    out.print(f"[bold]{escape(result.summary)}[/bold]")
    cited = citation.citations(ctx.store, {c["doc_id"] for p in result.positions for c in p.claims})
    for position in result.positions:
        out.print(f"\n{position.label}:", markup=False)
        shown = position.claims[:5] if position.label.startswith("(") else position.claims
        for claim in shown:
            source = asking.source_of({"attribution": citation.name_document(claim["attribution"], cited.get(claim["doc_id"]))})
            reported = f", reported {claim['reported']}" if claim.get("reported") else ""
            out.print(f"  - {source}, in d{claim['doc_id']} {claim['start']}-{claim['end']} "
                      f"(c{claim['id']}{reported}):", markup=False)
            out.print(f"    “{' '.join(claim['text'].split())}”", markup=False)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "csl-json", "graphml", "annotations", "tei"]),
              default="json", show_default=True,
              help="json: the export contract; csv: a folder of tables; csl-json: citations; graphml: the entity "
                   "network (Gephi); annotations: W3C Web Annotation JSON-LD; tei: a folder of TEI P5 files.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File, or folder for csv and tei; other formats go to standard output without it.")
@pass_ctx
def export(ctx: Context, fmt: str, output: Path | None) -> None:
    """Export the store: JSON as in EXPORT-CONTRACT.md, CSV, CSL-JSON, GraphML, Web Annotations or TEI."""
    if fmt in ("csl-json", "annotations", "graphml"):
        if fmt == "graphml":
            buffer = io.BytesIO()
            graphml.write(ctx.store, buffer)
            text = buffer.getvalue().decode("utf-8")
        else:
            data = csl.items(ctx.store) if fmt == "csl-json" else annotations.collection(ctx.store)
            text = json.dumps(data, ensure_ascii=False, indent=1)
        _emit(text, output)
        if output:
            ctx.say(f"wrote {output}")
        return
    if fmt == "csv":
        written = csv_export.write(ctx.store, output or Path("fontes-csv"))
        ctx.say(f"wrote {len(written)} CSV files to {written[0].parent}")
        return
    if fmt == "tei":
        folder = output or Path("fontes-tei")
        written = tei_export.write(ctx.store, folder)
        ctx.say(f"wrote {len(written)} TEI files to {folder}")
        return
    text = json.dumps(json_export.build(ctx.store), ensure_ascii=False, indent=1)
    if output:
        output.write_text(text, encoding="utf-8")
        ctx.say(f"wrote {output}")
    else:
        click.echo(text)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines read the store.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--max-upload", default=DEFAULT_MAX_BYTES // 1_000_000, show_default=True, metavar="MB",
              help="Refuse uploaded files larger than this many megabytes.")
@pass_ctx
def serve(ctx: Context, host: str, port: int, max_upload: int) -> None:
    """Open the web interface over the store: library, reader, timeline, network, conflicts, archives, ask."""
    import ipaddress

    import uvicorn

    from .web.app import create_app, missing_viewers

    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        err.print(f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine can read the store "
                  "and upload files to it (fontes has no login)")
    if missing_viewers():
        err.print("[yellow]warning:[/] the timeline and network viewers are not installed; run bash scripts/setup.sh")
    app = create_app(ctx.db_path, ctx.corrections, max_upload * 1_000_000)
    ctx.say(f"fontes is serving {ctx.db_path} at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    except OSError as exc:
        raise FontesError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


from .cli_review import review  # noqa: E402  (its commands use the context defined above)

cli.add_command(review)


def main() -> None:
    """Entry point of the `fontes` console script."""
    try:
        cli.main(prog_name="fontes")
    except KeyboardInterrupt:
        err.print("interrupted; everything stored so far is kept")
        sys.exit(130)
    except BrokenPipeError:
        os._exit(0)
