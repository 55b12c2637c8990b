"""The commands about claims across sources: claims with who says them, the groups of conflicts,
agreements and revisions, and questions answered from them."""
from __future__ import annotations

import json
import os

import click
from rich.markup import escape

from . import ask as asking, citation
from .cli_context import Context, out, pass_ctx


def _chain(claim: dict, cited: dict[int, str]) -> str:
    return " → ".join(f"{link['name']} ({link['role']})"
                      for link in citation.name_document(claim["attribution"], cited.get(claim["doc_id"])))


def _claim_lines(claim: dict, cited: dict[int, str]) -> list[str]:
    notes = f"  notes {', '.join(claim['notes'])}" if claim["notes"] else ""
    hedge = "  [hedged]" if claim["hedged"] else ""
    return [f"  c{claim['id']}  d{claim['doc_id']} {claim['start']}-{claim['end']}{notes}{hedge}",
            f"    “{' '.join(claim['text'].split())}”", f"    says who: {_chain(claim, cited)}"]


@click.command()
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


@click.command()
@click.option("--entity", help="Only groups with a claim naming this entity.")
@SHOW_ALL
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def conflicts(ctx: Context, entity: str | None, shown: str, as_json: bool) -> None:
    """Where the sources disagree: each conflict with its claims side by side."""
    _show_groups(ctx, "conflict", entity, None, as_json, shown)


@click.command()
@click.option("--entity", help="Only groups with a claim naming this entity.")
@click.option("--independent", is_flag=True, help="Only agreements whose sources share no origin.")
@SHOW_ALL
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def agreements(ctx: Context, entity: str | None, independent: bool, shown: str, as_json: bool) -> None:
    """Where the sources agree, and whether they do so independently."""
    _show_groups(ctx, "corroboration", entity, True if independent else None, as_json, shown)


@click.command()
@click.option("--entity", help="Only groups with a claim naming this entity.")
@SHOW_ALL
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@pass_ctx
def revisions(ctx: Context, entity: str | None, shown: str, as_json: bool) -> None:
    """Figures that changed from report to report (a toll rising day by day), in report order."""
    _show_groups(ctx, "revision", entity, None, as_json, shown)


@click.command()
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
