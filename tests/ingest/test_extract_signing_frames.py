"""The test that lets the signing extractor skip reading a clause without a rule: wherever it
says a clause cannot name a kind of document, reading the clause's frame finds no recipient
and no genre (so the frame a following rule inherits stays the same)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.common import Context
from ingest.extract.signing_frames import may_name_kind, read_frame
from ingest.parse import parse_file
from schema.vocabulary import load_vocabulary
from tests.conftest import CORPUS, ROOT, shared

OWN_DOCS = ROOT / "tests" / "data" / "docs"


def _contexts(paths: list[Path]) -> list[Context]:
    return [Context(parse_file(p)) for p in paths]


def _check_clauses(ctx: Context) -> int:
    skipped = 0
    for article in ctx.tree.articles:
        for clause in ctx.clauses(article):
            for text in (clause.text, *clause.text.split("，")):
                if not may_name_kind(ctx, text):
                    frame = read_frame(ctx, text)
                    assert not frame.recipients and not frame.genres, text
                    skipped += 1
    return skipped


def test_clauses_of_the_seeds_and_own_documents_that_are_skipped_name_no_kind() -> None:
    paths = sorted(CORPUS.glob("*.txt")) + sorted(OWN_DOCS.glob("*.txt"))
    assert sum(_check_clauses(ctx) for ctx in _contexts(paths)) > 100


def test_clauses_of_the_real_documents_that_are_skipped_name_no_kind() -> None:
    paths = sorted(shared("real", "docs").glob("*.txt"))
    assert sum(_check_clauses(ctx) for ctx in _contexts(paths)) > 100


GENRES = [s for s, _ in load_vocabulary().surfaces("genre", "district")]
WORDS = ["区政府", "区长", "由", "主持", "的", "会议", "纪要", "向", "报送", "上报", "提请", "，", "以", "名义", "各部门", "审核"]


@lru_cache(maxsize=1)
def _seed_context() -> Context:
    return Context(parse_file(CORPUS / "000_3e7800c21f91215b.txt"))


@given(st.lists(st.sampled_from(GENRES + WORDS), max_size=12).map("".join))
def test_a_text_that_cannot_name_a_kind_reads_as_a_frame_without_one(text: str) -> None:
    ctx = _seed_context()
    if not may_name_kind(ctx, text):
        frame = read_frame(ctx, text)
        assert not frame.recipients and not frame.genres
