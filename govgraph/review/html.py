"""Self-contained HTML pages of a check and of a diff: one file, inline CSS, no script, no
external resource, every value escaped, so a drafter can open it from disk or a mail."""

from __future__ import annotations

from html import escape

from schema.rows import DocumentRow

from .check import CheckReport
from .diff import DiffReport
from .facts import Citation

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",system-ui,sans-serif;margin:0;
 background:#f6f7f9;color:#1d2330;line-height:1.55}
header{background:#1f3a5f;color:#fff;padding:20px 32px}header h1{margin:0 0 4px;font-size:22px}
header p{margin:0;opacity:.85}main{padding:20px 32px;max-width:1200px}
section{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:14px 20px;margin:0 0 18px}
h2{font-size:17px;margin:4px 0 10px}.counts span{display:inline-block;margin-right:14px;font-weight:600}
table{border-collapse:collapse;width:100%}td,th{border-top:1px solid #e6e9ef;padding:8px 6px;vertical-align:top;
 text-align:left}th{font-size:13px;color:#5a6475;font-weight:600}
.badge{display:inline-block;border-radius:4px;padding:1px 7px;font-size:12px;font-weight:700;color:#fff}
.error{background:#c0392b}.warning{background:#d68910}.info{background:#2e6da4}
.changed{background:#7d3c98}.added{background:#1e8449}.removed{background:#c0392b}
code{font-size:12px;background:#eef1f5;padding:1px 5px;border-radius:3px}
blockquote{margin:4px 0;padding:4px 10px;border-left:3px solid #9fb3cc;background:#f4f7fb;font-size:14px}
.cite{font-size:12px;color:#5a6475}.none{color:#5a6475;font-style:italic}
"""


def _cite(c: Citation) -> str:
    # the label as written, and the ordinal the API's `article(document, number)` takes
    where = f"{escape(c.jurisdiction)} · {escape(c.title)} · {escape(c.label)} (#{c.number})"
    span = f" [{c.start}:{c.end}]" if c.start is not None else ""
    return f'<blockquote>{escape(c.text)}<div class="cite">{where}{span}</div></blockquote>'


def _cites(citations: tuple[Citation, ...]) -> str:
    return "".join(_cite(c) for c in citations) or '<span class="none">—</span>'


def _page(title: str, subtitle: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_CSS}</style></head>'
            f"<body><header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header><main>{body}</main>"
            "</body></html>\n")


def _doc_line(doc: DocumentRow) -> str:
    parts = [doc.jurisdiction, doc.doc_number, doc.issued or doc.adopted, doc.status]
    return " · ".join(str(p) for p in parts if p)


def check_html(report: CheckReport) -> str:
    doc = report.document
    rows = "".join(
        f'<tr><td><span class="badge {escape(f.severity)}">{escape(f.severity)}</span></td>'
        f"<td><code>{escape(f.code)}</code></td><td>{escape(f.message)}</td>"
        f"<td>{', '.join(str(n) for n in f.articles)}</td><td>{_cites(f.citations)}</td></tr>"
        for f in report.findings)
    internal = (f"<table><tr><th>severity</th><th>code</th><th>finding</th><th>articles</th><th>text</th></tr>"
                f"{rows}</table>") if rows else '<p class="none">No internal finding.</p>'
    peer_rows = "".join(
        f'<tr><td><span class="badge info">{f.count}/{f.peers}</span></td><td><code>{escape(f.code)}</code></td>'
        f"<td>{escape(f.message)}</td><td>{_cites(f.examples)}</td></tr>" for f in report.peer_findings)
    peers = (f"<table><tr><th>peers</th><th>code</th><th>finding</th><th>examples from peers</th></tr>{peer_rows}"
             "</table>") if peer_rows else '<p class="none">Nothing most peers have is missing.</p>'
    counts = (f'<section class="counts"><span>{sum(f.severity == "error" for f in report.findings)} errors</span>'
              f'<span>{sum(f.severity == "warning" for f in report.findings)} warnings</span>'
              f"<span>{len(report.peer_findings)} missing provisions</span>"
              f"<span>{len(report.peers)} peer rules compared (share ≥ {report.min_share:.0%})</span></section>")
    body = (f"{counts}<section><h2>Within the document</h2>{internal}</section>"
            f"<section><h2>Compared with peers</h2>{peers}</section>")
    return _page(f"Check: {doc.title or doc.key}", _doc_line(doc), body)


def diff_html(report: DiffReport) -> str:
    rows = "".join(
        f'<tr><td><span class="badge {c.change}">{c.change}</span></td><td>{escape(c.subject)}</td>'
        f"<td>{escape(c.old or '—')}{_cites(c.old_citations) if c.old_citations else ''}</td>"
        f"<td>{escape(c.new or '—')}{_cites(c.new_citations) if c.new_citations else ''}</td></tr>"
        for c in report.changes)
    table = (f"<table><tr><th>change</th><th>about</th><th>old version</th><th>new version</th></tr>{rows}</table>"
             if rows else '<p class="none">The two versions state the same facts.</p>')
    body = f'<section class="counts"><span>{escape(report.summary())}</span></section><section>{table}</section>'
    title = f"What changed: {report.new.title or report.new.key}"
    return _page(title, f"{_doc_line(report.old)}  →  {_doc_line(report.new)}", body)
