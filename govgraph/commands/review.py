"""`govgraph diff` and `govgraph check`: what changed between two versions, and what a document
contradicts or lacks. Terminal report by default, ``--json`` for machines, ``--html FILE`` for
a page a drafter can open. Registered on the main app by ``register``."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from ..review.facts import Citation

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_CHANGE_STYLE = {"changed": "magenta", "added": "green", "removed": "red"}


def _cite(c: Citation, width: int = 100) -> str:
    text = " ".join(c.text.split())  # one line: evidence may span page breaks
    text = text if len(text) <= width else text[: width - 1] + "…"
    return f"[dim]{escape(c.label)} (article {c.number})[/] {escape(text)}"


def _cites(citations: tuple[Citation, ...]) -> str:
    return "\n".join(_cite(c) for c in citations)


def _write(report: Any, html: str, as_json: bool, html_file: Path | None) -> None:
    from .common import err

    if as_json:
        typer.echo(json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2))
    if html_file is not None:
        html_file.parent.mkdir(parents=True, exist_ok=True)
        html_file.write_text(html, encoding="utf-8")
        err.print(f"wrote {html_file}", highlight=False, markup=False)


def diff(
    old: str = typer.Argument(..., help="The older version: a file, or a stored document (key, file, 文号 or title)."),
    new: str | None = typer.Argument(None, help="The newer version, likewise. Alone, OLD is a stored document "
                                        "compared with the version it revises."),
    as_json: bool = typer.Option(False, "--json", help="Print the changes and their citations as JSON."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML page here."),
    neo4j: str | None = typer.Option(None, "--neo4j", metavar="URI", help="Read stored documents from Neo4j."),
) -> None:
    """What changed between two versions: facts added, removed and changed, matched by meaning
    (the same meeting, kind of document, reporting pair), each with the old and new article.

    Example: govgraph diff rules-2019.txt rules-2024.txt    (or stored documents: govgraph diff 朝政发〔2019〕3号 朝政发〔2024〕1号)
    """
    from ..review.diff import diff_documents, previous_version
    from ..review.html import diff_html
    from ..review.sources import open_source
    from .common import open_store, out

    store = open_store(neo4j)
    try:
        if new is None:
            new_store, new_key = open_source(old, store)
            older = previous_version(store, new_key) if new_store is store else None
            if older is None:
                raise LookupError(f"{old!r} revises no stored version; name the older one: govgraph diff OLD NEW")
            report = diff_documents(store, older, store, new_key)
        else:
            report = diff_documents(*open_source(old, store), *open_source(new, store))
    finally:
        store.close()
    _write(report, diff_html(report), as_json, html)
    if as_json:
        return
    table = Table("change", "about", "old", "new", title=escape(report.summary()), title_justify="left",
                  show_lines=True)
    for c in report.changes:
        table.add_row(f"[{_CHANGE_STYLE[c.change]}]{c.change}[/]", escape(c.subject),
                      f"{escape(c.old or '—')}\n{_cites(c.old_citations)}", f"{escape(c.new or '—')}\n{_cites(c.new_citations)}")
    out.print(table)


def check(
    document: str = typer.Argument(..., help="A file (a draft), or a stored document (key, file, 文号 or title)."),
    min_share: float | None = typer.Option(None, "--min-share", help="Report a provision missing when at least "
                                              "this share of peer documents has it (default in check_rules.yaml)."),
    as_json: bool = typer.Option(False, "--json", help="Print the findings and their citations as JSON."),
    html: Path | None = typer.Option(None, "--html", help="Also write a self-contained HTML page here."),
    neo4j: str | None = typer.Option(None, "--neo4j", metavar="URI", help="Peers (and a stored document) from Neo4j."),
) -> None:
    """Check a document: contradictions and gaps within it (two default signers, a meeting with no
    chair or frequency, a reporting cycle, a reference to a missing article, numbering), and the
    provisions most peer rules in the store have that it lacks, with counts and cited examples.

    Example: govgraph check 朝阳区人民政府工作规则（征求意见稿）.txt --html check.html
    """
    from ..review.check import check_view
    from ..review.facts import read_document
    from ..review.html import check_html
    from ..review.sources import open_source
    from .common import open_store, out

    store = open_store(neo4j)
    try:
        view = read_document(*open_source(document, store))
        report = check_view(view, store, min_share)
    finally:
        store.close()
    _write(report, check_html(report), as_json, html)
    if as_json:
        return
    doc = report.document
    out.print(f"[bold]{escape(doc.title or doc.key)}[/] {escape(doc.jurisdiction or '')}: "
              f"{escape(report.summary())}", highlight=False)
    for f in report.findings:
        style = _SEVERITY_STYLE.get(f.severity, "")
        out.print(f"[{style}]{f.severity}[/] {f.code}: {escape(f.message)} "
                  f"[dim](articles {', '.join(map(str, f.articles))})[/]", highlight=False)
        for c in f.citations[:3]:
            out.print(f"    {_cite(c)}", highlight=False)
    for p in report.peer_findings:
        out.print(f"[cyan]peers[/] {p.code}: {escape(p.message)}", highlight=False)
        for c in p.examples:
            out.print(f"    [dim]{escape(c.jurisdiction)}[/] {_cite(c)}", highlight=False)
