"""Extraction quality against a gold file: precision, recall and F1 per section.

A gold file (format of ``tests/data/gold_seeds.yaml``) names documents by path relative
to itself and lists, per document, hand-checked facts. Each section turns gold and
predicted facts into *units* (``govgraph/eval_sections.py``) and matches them one to one
(``govgraph/eval_matching.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ingest.extract.common import document_level
from ingest.pipeline import IngestResult, ingest_path
from schema.vocabulary import Vocabulary, load_vocabulary

from .eval_matching import PRECISION_BAR, RECALL_BAR, Names, SectionScore
from .eval_sections import (
    METADATA_FIELDS,
    score_conditions,
    score_deadlines,
    score_document,
    score_meetings,
    score_reports_to,
    score_signing,
    score_structure,
    stored_metadata,
    structure_counts,
)

# The eval command and the API's gold tests read the scoring API from this module.
__all__ = [
    "GATED", "METADATA_FIELDS", "PRECISION_BAR", "RECALL_BAR", "SECTIONS", "Names", "Report", "SectionScore",
    "evaluate", "load_gold", "merge_gold", "score_document", "score_meetings", "score_reports_to", "score_section",
    "score_signing", "score_structure",
]

SECTIONS = ("document", "structure", "signing", "conditions", "meetings", "reports_to", "deadlines")
GATED = ("document", "structure", "signing", "meetings", "reports_to", "deadlines")


@dataclass
class Report:
    gold_file: Path
    documents: list[str]
    sections: dict[str, SectionScore]

    def failing(self) -> list[str]:
        return [name for name in GATED if name in self.sections and not self.sections[name].passes]


def load_gold(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, list) or not all(isinstance(d, dict) and "file" in d for d in data):
        raise ValueError(f"{path}: a gold file is a list of documents, each with a `file`")
    return data


def merge_gold(paths: Iterable[Path]) -> dict[Path, dict[str, Any]]:
    """Documents of several gold files by resolved path; a later file's facts about a document
    an earlier file names are added to that document's."""
    merged: dict[Path, dict[str, Any]] = {}
    for gold_path in paths:
        for entry in load_gold(gold_path):
            path = (gold_path.parent / entry["file"]).resolve()
            into = merged.setdefault(path, {"file": str(path)})
            for key, value in entry.items():
                if key == "file":
                    continue
                if isinstance(value, list) and isinstance(into.get(key), list):
                    into[key] = into[key] + value
                else:
                    into.setdefault(key, value)
    return merged


def score_section(section: str, gold: dict[str, Any], result: IngestResult, names: Names) -> SectionScore:
    """One section's score for one ingested document against its gold entry."""
    if section == "document":
        return score_document(gold, stored_metadata(result.graph))
    if section == "structure":
        return score_structure(gold, structure_counts(result))
    if section == "deadlines":
        return score_deadlines(gold, result.facts)
    by_names = {"signing": score_signing, "conditions": score_conditions, "meetings": score_meetings,
                "reports_to": score_reports_to}
    return by_names[section](gold, result.facts, names)


def evaluate(gold_path: Path | Iterable[Path], sections: Iterable[str] = SECTIONS,
             vocabulary: Vocabulary | None = None) -> Report:
    """Ingest every document the gold file(s) name and score each section."""
    paths = [gold_path] if isinstance(gold_path, Path) else list(gold_path)
    names = Names(vocabulary or load_vocabulary())
    wanted = [s for s in SECTIONS if s in set(sections)]
    totals = {s: SectionScore(s) for s in wanted}
    documents = []
    for path, gold in merge_gold(paths).items():
        result = ingest_path(path)  # with what a sources.yaml beside it says, as `govgraph ingest` reads it
        documents.append(path.name)
        names = names.at(document_level(result.tree))
        for section in wanted:
            totals[section].add(score_section(section, gold, result, names), path.name)
    return Report(paths[0], documents, totals)
