"""The command line: options in, one library call, output out. Behaviour lives in the library.

The commands live by what they do: cli_ingest (changing the store), cli_reading (documents and what
they hold), cli_claims (claims across sources, and questions), cli_export (export and serve),
cli_review (the reader's decisions)."""
from __future__ import annotations

import os
import sys

import click

from . import __version__
from .cli_claims import agreements, ask, claims, conflicts, revisions
from .cli_context import Context, err
from .cli_export import export, serve
from .cli_ingest import align, ingest, resolve
from .cli_reading import archives, docs, entities, notes, show, sources_of, timeline
from .cli_review import review
from .errors import FontesError


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


for command in (ingest, resolve, align, docs, show, entities, timeline, notes, archives, sources_of, claims,
                conflicts, agreements, revisions, ask, export, serve, review):
    cli.add_command(command)


def main() -> None:
    """Entry point of the `fontes` console script."""
    try:
        cli.main(prog_name="fontes")
    except KeyboardInterrupt:
        err.print("interrupted; everything stored so far is kept")
        sys.exit(130)
    except BrokenPipeError:
        os._exit(0)
