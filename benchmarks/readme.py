"""The README's benchmark figures, written from ``benchmarks/results/latest.json``.

The README quotes the last full run between two markers; this module writes that block from the
results file, so the README cannot drift from what was measured (``--check``: exit 1 if it has):

    python3 -m benchmarks.readme           # after a full run: rewrite the block
    python3 -m benchmarks.readme --check   # the README still quotes latest.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .report import run_summary, targets_table

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
START = "<!-- figures from benchmarks/results/latest.json, written by python3 -m benchmarks.readme -->"
END = "<!-- end of the figures from latest.json -->"


class StaleReadme(Exception):
    """The README has no figures block, or one that differs from the results file."""


def figures(results: dict[str, Any]) -> str:
    """The block: the run in one line, then its targets table."""
    return "\n".join([START, "", run_summary(results), "", *targets_table(results), END])


def rewritten(readme: str, results: dict[str, Any]) -> str:
    """``readme`` with its figures block replaced by the one ``results`` gives."""
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < start:
        raise StaleReadme(f"README.md has no block between {START!r} and {END!r}")
    return readme[:start] + figures(results) + readme[end + len(END):]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md does not quote latest.json")
    args = parser.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    try:
        new = rewritten(readme, json.loads(RESULTS.read_text(encoding="utf-8")))
    except StaleReadme as exc:
        print(f"benchmarks.readme: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if new != readme:
            print("benchmarks.readme: README.md does not quote benchmarks/results/latest.json; "
                  "run python3 -m benchmarks.readme", file=sys.stderr)
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
