"""Every level of government: names, level-independent keys, English, and the level of a text.

The documents under tests/data/docs/levels_gold.yaml (a city, a banner in traditional script,
a development zone's 管委会, a prefecture agency, a county) reach the bar on structure and
meetings, and every name stored from them is in simplified script.
"""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from govgraph.eval_matching import PRECISION_BAR, RECALL_BAR
from govgraph.evaluate import evaluate
from ingest.extract.common import document_level
from ingest.pipeline import ingest_bytes, ingest_path
from schema.script import to_simplified
from schema.vocabulary import LEVELS, level_in_text, level_of, load_vocabulary, strip_level_suffix

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD = DOCS / "levels_gold.yaml"


@pytest.mark.parametrize(("name", "level"), [
    ("青山市", "city"), ("松溪县", "county"), ("景宁畲族自治县", "county"), ("查干旗", "banner"),
    ("鄂温克族自治旗", "banner"), ("朝阳区", "district"), ("神农架林区", "district"), ("浦东新区", "new_area"),
    ("河西高新区", "zone"), ("河西经济技术开发区", "zone"), ("河西高新技术产业开发区管理委员会", "zone"),
    ("北山地区", "prefecture"), ("北山地区行政公署", "prefecture"), ("未知", None),
    ("绿园区", "district"), ("青石工业园区", "zone"),  # a bare 园区 is no zone suffix
])
def test_level_of_a_name(name: str, level: str | None) -> None:
    assert level_of(name) == level


@pytest.mark.parametrize(("name", "stem"), [("河西高新区", "河西"), ("北山地区", "北山"), ("城区", "城区")])
def test_level_suffix_is_stripped(name: str, stem: str) -> None:
    assert strip_level_suffix(name) == stem


#: (level, head, deputy, executive deputy, secretary-general, office, office director,
#:  plenary, executive, head's office meeting) — one row per level, all on the same keys
NAMES = [
    ("district", "区长", "副区长", "常务副区长", "区政府秘书长", "区政府办公室", "区政府办公室主任",
     "区政府全体会议", "区政府常务会议", "区长办公会议"),
    ("county", "县长", "副县长", "常务副县长", "县政府秘书长", "县政府办公室", "县政府办公室主任",
     "县政府全体会议", "县政府常务会议", "县长办公会议"),
    ("city", "市长", "副市长", "常务副市长", "市政府秘书长", "市政府办公室", "市政府办公室主任",
     "市政府全体会议", "市政府常务会议", "市长办公会议"),
    ("banner", "旗长", "副旗长", "常务副旗长", "旗政府秘书长", "旗政府办公室", "旗政府办公室主任",
     "旗政府全体会议", "旗政府常务会议", "旗长办公会议"),
    ("zone", "管委会主任", "副主任", "常务副主任", "管委会秘书长", "管委会办公室", "管委会办公室主任",
     "管委会全体会议", "管委会常务会议", "管委会主任办公会议"),
    ("prefecture", "专员", "副专员", "常务副专员", "行署秘书长", "行署办公室", "行署办公室主任",
     "行署全体会议", "行署常务会议", "专员办公会议"),
]
KEYS = [("role", "head"), ("role", "deputy_head"), ("role", "executive_deputy_head"), ("role", "secretary_general"),
        ("body", "government_office"), ("role", "office_director"), ("meeting", "plenary"), ("meeting", "executive"),
        ("meeting", "head_office")]


@pytest.mark.parametrize("row", NAMES, ids=lambda r: r[0])
def test_each_level_names_the_same_keys(row: tuple[str, ...]) -> None:
    vocab = load_vocabulary()
    level, *names = row
    assert [vocab.name(kind, key, level) for kind, key in KEYS] == names
    assert [(t.kind, t.key) for t in (vocab.resolve(n, level) for n in names)] == KEYS  # type: ignore[union-attr]


@pytest.mark.parametrize(("level", "surface", "key"), [
    ("city", "负责常务工作的副市长", "executive_deputy_head"),
    ("zone", "管委会副主任", "deputy_head"),
    ("zone", "主任办公会议", "head_office"),
    ("prefecture", "行政公署", "government"),
    ("prefecture", "行署专员", "head"),
    ("city", "市人民政府全体会议", "plenary"),
    ("county", "县政府全体会", "plenary"),
    ("city", "省政府", "higher_government"),
    ("district", "市政府", "higher_government"),
    ("district", "市长", "higher_head"),
    ("city", "市长", "head"),
    ("zone", "市政府", "higher_government"),
])
def test_a_surface_means_what_it_means_at_its_level(level: str, surface: str, key: str) -> None:
    term = load_vocabulary().resolve(surface, level)
    assert term is not None and term.key == key


@pytest.mark.parametrize(("level", "key", "english"), [
    ("district", "head", "District Head"), ("county", "deputy_head", "Deputy County Head"),
    ("city", "head", "Mayor"), ("city", "executive_deputy_head", "Executive Deputy Mayor"),
    ("city", "government", "Municipal Government"), ("banner", "head", "Banner Head"),
    ("zone", "head", "Zone Director"), ("zone", "government", "Administrative Committee"),
    ("zone", "head_office", "Zone Director's Office Meeting"), ("prefecture", "head", "Commissioner"),
    ("prefecture", "government", "Prefectural Administrative Office"), ("new_area", "government", "New Area Government"),
])
def test_english_names_per_level(level: str, key: str, english: str) -> None:
    vocab = load_vocabulary()
    kind = next(t.kind for t in vocab.terms if t.key == key)
    assert vocab.english(kind, key, level) == english


@pytest.mark.parametrize(("text", "level"), [
    ("市人民政府实行市长负责制。区政府、县政府按照市政府要求开展工作。", "city"),
    ("县政府实行县长负责制。县政府向市政府报告工作。市政府", "county"),
    ("区政府工作规则。区政府向市政府和市委报告。", "district"),
    ("管委会实行主任负责制，管委会主任领导管委会全面工作。", "zone"),
    ("行署实行专员负责制。", "prefecture"),
    ("旗政府实行旗长负责制。", "banner"),
    ("为规范工作，制定本规则。", None),
])
def test_level_read_off_a_text(text: str, level: str | None) -> None:
    assert level_in_text(text) == level


def test_every_level_is_in_the_table() -> None:
    assert set(LEVELS) == {"district", "county", "city", "banner", "new_area", "zone", "prefecture"}


@pytest.mark.parametrize("name", ["city_qingshan.txt", "zone_hexi.txt", "agency_beishan.txt", "banner_chagan_traditional.txt"])
def test_document_level_without_an_identified_jurisdiction(name: str) -> None:
    """The level is read off the articles when the name does not give it (a title the
    metadata does not read, a document known only by its address)."""
    result = ingest_path(DOCS / name)
    expected = {"city_qingshan.txt": "city", "zone_hexi.txt": "zone", "agency_beishan.txt": "prefecture",
                "banner_chagan_traditional.txt": "banner"}[name]
    assert document_level(result.tree) == expected


def test_level_documents_reach_the_bar() -> None:
    report = evaluate(GOLD, ("structure", "signing", "meetings", "reports_to"))
    for section in ("structure", "signing", "meetings", "reports_to"):
        score = report.sections[section]
        assert score.gold > 0
        assert score.precision >= PRECISION_BAR and score.recall >= RECALL_BAR, (section, score.misses, score.false_hits)


def _traditional_only(text: str) -> set[str]:
    return {ch for ch in text if to_simplified(ch) != ch}


@pytest.mark.parametrize("path", sorted(DOCS.glob("*.txt")), ids=lambda p: p.name)
def test_no_stored_name_is_in_traditional_script(path: Path) -> None:
    """A document in traditional script stores every name in simplified script; its own
    characters stay in the evidence."""
    text = opencc.OpenCC("s2t").convert(path.read_text(encoding="utf-8"))
    graph = ingest_bytes(text.encode("utf-8"), path.name).graph
    names = {str(n.props["name"]) for n in graph.nodes if n.props.get("name")}
    assert names and not {n for n in names if _traditional_only(n)}, sorted(n for n in names if _traditional_only(n))[:5]
    evidence = [r.props["evidence"] for r in graph.relationships if r.props.get("evidence")]
    assert any(_traditional_only(e) for e in evidence), "the evidence keeps the document's own characters"
