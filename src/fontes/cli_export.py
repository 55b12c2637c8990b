"""The commands that open the store to other tools and people: `fontes export` and `fontes serve`."""
from __future__ import annotations

import io
import json
from pathlib import Path

import click

from .cli_context import Context, emit, err, pass_ctx
from .errors import FontesError
from .export import annotations, csl, graphml, csv_export, json_export, tei as tei_export
from .ingest import DEFAULT_MAX_BYTES


@click.command()
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
        emit(text, output)
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


@click.command()
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

