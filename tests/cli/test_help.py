"""Every command explains itself with an example; a bare `govgraph` shows the commands."""

from __future__ import annotations

import pytest
import typer

from govgraph.cli import app

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
