"""The synthetic corpus: deterministic, in the genre, and every document parses as generated."""

from __future__ import annotations

import re

import pytest

from benchmarks.generate import NUMBERING, chinese_number, generate, places, write_corpus
from ingest.numerals import parse_number
from ingest.parse import parse_document
from ingest.pipeline import ingest_bytes
from tests.conftest import CORPUS

# Enough documents to cover every numbering style, both levels and every seed template.
SAMPLE = 120


@pytest.fixture(scope="module")
def sample():  # type: ignore[no-untyped-def]
    return list(generate(SAMPLE, seed=7))


@pytest.fixture(scope="module")
def parsed(sample):  # type: ignore[no-untyped-def]
    return [parse_document(doc.text.encode("utf-8"), doc.name) for doc in sample]


@pytest.mark.parametrize(
    ("number", "written"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (55, "五十五"), (100, "一百"), (105, "一百零五"),
     (110, "一百一十"), (999, "九百九十九")],
)
def test_chinese_number_table(number: int, written: str) -> None:
    assert chinese_number(number) == written


def test_chinese_number_reads_back_for_every_article_number() -> None:
    assert [parse_number(chinese_number(n)) for n in range(1, 1000)] == list(range(1, 1000))


def test_chinese_number_refuses_out_of_range() -> None:
    with pytest.raises(ValueError, match="1 to 999"):
        chinese_number(0)


def test_same_seed_same_documents_and_prefix_property() -> None:
    first = [(d.name, d.text) for d in generate(12, seed=3)]
    again = [(d.name, d.text) for d in generate(12, seed=3)]
    assert first == again
    # N = 5 is the first five of N = 12: corpora of growing N nest.
    assert [(d.name, d.text) for d in generate(5, seed=3)] == first[:5]


def test_another_seed_gives_other_documents() -> None:
    texts = {d.text for d in generate(6, seed=3)}
    assert texts.isdisjoint(d.text for d in generate(6, seed=4))


def test_every_document_parses_without_warnings(sample, parsed) -> None:  # type: ignore[no-untyped-def]
    problems = [(doc.name, [w.code for w in tree.warnings]) for doc, tree in zip(sample, parsed, strict=True) if tree.warnings]
    assert problems == []


def test_article_and_chapter_counts_are_as_generated(sample, parsed) -> None:  # type: ignore[no-untyped-def]
    counts = [(len(t.articles), len(t.chapters)) for t in parsed]
    assert counts == [(d.article_count, d.chapter_count) for d in sample]
    # The genre's documents run from about forty to about ninety articles.
    assert all(30 <= d.article_count <= 120 for d in sample)


def test_articles_are_numbered_one_to_n_in_the_generated_style(sample, parsed) -> None:  # type: ignore[no-untyped-def]
    for doc, tree in zip(sample, parsed, strict=True):
        assert [a.declared for a in tree.articles] == list(range(1, doc.article_count + 1)), doc.name
        chinese, template = NUMBERING[doc.numbering]
        expected = template.format(n=chinese_number(7) if chinese else 7)
        assert tree.articles[6].label == expected, doc.name


def test_jurisdiction_name_and_level_are_as_generated(sample, parsed) -> None:  # type: ignore[no-untyped-def]
    read = [(t.metadata.jurisdiction, t.metadata.jurisdiction_full, t.metadata.level) for t in parsed]
    assert read == [(d.place.name, d.place.letterhead, d.place.level) for d in sample]


def test_sample_covers_every_style_level_and_template(sample) -> None:  # type: ignore[no-untyped-def]
    assert {d.numbering for d in sample} == set(NUMBERING)
    assert {d.place.level for d in sample} == {"district", "county"}
    assert len({d.template for d in sample}) == len(list(CORPUS.glob("*.txt")))


def test_a_county_speaks_of_its_county_head(sample) -> None:  # type: ignore[no-untyped-def]
    counties = [d for d in sample if d.place.level == "county"]
    assert counties
    for doc in counties:
        assert "县政府" in doc.text and "县长" in doc.text, doc.name
        assert re.search(r"(?<![社园辖景片街城校])区(?:政府|长)", doc.text) is None, doc.name


def test_a_county_document_yields_county_roles() -> None:
    doc = next(d for d in generate(40, seed=1) if d.place.level == "county")
    facts = ingest_bytes(doc.text.encode("utf-8"), doc.name).facts
    actors = {step.actor.name for rule in facts.signing for step in rule.steps}
    assert actors, "the signing extractor found no signer in a generated county document"
    assert not any(name.endswith("区长") for name in actors)


def test_signers_and_frequencies_vary_across_documents() -> None:
    # The same template (every fifth document) comes out with different signers or frequencies.
    texts = [d.text for d in generate(40, seed=2)][::5]
    signing = {tuple(re.findall(r"由([^，。；、]{2,10}?)签发", t)) for t in texts}
    frequency = {tuple(re.findall(r"每(两周|周|月|季度|半年|年)(?:召开)?[0-9一二两]", t)) for t in texts}
    assert len(signing) > 1 and len(frequency) > 1


def test_places_are_real_unique_and_not_seeds() -> None:
    names = [p.name for p in places()]
    assert len(names) == len(set(names)) >= 300
    assert all(name[-1] in "区县" for name in names)
    seeds = {parse_document(p.read_bytes(), p.name).metadata.jurisdiction for p in CORPUS.glob("*.txt")}
    assert seeds and seeds.isdisjoint(names)


def test_write_corpus_writes_utf8_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths = write_corpus(3, tmp_path, seed=5)
    assert [p.name for p in paths] == ["gen_00000.txt", "gen_00001.txt", "gen_00002.txt"]
    assert paths[0].read_text(encoding="utf-8") == next(generate(1, seed=5)).text
