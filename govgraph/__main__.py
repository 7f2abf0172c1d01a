"""``python -m govgraph`` is the ``govgraph`` command."""

from govgraph.cli import main

main()
