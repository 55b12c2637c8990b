"""The commands that change the store: read sources in, resolve entities again, align claims again."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .cli_context import Context, err, pass_ctx
from .ingest import DEFAULT_MAX_BYTES, check_published


@click.command()
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


@click.command()
@pass_ctx
def resolve(ctx: Context) -> None:
    """Re-resolve entities from stored mentions, after editing the corrections file."""
    from . import pipeline  # loaded here: it imports spaCy, which most commands never need
    count = pipeline.resolve_entities(ctx.store, ctx.corrections)
    ctx.say(f"{count} entities" + (f" (corrections from {ctx.corrections})" if ctx.corrections.is_file() else ""))


@click.command()
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True,
              help="Where to compute sentence embeddings.")
@pass_ctx
def align(ctx: Context, device: str) -> None:
    """Align the claims of all documents again (ingest does this after every change)."""
    from . import pipeline  # loaded here: it imports spaCy, which most commands never need
    count = pipeline.align_claims(ctx.store, device)
    ctx.say(f"{count} alignment groups")
