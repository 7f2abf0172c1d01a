"""Cypher statements, one per file, loaded once. Parameters only: no statement is
built from user input. Load templates name labels and types as ``__LABEL__`` slots
that only ``schema.model``'s allow-lists may fill."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from schema.model import NODE_LABELS, RELATIONSHIP_TYPES

_DIR = Path(__file__).parent


@cache
def statement(name: str) -> str:
    """The text of ``cypher/<name>.cypher`` (e.g. ``queries/signatories``)."""
    path = _DIR / f"{name}.cypher"
    if not path.is_file():
        raise FileNotFoundError(f"no Cypher file {path}")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a multi-statement file (split at ';' line ends), comments dropped."""
    text = "\n".join(line for line in statement(name).splitlines() if not line.strip().startswith("//"))
    return [s.strip() for s in text.split(";\n") if s.strip().rstrip(";")]


def query_names() -> list[str]:
    return sorted(p.stem for p in (_DIR / "queries").glob("*.cypher"))


def fill_node_template(text: str, label: str) -> str:
    """A statement template with its label filled in, only from the model's allow-list."""
    if label not in NODE_LABELS:
        raise ValueError(f"label {label!r} is not in the graph model")
    return text.replace("__LABEL__", label)


def fill_relationship_template(text: str, type_: str, start_label: str, end_label: str) -> str:
    """A statement template with its type and end labels filled in, only in a shape the model allows."""
    allowed = RELATIONSHIP_TYPES.get(type_)
    if allowed is None or start_label not in allowed[0] or end_label not in allowed[1]:
        raise ValueError(f"({start_label})-[:{type_}]->({end_label}) is not in the graph model")
    return text.replace("__TYPE__", type_).replace("__START__", start_label).replace("__END__", end_label)


def node_load(label: str) -> str:
    return fill_node_template(statement("load/nodes"), label)


def relationship_load(type_: str, start_label: str, end_label: str) -> str:
    return fill_relationship_template(statement("load/relationships"), type_, start_label, end_label)


def node_create(label: str) -> str:
    return fill_node_template(statement("load/create_nodes"), label)


def relationship_create(type_: str, start_label: str, end_label: str) -> str:
    return fill_relationship_template(statement("load/create_relationships"), type_, start_label, end_label)
