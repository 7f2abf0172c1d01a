"""Write documents' graphs out: JSON Lines of cited facts, a Cypher script, GraphML.

Every writer takes the graphs of ``Store.graphs`` and returns text, sorted so
that the same graph always gives the same file, whichever store it came from.
Properties whose value is null are left out (Neo4j does not store them either).
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any

import cypher
from schema.model import NODE_LABELS, RELATIONSHIP_TYPES, Graph, Node, Relationship

FORMATS = ("jsonl", "cypher", "graphml")

#: relationship types that state a fact of the rules; the rest is document structure
#: (HAS_*, STATED_IN) or part of another fact (ISSUED_AS/ADDRESSED_TO describe a
#: DocumentType, BEARS/OWED_TO an Obligation).
FACT_TYPES = ("SIGNS", "APPROVES", "REVIEWS", "COUNTERSIGNS", "CONVENES", "CHAIRS", "MEMBER_OF", "ATTENDS",
              "REPORTS_TO", "DEPUTIZES_FOR", "HEADS")
#: relationship properties that locate the fact's source; they go into ``citation``
CITATION_PROPS = ("key", "doc", "article", "articleKey", "start", "end", "evidence")
#: rows per UNWIND statement in the Cypher script
CYPHER_BATCH = 200

for _type in FACT_TYPES:
    if _type not in RELATIONSHIP_TYPES:
        raise ValueError(f"fact type {_type} is not in the graph model")


def _present(props: dict[str, Any]) -> dict[str, Any]:
    """The properties that have a value, by name (stores return them in any order)."""
    return {k: props[k] for k in sorted(props) if props[k] is not None}


def _sorted_nodes(graphs: list[Graph]) -> list[Node]:
    order = {label: i for i, label in enumerate(NODE_LABELS)}
    nodes = {n.key: n for g in graphs for n in g.nodes}
    return sorted(nodes.values(), key=lambda n: (order[n.label], n.key))


def _sorted_relationships(graphs: list[Graph]) -> list[Relationship]:
    rels = {r.key: r for g in graphs for r in g.relationships}
    return sorted(rels.values(), key=lambda r: r.key)


# -- JSON Lines of facts ------------------------------------------------------------------

def _entity(node: Node) -> dict[str, Any]:
    p = node.props
    out = {"label": node.label, "key": node.key, "kind": p.get("kind"), "name": p.get("name"),
           "nameEn": p.get("nameEn")}
    if node.label == "DocumentType":
        out.update(issuer=p.get("issuerName"), genres=p.get("genreNames"), recipient=p.get("recipientName"))
    return out


def _citation(nodes: dict[str, Node], doc: Node, props: dict[str, Any]) -> dict[str, Any] | None:
    number = props.get("article")
    if number is None:
        return None
    article = nodes.get(props.get("articleKey") or "")  # the one article cited (printed numbers may repeat)
    return {
        "document": {"key": doc.key, "title": doc.props.get("title"), "file": doc.props.get("file"),
                     "jurisdiction": doc.props.get("jurisdiction")},
        "article": number,
        "articleLabel": article.props.get("label") if article else None,
        "start": props.get("start"),
        "end": props.get("end"),
        "text": props.get("evidence"),
    }


def facts(graph: Graph) -> Iterator[dict[str, Any]]:
    """The facts of one document, each with its citation (null when the extractor kept none)."""
    nodes = {n.key: n for n in graph.nodes}
    doc = nodes[graph.document]
    rels = sorted(graph.relationships, key=lambda r: r.key)
    for rel in rels:
        if rel.type in FACT_TYPES:
            yield {
                "fact": rel.type,
                "subject": _entity(nodes[rel.start]),
                "object": _entity(nodes[rel.end]),
                "properties": _present({k: v for k, v in rel.props.items() if k not in CITATION_PROPS}),
                "citation": _citation(nodes, doc, rel.props),
            }
    bearers = {r.end: nodes[r.start] for r in rels if r.type == "BEARS"}
    owed = {r.start: nodes[r.end] for r in rels if r.type == "OWED_TO"}
    for node in sorted((n for n in graph.nodes if n.label == "Obligation"), key=lambda n: n.key):
        p = node.props
        yield {
            "fact": "OBLIGATION",
            "subject": _entity(bearers[node.key]) if node.key in bearers else None,
            "object": _entity(owed[node.key]) if node.key in owed else None,
            "properties": _present({k: p.get(k) for k in ("modality", "trigger", "action", "condition",
                                                          "deadlineText", "deadlineAmount", "deadlineUnit",
                                                          "deadlineKind")}),
            "citation": _citation(nodes, doc, p),
        }


def to_jsonl(graphs: list[Graph]) -> str:
    return "".join(json.dumps(f, ensure_ascii=False, sort_keys=True) + "\n" for g in graphs for f in facts(g))


# -- Cypher script ------------------------------------------------------------------------

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[ch])
        elif ord(ch) < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def literal(value: Any) -> str:
    """A Cypher literal for a property value: 'it\\'s' , [1, 2], {`a b`: true}."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Cypher literal for {value!r}")
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_name(k)}: {literal(v)}" for k, v in value.items()) + "}"
    raise ValueError(f"no Cypher literal for a {type(value).__name__}")


def _name(key: str) -> str:
    return key if _IDENTIFIER.fullmatch(key) else "`" + key.replace("`", "``") + "`"


def inline(statement: str, **params: Any) -> str:
    """A statement of ``cypher/`` with its parameters written in as literals, comments dropped."""
    body = "\n".join(line for line in statement.splitlines() if not line.strip().startswith("//"))

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in params:
            raise ValueError(f"no value for ${match.group(1)}")
        return literal(params[match.group(1)])

    return _PARAMETER.sub(value, body).strip()


def to_cypher(graphs: list[Graph]) -> Iterator[str]:
    """Statements (each ending in ';' and a newline) that recreate the graphs in an empty database.

    The same load statements as the Neo4j store, with the rows written in: string
    literals never hold a raw newline, so ';' at a line end always ends a statement.
    """
    nodes = _sorted_nodes(graphs)
    rels = _sorted_relationships(graphs)
    labels = {n.key: n.label for n in nodes}
    yield (f"// govgraph export: {len(graphs)} documents, {len(nodes)} nodes, {len(rels)} relationships.\n"
           "// Recreates the graph in an empty database, e.g. cypher-shell -u neo4j -f graph.cypher\n")
    for stmt in cypher.statements("schema"):
        yield stmt.rstrip(";") + ";\n"
    for label in NODE_LABELS:
        rows = [_present(n.props) for n in nodes if n.label == label]
        for i in range(0, len(rows), CYPHER_BATCH):
            yield inline(cypher.node_load(label), rows=rows[i : i + CYPHER_BATCH]) + ";\n"
    shapes: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in rels:
        row = {"start": r.start, "end": r.end, "key": r.key, "props": _present(r.props)}
        shapes.setdefault((r.type, labels[r.start], labels[r.end]), []).append(row)
    for (type_, start, end), rows in sorted(shapes.items()):
        for i in range(0, len(rows), CYPHER_BATCH):
            yield inline(cypher.relationship_load(type_, start, end), rows=rows[i : i + CYPHER_BATCH]) + ";\n"
    for node in nodes:
        if node.label == "Jurisdiction":
            yield inline(cypher.statement("load/versions"), jurisdictions=[node.key]) + ";\n"


def split_script(text: str) -> list[str]:
    """The statements of a script written by ``to_cypher`` (for running it with a driver)."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    return [s.strip() for s in re.split(r";\n", body + "\n") if s.strip()]


# -- GraphML ------------------------------------------------------------------------------

#: characters XML 1.0 cannot carry at all (not even escaped)
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _graphml_type(values: list[Any]) -> str:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _graphml_text(value: Any, type_: str) -> str:
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ in ("long", "double"):
        return repr(value)
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return _XML_FORBIDDEN.sub("\ufffd", text)


def to_graphml(graphs: list[Graph]) -> str:
    """GraphML for Gephi, yEd, networkx: node labels in ``labels`` (as ``:Article``), edge types in ``label``."""
    nodes = _sorted_nodes(graphs)
    rels = _sorted_relationships(graphs)
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    keys: dict[tuple[str, str], tuple[str, str]] = {}  # (for, property) -> (key id, type)
    for domain, items, fixed in (("node", nodes, "labels"), ("edge", rels, "label")):
        values: dict[str, list[Any]] = {}
        for item in items:
            for k, v in item.props.items():
                if v is not None:
                    values.setdefault(k, []).append(v)
        keys[(domain, fixed)] = (fixed, "string")
        for prop in sorted(values):
            keys[(domain, prop)] = (f"{domain[0]}_{prop}", _graphml_type(values[prop]))
    for (domain, prop), (key_id, type_) in keys.items():
        ET.SubElement(root, "key", {"id": key_id, "for": domain, "attr.name": prop, "attr.type": type_})
    graph = ET.SubElement(root, "graph", id="govgraph", edgedefault="directed")

    def data(parent: ET.Element, domain: str, props: dict[str, Any]) -> None:
        for k, v in _present(props).items():
            key_id, type_ = keys[(domain, k)]
            ET.SubElement(parent, "data", key=key_id).text = _graphml_text(v, type_)

    for n in nodes:
        element = ET.SubElement(graph, "node", id=n.key, labels=f":{n.label}")
        ET.SubElement(element, "data", key="labels").text = f":{n.label}"
        data(element, "node", n.props)
    for r in rels:
        element = ET.SubElement(graph, "edge", id=r.key, source=r.start, target=r.end, label=r.type)
        ET.SubElement(element, "data", key="label").text = r.type
        data(element, "edge", r.props)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
