"""Wording files load strictly against their extractor's model: an unknown key, a missing
key or a value of the wrong shape is an error naming the file and the key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

from ingest.extract.obligations import ObligationWording
from ingest.extract.quantities import QuantityWording
from ingest.extract.report_wording import ReportingWording
from schema.wording import WORDING_DIR, WordingError, load_wording, parse_wording


@dataclass(frozen=True)
class Cues:
    verbs: tuple[str, ...]
    kinds: dict[str, str]
    marker: str


GOOD = {"verbs": ["报告", "请示"], "kinds": {"报告": "report"}, "marker": "可"}


def test_a_fitting_mapping_loads_with_its_shapes() -> None:
    cues = parse_wording(GOOD, Cues, "cues.yaml")
    assert cues == Cues(("报告", "请示"), {"报告": "report"}, "可")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**GOOD, "verb": ["报告"]}, "unknown key(s) verb"),
        ({k: v for k, v in GOOD.items() if k != "marker"}, "missing key(s) marker"),
        ({**GOOD, "verbs": "报告"}, "verbs: expected a list of non-empty strings"),
        ({**GOOD, "verbs": ["报告", ""]}, "verbs: expected a list of non-empty strings"),
        ({**GOOD, "verbs": []}, "verbs: expected a non-empty list"),
        ({**GOOD, "kinds": ["报告"]}, "kinds: expected a mapping of strings to strings"),
        ({**GOOD, "marker": 3}, "marker: expected a non-empty string"),
        (["报告"], "expected a mapping of tables"),
    ],
)
def test_a_file_that_does_not_fit_is_an_error(data: object, message: str) -> None:
    with pytest.raises(WordingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_wording(data, Cues, "cues.yaml")


@dataclass(frozen=True)
class Sections:
    cues: Cues
    openers: tuple[str, ...]


def test_a_section_is_checked_like_the_file_and_named_in_the_error() -> None:
    assert parse_wording({"cues": GOOD, "openers": ["由"]}, Sections, "s.yaml") == Sections(
        Cues(("报告", "请示"), {"报告": "report"}, "可"), ("由",))
    with pytest.raises(WordingError, match=r"s\.yaml: cues: unknown key\(s\) verb"):
        parse_wording({"cues": {**GOOD, "verb": ["报告"]}, "openers": ["由"]}, Sections, "s.yaml")
    with pytest.raises(WordingError, match=r"s\.yaml: cues: expected a mapping of tables"):
        parse_wording({"cues": ["报告"], "openers": ["由"]}, Sections, "s.yaml")


@dataclass(frozen=True)
class Kinds:
    verbs: dict[str, Literal["report", "request"]]


def test_a_mapping_with_literal_values_holds_only_those() -> None:
    assert parse_wording({"verbs": {"报告": "report"}}, Kinds, "k.yaml") == Kinds({"报告": "report"})
    with pytest.raises(WordingError, match=r"k\.yaml: verbs: values are report, request only, not repot"):
        parse_wording({"verbs": {"报告": "repot"}}, Kinds, "k.yaml")


def test_an_unknown_key_in_a_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "cues.yaml").write_text("verbs: [报告]\nkinds: {}\nmarker: 可\nextra: 1\n", encoding="utf-8")
    with pytest.raises(WordingError, match=r"cues\.yaml: unknown key\(s\) extra"):
        load_wording("cues", Cues, tmp_path)


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(WordingError, match="no such wording file"):
        load_wording("absent", Cues, tmp_path)


@pytest.mark.parametrize(
    ("name", "model"),
    [("reporting", ReportingWording), ("quantities", QuantityWording), ("obligations", ObligationWording)],
)
def test_the_shipped_wording_files_fit_their_extractors(name: str, model: type) -> None:
    assert (WORDING_DIR / f"{name}.yaml").is_file()
    assert isinstance(load_wording(name, model), model)


def test_a_file_loads_once() -> None:
    assert load_wording("reporting", ReportingWording) is load_wording("reporting", ReportingWording)


def test_a_table_s_words_are_read_for_another_reader(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from schema.wording import WordingError, table_words

    (tmp_path / "w.yaml").write_text("verbs: {报告: report, 请示: request}\nlist: [甲, 乙]\nempty: []\n", encoding="utf-8")
    assert table_words("w", "verbs", tmp_path) == ("报告", "请示")
    assert table_words("w", "list", tmp_path) == ("甲", "乙")
    for missing in ("empty", "nope"):
        with pytest.raises(WordingError):
            table_words("w", missing, tmp_path)
