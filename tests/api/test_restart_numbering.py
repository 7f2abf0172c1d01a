"""restart_county.txt through GraphQL: every chapter restarts its numbering at 第一条, and each
cited Article carries the ordinal and printed number its gold names (restart_gold.yaml); the
article field takes an ordinal, and refuses a printed number that names several articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .conftest import data, execute

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD = yaml.safe_load((DOCS / "restart_gold.yaml").read_text(encoding="utf-8"))
ARTICLE = "{ key ordinal number text }"


def _cited(article: dict[str, Any], gold: dict[str, Any]) -> None:
    assert (article["ordinal"], article["number"]) == (gold["ordinal"], gold["number"])
    if "clause" in gold:
        assert gold["clause"] in article["text"]


def test_signing_steps_cite_their_article(restart_store) -> None:  # type: ignore[no-untyped-def]
    for gold in GOLD["signing"]:
        if gold["genre"] is not None:
            continue
        rows = data(restart_store, f"""query($j: String!, $i: String!) {{
            signatories(jurisdiction: $j, issuer: $i) {{ role {{ key }} article {ARTICLE} evidence {{ text }} }} }}""",
                    j=GOLD["jurisdiction"], i=gold["issuer"])["signatories"]
        assert len(rows) == 1
        _cited(rows[0]["article"], gold)


def test_the_meeting_and_its_figures_cite_their_articles(restart_store) -> None:  # type: ignore[no-untyped-def]
    meetings = data(restart_store, f"""query($j: String!) {{ meetings(jurisdiction: $j) {{
        articles {ARTICLE} frequency {{ article {ARTICLE} }} quorumSource {{ article {ARTICLE} }}
        members {{ article {ARTICLE} }} minutesSigners {{ article {ARTICLE} }} }} }}""",
                    j=GOLD["jurisdiction"])["meetings"]
    assert len(meetings) == len(GOLD["meetings"])
    for meeting, gold in zip(meetings, GOLD["meetings"], strict=True):
        assert [(a["ordinal"], a["number"]) for a in meeting["articles"]] == \
            [(a["ordinal"], a["number"]) for a in gold["articles"]]
        _cited(meeting["frequency"]["article"], gold["frequency"])
        _cited(meeting["quorumSource"]["article"], gold["quorum"])
        for row, want in zip(meeting["members"], gold["members"], strict=True):
            _cited(row["article"], want)
        for row, want in zip(meeting["minutesSigners"], gold["minutes_signers"], strict=True):
            _cited(row["article"], want)


def test_reporting_lines_cite_their_article(restart_store) -> None:  # type: ignore[no-untyped-def]
    lines = data(restart_store, f"""query($j: String!) {{ reportingLines(jurisdiction: $j) {{ article {ARTICLE} }} }}""",
                 j=GOLD["jurisdiction"])["reportingLines"]
    assert len(lines) == len(GOLD["reporting"])
    for line, gold in zip(lines, GOLD["reporting"], strict=True):
        _cited(line["article"], gold)


def test_an_article_is_asked_by_ordinal(restart_store) -> None:  # type: ignore[no-untyped-def]
    for number, ordinals in GOLD["numbers"].items():
        for ordinal in ordinals:
            found = data(restart_store, f"""query($d: String!, $o: Int!) {{
                article(document: $d, ordinal: $o) {{ article {ARTICLE} facts {{ type }} }} }}""",
                         d=GOLD["document"], o=ordinal)["article"]
            assert (found["article"]["ordinal"], found["article"]["number"]) == (ordinal, number)
    signing = GOLD["signing"][0]
    found = data(restart_store, """query($d: String!, $n: Int!, $o: Int!) {
        article(document: $d, number: $n, ordinal: $o) { facts { type } } }""",
                 d=GOLD["document"], n=signing["number"], o=signing["ordinal"])["article"]
    assert {f["type"] for f in found["facts"]} == {"SIGNS", "STATED_IN"}


def test_a_printed_number_shared_by_articles_is_refused_with_their_ordinals(restart_store) -> None:  # type: ignore[no-untyped-def]
    result = execute(restart_store, """query($d: String!) { article(document: $d, number: 2) { article { key } } }""",
                     d=GOLD["document"])
    assert result.errors and result.errors[0].extensions["code"] == "BAD_ARGUMENT"
    assert "ordinals 2, 5, 8" in result.errors[0].message
    result = execute(restart_store, """query($d: String!) { article(document: $d) { article { key } } }""",
                     d=GOLD["document"])
    assert result.errors and result.errors[0].extensions["code"] == "BAD_ARGUMENT"
