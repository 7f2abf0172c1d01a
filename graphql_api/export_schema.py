"""Write the schema's SDL to ``schema/schema.graphql`` (or check that it is up to date).

    python -m graphql_api.export_schema           # write
    python -m graphql_api.export_schema --check   # exit 1 when the file differs from the code
"""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import schema

SDL_FILE = Path(__file__).resolve().parent.parent / "schema" / "schema.graphql"
HEADER = "# Generated from graphql_api/schema.py by `python -m graphql_api.export_schema`; do not edit.\n\n"


def sdl() -> str:
    return HEADER + str(schema).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    text = sdl()
    if "--check" in argv:
        current = SDL_FILE.read_text(encoding="utf-8") if SDL_FILE.is_file() else ""
        if current != text:
            print(f"{SDL_FILE} is out of date: run `python -m graphql_api.export_schema`", file=sys.stderr)
            return 1
        return 0
    SDL_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SDL_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
