"""`govgraph ask`: the answer with its citations; a question it cannot map exits 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schema.rows import PlaceRow, StepRow
from stores.memory import MemoryStore


@pytest.fixture(scope="module")
def office_rules(corpus_data: Path) -> list[tuple[PlaceRow, list[StepRow]]]:
    """(jurisdiction, signing steps) for every jurisdiction whose rules say who signs office documents."""
    store = MemoryStore.from_file(corpus_data)
    found = []
    for jur in store.jurisdictions():
        steps = store.signatories(jur.place.key, "government_office", None, None, None)
        if steps:
            found.append((jur.place, steps))
    assert found, "the corpus has office signing rules"
    return found


def test_answers_with_the_articles_it_cites(loaded, office_rules) -> None:  # type: ignore[no-untyped-def]
    for jur, steps in office_rules:
        result = loaded("ask", f"Who signs an office notice in {jur.name_en}?")
        assert result.exit_code == 0, result.output
        answer, _, sources = result.stdout.partition("\nSources\n")
        assert jur.name_en and jur.name_en in answer
        for name in {s.role.name for s in steps if s.condition is None}:
            assert name in answer
        cited = {s.article.number for s in steps}
        for number in cited:
            assert f"(article {number})" in sources
        title = steps[0].article.document.title
        assert sources.startswith(f"[1] {title} ")


def test_chinese_question_gets_a_chinese_answer(loaded, office_rules) -> None:  # type: ignore[no-untyped-def]
    jur, steps = office_rules[0]
    result = loaded("ask", f"{jur.name}政府办公室的发文由谁签发？")
    assert result.exit_code == 0, result.output
    assert f"第{steps[0].article.number}条" in result.stdout


def test_json_output(loaded, office_rules) -> None:  # type: ignore[no-untyped-def]
    jur, steps = office_rules[0]
    result = loaded("ask", "--json", f"Who signs an office notice in {jur.name_en}?")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["understood"] is True and body["intent"] == "signing"
    assert {c["number"] for c in body["citations"]} == {s.article.number for s in steps}
    for citation in body["citations"]:
        assert citation["text"].startswith(citation["label"])


def test_a_question_it_cannot_map_exits_1_and_says_what_works(loaded) -> None:  # type: ignore[no-untyped-def]
    result = loaded("ask", "What will the weather be tomorrow?")
    assert result.exit_code == 1
    assert "won't guess" in result.stdout
    assert "- Who signs" in result.stdout
    assert "Sources" not in result.stdout
