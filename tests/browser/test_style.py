"""cypher/browser/style.grass: every label its own color and the readable caption every node carries."""

from __future__ import annotations

import re

from schema.model import NODE_LABELS, RELATIONSHIP_TYPES
from tests.conftest import ROOT

GRASS = (ROOT / "cypher" / "browser" / "style.grass").read_text(encoding="utf-8")
_RULE = re.compile(r"^(node|relationship)(?:\.(\w+))? \{\n(.*?)\n\}$", re.M | re.S)


def grass_rules() -> dict[tuple[str, str | None], dict[str, str]]:
    rules = {}
    for kind, name, body in _RULE.findall(GRASS):
        props = dict(line.strip().rstrip(";").split(": ", 1) for line in body.strip().splitlines())
        rules[(kind, name or None)] = props
    return rules


def test_the_file_is_only_rules() -> None:
    assert _RULE.sub("", GRASS).strip() == ""


def test_every_label_has_its_own_color_and_shows_the_caption() -> None:
    rules = grass_rules()
    styled = {name for kind, name in rules if kind == "node" and name}
    assert styled == set(NODE_LABELS)
    colors = [rules[("node", label)]["color"] for label in NODE_LABELS]
    assert len(set(colors)) == len(colors)
    for label in NODE_LABELS:
        rule = rules[("node", label)]
        assert rule["caption"] == '"{caption}"'
        assert re.fullmatch(r"#[0-9A-Fa-f]{6}", rule["color"]) and rule["diameter"].endswith("px")


def test_relationship_rules_name_types_of_the_model() -> None:
    typed = {name for kind, name in grass_rules() if kind == "relationship" and name}
    assert typed and typed <= set(RELATIONSHIP_TYPES)


def test_every_node_carries_a_caption(corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    for graph in corpus_graphs:
        for node in graph.nodes:
            assert isinstance(node.props.get("caption"), str) and node.props["caption"].strip(), node.key
