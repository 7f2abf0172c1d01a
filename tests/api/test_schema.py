"""The exported SDL matches the code, and the issue's public contract is in it."""

from __future__ import annotations

import subprocess
import sys

from graphql import build_schema

from graphql_api.export_schema import SDL_FILE, sdl
from tests.conftest import ROOT

#: type -> fields the issue names (more are welcome, these must not go away)
CONTRACT = {
    "Query": {"jurisdictions", "jurisdiction", "signatories", "meetings", "reportingLines", "obligations", "search",
              "compare", "ask", "article", "documents"},
    "Mutation": {"ingestDocument", "deleteDocument"},
    "Jurisdiction": {"name", "fullName", "nameEn", "level", "documents"},
    "SigningStep": {"role", "action", "condition", "article", "evidence"},
    "Entity": {"key", "name", "nameEn"},
    "Article": {"number", "text", "document"},
    "DocumentRef": {"title"},
    "Meeting": {"name", "nameEn", "members", "conveners", "chairs", "attendees", "frequency", "quorum",
                "minutesSigners", "articles", "evidence"},
    "Participant": {"name", "role", "delegated", "mandatory", "condition", "article", "evidence"},
    "Frequency": {"text", "period", "times"},
    "ReportingLine": {"from", "to", "matter", "article", "evidence"},
    "Obligation": {"modality", "bearer", "deadline", "article", "evidence"},
    "ObligationConnection": {"edges", "pageInfo", "totalCount"},
    "ObligationEdge": {"cursor", "node"},
    "ArticleConnection": {"edges", "pageInfo", "totalCount"},
    "PageInfo": {"hasNextPage", "endCursor"},
    "Comparison": {"jurisdiction", "steps"},
    "Answer": {"text", "intent", "jurisdiction", "citations"},
}
ARGUMENTS = {
    "signatories": {"jurisdiction", "issuer", "genre", "recipient", "document"},
    "meetings": {"jurisdiction", "name", "document"},
    "reportingLines": {"jurisdiction", "from", "to", "document"},
    "obligations": {"jurisdiction", "bearer", "modality", "withDeadline", "first", "after", "document"},
    "search": {"text", "jurisdiction", "first", "after", "document"},
    "compare": {"issuer", "genre"},
    "ask": {"question", "document"},
    "article": {"document", "number", "ordinal"},
}


def test_the_exported_sdl_is_up_to_date() -> None:
    assert SDL_FILE.read_text(encoding="utf-8") == sdl(), (
        "schema/schema.graphql drifted from the code: run `python -m graphql_api.export_schema`")


def test_the_export_command_checks_drift() -> None:
    done = subprocess.run([sys.executable, "-m", "graphql_api.export_schema", "--check"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_public_contract_is_in_the_sdl() -> None:
    schema = build_schema(SDL_FILE.read_text(encoding="utf-8"))
    for type_name, fields in CONTRACT.items():
        found = schema.get_type(type_name)
        assert found is not None, type_name
        assert fields <= set(found.fields), (type_name, fields - set(found.fields))  # type: ignore[union-attr]
    query = schema.query_type
    for field, arguments in ARGUMENTS.items():
        assert set(query.fields[field].args) == arguments, field  # type: ignore[union-attr]
    assert set(schema.get_type("SigningAction").values) == {"SIGN", "APPROVE", "REVIEW", "COUNTERSIGN"}  # type: ignore[union-attr]
    assert set(schema.get_type("Modality").values) == {"MUST", "MUST_NOT", "MAY"}  # type: ignore[union-attr]
