"""`fontes review`: the reader confirms, rejects or relabels alignment groups, merges and splits
entities, and shares the decisions as a file. Options in, library call (corpus/review.py), output out."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click
from rich.table import Table

from .cli_context import Context, out, pass_ctx
from .corpus import review as reviewing
from .errors import FontesError


def _decider(command):
    """The options every decision takes: who decides, and why."""
    command = click.option("--note", help="Why: kept with the decision and in its export.")(command)
    return click.option("--by", default=lambda: os.environ.get("USER") or "reader", show_default="$USER or reader",
                        metavar="NAME", help="Who decides.")(command)


def _group_id(value: str) -> int:
    digits = value[1:] if value[:1] in ("a", "A") else value
    if not digits.isdigit():
        raise FontesError(f"{value!r} is not a group id such as a5 (see `fontes review list`)")
    return int(digits)


def _short(text: str, width: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[:width - 1] + "…"


@click.group()
def review() -> None:
    """Rule on what fontes found: confirm, reject or relabel groups; merge and split entities.

    Decisions are kept in the store and hold through every later ingest and alignment."""


@review.command("list")
@click.option("--status", type=click.Choice(["machine", "confirmed", "rejected"]), help="Only groups with this status.")
@click.option("--relation", type=click.Choice(reviewing.RELATIONS), help="Only groups of this relation.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def list_groups(ctx: Context, status: str | None, relation: str | None, as_json: bool) -> None:
    """Every alignment group, rejected ones too, with its confidence and status."""
    groups = ctx.store.alignments(relation, status=status, shown="all")
    if as_json:
        click.echo(json.dumps(groups, ensure_ascii=False, indent=1))
        return
    table = Table("id", "relation", "confidence", "status", "claims", box=None)
    for g in groups:
        confidence = "—" if g["confidence"] is None else f"{g['confidence']:.2f}"
        table.add_row(f"a{g['id']}", g["relation"], confidence, g["status"],
                      "\n".join(f"d{c['doc_id']} “{_short(c['text'])}”" for c in g["claims"]))
    out.print(table)
    ctx.say(f"{len(groups)} group{'s' if len(groups) != 1 else ''}")


def _decide(ctx: Context, group: str, action: str, relation: str | None, by: str, note: str | None) -> None:
    decision = reviewing.decide(ctx.store, _group_id(group), action, relation, by, note)
    status = reviewing.STATUS[action]
    out.print(f"a{_group_id(group)} {decision['relation']}: {status} by {by}", markup=False)


@review.command()
@click.argument("group")
@_decider
@pass_ctx
def confirm(ctx: Context, group: str, by: str, note: str | None) -> None:
    """Confirm a group (id as in `fontes review list`): it is kept even if fontes stops proposing it."""
    _decide(ctx, group, "confirm", None, by, note)


@review.command()
@click.argument("group")
@_decider
@pass_ctx
def reject(ctx: Context, group: str, by: str, note: str | None) -> None:
    """Reject a group: it is hidden, never counted, and never proposed again."""
    _decide(ctx, group, "reject", None, by, note)


@review.command()
@click.argument("group")
@click.argument("relation", type=click.Choice(reviewing.RELATIONS))
@_decider
@pass_ctx
def relabel(ctx: Context, group: str, relation: str, by: str, note: str | None) -> None:
    """Give a group another relation (conflict, corroboration or revision); it counts as confirmed."""
    _decide(ctx, group, "relabel", relation, by, note)


@review.command()
@click.argument("entity")
@click.argument("other")
@_decider
@pass_ctx
def merge(ctx: Context, entity: str, other: str, by: str, note: str | None) -> None:
    """Make two entities one (names, aliases or e-ids); the first one's name is kept."""
    decision = reviewing.merge(ctx.store, entity, other, by, note)
    _resolve(ctx, f"merged {decision['names'][1]} into {decision['names'][0]}")


@review.command()
@click.argument("entity")
@click.argument("name")
@_decider
@pass_ctx
def split(ctx: Context, entity: str, name: str, by: str, note: str | None) -> None:
    """Take a name out of an entity: the mentions under that name become an entity of their own."""
    decision = reviewing.split(ctx.store, entity, name, by, note)
    _resolve(ctx, f"split {decision['names'][1]} from {decision['names'][0]}")


def _resolve_entities(ctx: Context) -> int:
    from . import pipeline  # loaded here: it imports spaCy, which the other commands never need
    return pipeline.resolve_entities(ctx.store, ctx.corrections)


def _resolve(ctx: Context, done: str) -> None:
    """Resolve entities again with the decision just taken, and say what was done."""
    count = _resolve_entities(ctx)
    out.print(done, markup=False)
    ctx.say(f"{count} entities")


@review.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def decisions(ctx: Context, as_json: bool) -> None:
    """What was decided, by whom and when, and whether it still finds its claims or names."""
    rows = reviewing.listing(ctx.store)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    table = Table("when", "by", "decision", "about", "note", "applies", box=None)
    for d in rows:
        if d["action"] == "merge":
            about = f"{d['names'][0]} + {d['names'][1]}"
        elif d["action"] == "split":
            about = f"{d['names'][1]} out of {d['names'][0]}"
        else:
            about = f"{d['relation']}: " + " | ".join(f"“{_short(c['text'], 40)}”" for c in d["claims"])
        table.add_row(d["decided_at"], d["decided_by"], d["action"], about, d["note"] or "",
                      "yes" if d["found"] else "not found")
    out.print(table)
    ctx.say(f"{len(rows)} decision{'s' if len(rows) != 1 else ''}")


@review.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def export_decisions(ctx: Context, file: Path) -> None:
    """Write every decision to a JSON file that others can import into their store."""
    data = reviewing.export_file(ctx.store)
    file.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    ctx.say(f"wrote {len(data['decisions'])} decisions to {file}")


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_ctx
def import_decisions(ctx: Context, file: Path) -> None:
    """Read decisions from a file made by `fontes review export`; a later decision about the same
    group or names wins, so importing a file twice changes nothing."""
    stored = reviewing.import_file(ctx.store, reviewing.read_file(file), str(file))
    if stored["entities"]:
        _resolve_entities(ctx)
    ctx.say(f"imported {stored['alignments']} decisions about groups and {stored['entities']} about entities "
            f"from {file}")
