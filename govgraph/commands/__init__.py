"""One module per command group; ``govgraph/cli.py`` assembles them into the typer app."""
