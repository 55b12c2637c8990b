"""The commands that read what the store holds about documents: the list, a text, its entities,
times, notes, archives, and what a statement rests on."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.table import Table

from .cli_context import Context, emit, out, pass_ctx
from .corpus.evidence import describe as merged_by
from .errors import FontesError
from .export import timeline as timeline_export
from .ingest import check_published


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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
        emit(table, output)
        return
    text = {"json": lambda: json.dumps(events, ensure_ascii=False, indent=1),
            "timelinejs": lambda: json.dumps(timeline_export.timelinejs(events), ensure_ascii=False, indent=1),
            "csv": lambda: timeline_export.to_csv(events)}[fmt]()
    emit(text, output)
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


@click.command()
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


@click.command()
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


@click.command("sources-of")
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
