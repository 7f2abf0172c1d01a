"""`govgraph eval`: extraction scored against a gold file."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import _fail, out


def eval_(
    gold: list[Path] = typer.Option(..., "--gold", help="Gold file (format of tests/data/gold_seeds.yaml); "
                                    "repeat to score several gold files together."),
    section: list[str] | None = typer.Option(None, "--section", help="Only these sections (repeatable)."),
    show: bool = typer.Option(False, "--show", help="List every miss and false hit."),
    check: bool = typer.Option(False, "--check", help="Exit 1 when a section is below the bar."),
) -> None:
    """Score extraction against a gold file: precision, recall and F1 per section.

    The bar is precision >= 0.95 and recall >= 0.90 for structure, signing, meetings,
    reports_to and deadlines (conditions is reported, not gated).

    Example: govgraph eval --gold tests/data/gold_seeds.yaml --section meetings --show
             govgraph eval --gold tests/data/gold_seeds.yaml --gold tests/data/docs/gold_own.yaml
    """
    from rich.table import Table

    from govgraph.evaluate import GATED, PRECISION_BAR, RECALL_BAR, SECTIONS, evaluate

    unknown = sorted(set(section or []) - set(SECTIONS))
    if unknown:
        _fail(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    report = evaluate(gold, section or SECTIONS)
    table = Table("section", "precision", "recall", "F1", "predicted", "gold", "misses", "false hits", "bar",
                  title=f"{' + '.join(map(str, gold))} · {len(report.documents)} documents")
    for name, s in report.sections.items():
        bar = ("[green]ok[/]" if s.passes else "[red]below[/]") if name in GATED else "[dim]info[/]"
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.predicted),
                      str(s.gold), str(len(s.misses)), str(len(s.false_hits)), bar)
    out.print(table)
    if show:
        for name, s in report.sections.items():
            for miss in s.misses:
                out.print(f"[red]miss[/] {name} {miss}", highlight=False)
            for hit in s.false_hits:
                out.print(f"[yellow]false hit[/] {name} {hit}", highlight=False)
    if check and report.failing():
        _fail(f"below the bar (P >= {PRECISION_BAR}, R >= {RECALL_BAR}): {', '.join(report.failing())}")
