"""Parse + extract throughput and its growth with N."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ingest.extract import extract_facts
from ingest.graph import build_graph
from ingest.parse import parse_document
from schema.model import Graph

from .generate import GeneratedDocument


@dataclass(frozen=True, slots=True)
class IngestRun:
    documents: int
    chars: int
    parse_extract_seconds: float  # decode, normalize, structure, metadata, facts
    graph_seconds: float  # building the graph from the facts
    per_document: tuple[tuple[int, float], ...]  # (chars, parse+extract seconds) of each document
    graphs: tuple[Graph, ...]

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.parse_extract_seconds

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.documents, "chars": self.chars,
            "parse_extract_seconds": round(self.parse_extract_seconds, 3),
            "graph_seconds": round(self.graph_seconds, 3),
            "chars_per_second": round(self.chars_per_second),
            "documents_per_second": round(self.documents / self.parse_extract_seconds, 2),
            "facts": sum(len(g.nodes) + len(g.relationships) for g in self.graphs),
        }


def ingest_documents(docs: list[GeneratedDocument]) -> IngestRun:
    per_document = []
    graphs = []
    graph_seconds = 0.0
    for doc in docs:
        data = doc.text.encode("utf-8")
        started = time.perf_counter()
        tree = parse_document(data, doc.name)
        facts = extract_facts(tree)
        parsed = time.perf_counter()
        graphs.append(build_graph(tree, facts))
        graph_seconds += time.perf_counter() - parsed
        per_document.append((len(doc.text), parsed - started))
    return IngestRun(
        documents=len(docs), chars=sum(c for c, _ in per_document),
        parse_extract_seconds=sum(t for _, t in per_document), graph_seconds=graph_seconds,
        per_document=tuple(per_document), graphs=tuple(graphs),
    )


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = slope * x + intercept; returns (slope, intercept, r squared)."""
    n = len(xs)
    if n < 2:
        raise ValueError("a fit needs two points")
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    intercept = my - slope * mx
    ss_res = sum((y - (slope * x + intercept)) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return slope, intercept, 1.0 - ss_res / ss_tot if ss_tot else 1.0


def growth(run: IngestRun, points: int = 10) -> dict[str, Any]:
    """Cumulative cost at N = n/points, 2n/points, ... n, fitted by a line through N."""
    step = max(1, run.documents // points)
    ns = list(range(step, run.documents + 1, step))
    cumulative = []
    total = 0.0
    for i, (_, seconds) in enumerate(run.per_document, 1):
        total += seconds
        if i in ns:
            cumulative.append(total)
    slope, intercept, r2 = linear_fit([float(n) for n in ns], cumulative)
    return {"n": ns, "cumulative_seconds": [round(c, 3) for c in cumulative],
            "seconds_per_document": round(slope, 5), "intercept_seconds": round(intercept, 4), "r2": round(r2, 5)}
