"""Every command explains itself with an example; a bare `govgraph` shows the commands."""

from __future__ import annotations

import re

import pytest
import typer

from govgraph.cli import app
from stores.memory import MemoryStore

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_commands_the_issue_names_exist() -> None:
    assert {"parse", "serve", "ingest", "ask", "export", "stats", "delete", "documents"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_an_example(govgraph, command: str) -> None:  # type: ignore[no-untyped-def]
    result = govgraph(command, "--help")
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"govgraph {command}" in result.stdout


def test_no_arguments_lists_the_commands(govgraph) -> None:  # type: ignore[no-untyped-def]
    result = govgraph()
    # click shows the help of a group called without a command, with exit code 2
    assert result.exit_code in (0, 2)
    for command in COMMANDS:
        assert command in result.output


def test_an_unknown_command_is_a_usage_error(govgraph) -> None:  # type: ignore[no-untyped-def]
    result = govgraph("frobnicate")
    assert result.exit_code == 2
    assert "frobnicate" in result.output
    assert "Traceback" not in result.output


def test_ask_examples_name_bundled_jurisdictions(govgraph, corpus_data) -> None:  # type: ignore[no-untyped-def]
    text = govgraph("ask", "--help").stdout
    store = MemoryStore.from_file(corpus_data)
    try:
        names = {j.place.name for j in store.jurisdictions()}
        english = {j.place.name_en for j in store.jurisdictions()}
    finally:
        store.close()
    named = re.findall(r"[\u4e00-\u9fff]{2}[区县]", text)
    named_en = re.findall(r" in ([A-Z][a-z]+)\?", text)
    assert named and named_en
    assert set(named) <= names and set(named_en) <= english
