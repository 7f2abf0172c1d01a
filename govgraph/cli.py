"""The ``govgraph`` command line: assembles the commands of ``govgraph/commands/`` into one typer app.

Every command that touches a store uses the embedded store (an SQLite file,
``GOVGRAPH_DATA``, default ``.govgraph/govgraph.db``) unless ``--neo4j URI`` or
``NEO4J_URI`` names a Neo4j server. Errors are one clear line on stderr
(``govgraph --debug COMMAND …`` shows the traceback). Exit codes: 0 ok, 1 error,
2 some input files were refused.
"""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from .commands import ask, export, ingest, query, review, serve
from .commands import eval as evaluation
from .commands.common import _one_line, _state, err


class _Commands(TyperGroup):
    """Turns any error a command raises into one line on stderr and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError):
            raise  # click's own exits and usage errors; a closed pipe (| head) ends quietly upstream
        except Exception as exc:
            if _state["debug"]:
                err.print_exception(show_locals=False)
            err.print(f"[bold red]error:[/] {escape(_one_line(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    help="govgraph: Chinese local-government work rules as a cited knowledge graph.",
    epilog="Example: govgraph ask \"东城区政府办公室的发文由谁签发？\"   (a new store starts with the bundled corpus/)",
)


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show the traceback of an error.")) -> None:
    _state["debug"] = debug


app.command()(ingest.parse)
app.command()(serve.serve)
app.command()(ingest.ingest)
app.command()(query.documents)
app.command()(query.stats)
app.command()(ingest.delete)
app.command()(export.export)
app.command()(ask.ask)
app.command("eval")(evaluation.eval_)
app.command()(review.diff)
app.command()(review.check)


def main() -> None:
    app(prog_name="govgraph")


if __name__ == "__main__":
    main()
