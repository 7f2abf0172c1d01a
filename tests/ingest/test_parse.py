"""ingest.parse: the whole pipeline, bytes -> DocumentTree, on the seeds and on generated text."""

from __future__ import annotations

import ast
import codecs
import dataclasses
import itertools
import re
from functools import lru_cache
from pathlib import Path

import opencc
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ingest.errors import BinaryDocument, EmptyDocument, IngestError
from ingest.models import DocumentTree
from ingest.normalize import to_simplified
from ingest.parse import parse_document, parse_file

INGEST = Path(__file__).resolve().parents[2] / "ingest"


def spans(tree: DocumentTree):
    """Every article, item and sentence of a tree, with a readable id."""
    for article in tree.articles:
        yield f"article {article.number}", article
        for item in article.items:
            yield f"article {article.number} item {item.label}", item
        for sentence in article.sentences:
            yield f"article {article.number} sentence {sentence.index}", sentence


def assert_round_trips(tree: DocumentTree) -> None:
    """Spans cut the cited text out of the raw text, and agree with the normalized map."""
    raw, norm = tree.raw.text, tree.normalized
    for where, span in spans(tree):
        assert 0 <= span.start <= span.end <= len(raw), where
        assert raw[span.start : span.end] == span.text, where
        assert norm.to_original(span.nstart, span.nend) == (span.start, span.end), where
        assert span.text == span.text.strip(), where
    for article in tree.articles:
        assert article.clean_text == norm.display(article.nstart, article.nend)
        assert norm.text[article.nstart : article.nstart + len(article.label)] == article.label
        for part in (*article.items, *article.sentences):
            assert article.start <= part.start <= part.end <= article.end
            assert article.nstart <= part.nstart <= part.nend <= article.nend
        ends = [(s.start, s.end) for s in article.sentences]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(ends)), "sentences overlap"


def assert_articles_in_order(tree: DocumentTree) -> None:
    articles = tree.articles
    assert [a.ordinal for a in articles] == list(range(1, len(articles) + 1))
    for before, after in itertools.pairwise(articles):
        assert before.end <= after.start
        assert before.nend <= after.nstart


# ----------------------------------------------------------------------- seeds


def test_seed_spans_round_trip(seed_tree):
    assert_round_trips(seed_tree)
    assert_articles_in_order(seed_tree)


def test_seed_chapters_round_trip(seed_tree):
    raw = seed_tree.raw.text
    for chapter in seed_tree.chapters:
        assert raw[chapter.start : chapter.end] == chapter.text
        assert re.sub(r"\s", "", to_simplified(chapter.text)).endswith(chapter.title)


def test_parse_file_names_the_tree(gold, seed_tree):
    assert seed_tree.name == gold["path"].name
    assert seed_tree.raw.encoding == "utf-8"


# ------------------------------------------------------- re-encoded seeds

_S2T = opencc.OpenCC("s2t")


@lru_cache(maxsize=8)
def _traditional(text: str) -> str:
    return _S2T.convert(text)


VARIANTS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "utf-16-le-bom": lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
    "utf-16-be-bom": lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    "utf-16-le": lambda t: t.encode("utf-16-le"),
    "utf-16-be": lambda t: t.encode("utf-16-be"),
    "utf-8-bom": lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    "traditional": lambda t: _traditional(t).encode("utf-8"),
}


def _simplified(value):
    if isinstance(value, str):
        return to_simplified(value)
    if isinstance(value, tuple):
        return tuple(_simplified(v) for v in value)
    return value


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_reencoded_seed_parses_to_the_same_tree(gold, seed_tree, variant):
    original = gold["path"].read_text(encoding="utf-8")
    tree = parse_document(VARIANTS[variant](original), gold["path"].name)

    assert [to_simplified(c.title) for c in tree.chapters] == [c.title for c in seed_tree.chapters]
    assert len(tree.articles) == len(seed_tree.articles)
    assert [a.label for a in tree.articles] == [a.label for a in seed_tree.articles]  # labels are normalized
    assert [a.chapter for a in tree.articles] == [a.chapter for a in seed_tree.articles]
    meta = {k: _simplified(v) for k, v in dataclasses.asdict(tree.metadata).items()}
    assert meta == dataclasses.asdict(seed_tree.metadata)
    assert {w.code for w in tree.warnings} - {"converted-script"} == {w.code for w in seed_tree.warnings}
    assert_round_trips(tree)
    assert_articles_in_order(tree)

    if variant == "traditional":
        assert tree.raw.text == _traditional(original)
        assert "converted-script" in {w.code for w in tree.warnings}
        # citations stay in the source script: text and clean_text keep traditional characters
        traditional_articles = [a for a in tree.articles if to_simplified(a.text) != a.text]
        assert len(traditional_articles) > len(tree.articles) // 2
        for article in traditional_articles:
            assert to_simplified(article.clean_text) != article.clean_text
        assert tree.metadata.title == _traditional(seed_tree.metadata.title)
    else:
        assert tree.raw.text == original
        assert [(a.start, a.end, a.text) for a in tree.articles] == [
            (a.start, a.end, a.text) for a in seed_tree.articles
        ]


# ---------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("data", "error", "code"),
    [
        (b"", EmptyDocument, "E001-empty"),
        (b"   \n\r\n\t  ", EmptyDocument, "E001-empty"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", BinaryDocument, "E002-binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", BinaryDocument, "E002-binary"),
        (bytes(range(256)) * 4, BinaryDocument, "E002-binary"),
    ],
    ids=["empty", "whitespace", "pdf", "png", "binary-with-nuls"],
)
def test_refused_files(tmp_path, data, error, code):
    path = tmp_path / "upload.txt"
    path.write_bytes(data)
    with pytest.raises(error) as info:
        parse_file(path)
    assert isinstance(info.value, IngestError)
    assert info.value.code == code
    assert str(info.value).startswith("upload.txt: ")
    assert str(info.value).endswith(f"[{code}]")


def test_no_structure_is_one_provision_with_a_warning():
    text = "关于做好有关工作的说明\n\n各部门要依法行政，提高效率。区长负责全面工作。\n"
    tree = parse_document(text.encode("utf-8"), "note.txt")
    assert tree.chapters == ()
    (only,) = tree.articles
    assert (only.number, only.declared, only.label) == (1, None, "")
    assert only.text == text.strip()
    assert "no-structure" in {w.code for w in tree.warnings}
    assert_round_trips(tree)


# --------------------------------------------------------- generated documents


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_generated_documents(data, rules_document_strategy):
    doc = data.draw(rules_document_strategy())
    tree = parse_document(doc.text.encode("utf-8"), "generated.txt")

    assert_round_trips(tree)
    assert_articles_in_order(tree)
    assert len(tree.articles) == doc.article_count
    assert [a.declared for a in tree.articles] == list(doc.declared)
    assert [c.title for c in tree.chapters] == list(doc.chapter_titles)
    per_chapter = [sum(1 for a in tree.articles if a.chapter == c.number) for c in tree.chapters]
    assert per_chapter == (list(doc.articles_per_chapter) if doc.chapter_titles else [])
    numbering = {"no-structure", "article-gap", "article-duplicate", "article-out-of-order", "truncated"}
    assert not numbering & {w.code for w in tree.warnings}
    for article in tree.articles:  # artifacts never reach what a citation shows
        for artifact in ("bookmark", "—", "－", "\r"):
            assert artifact not in article.clean_text


@settings(max_examples=60, deadline=None)
@given(data=st.data(), encoding=st.sampled_from(["gb18030", "utf-16-le", "utf-16-be", "utf-8-sig"]))
def test_generated_documents_in_other_encodings(data, encoding, rules_document_strategy):
    doc = data.draw(rules_document_strategy(max_articles=8))
    text = doc.text.replace("—", "-")  # gb18030 has —, but keep the sample encodable anywhere
    utf8 = parse_document(text.encode("utf-8"), "a.txt")
    other = parse_document(text.encode(encoding), "a.txt")
    assert other.raw.text == utf8.raw.text
    assert [(a.label, a.start, a.end) for a in other.articles] == [(a.label, a.start, a.end) for a in utf8.articles]


# Pieces documents are made of, in any order: the parser must never fail on them.
PIECES = st.sampled_from(
    [
        "第一章 总则\n", "第二章", "第3章 附则\n", "第一条", "第1条", "第二条 ", "第五十五条", "一、", "2、",
        "十、", "11、", "（一）", "(二)", "1.", "2．", "区政府依法行政", "，", ",", "。", "；", ":", "！",
        "\n", "\r\n", "\n\n", "\r", "— 3 —", "－ 12 －", "[bookmark: _GoBack]", "　　", " ", "\t",
        "文档视界 最新", "扫一扫在手机上打开页面", "相关文档", "抄送：区委", "附件：", "北京市",
        "人民政府工作规则", "（征求意见稿）", "2024年3月5日", "某政发〔2024〕2号", "废止", "\u00a0",
        "<p>", "</p>", "&nbsp;", "<br>", "區政府", "條", "”", "“",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join))
def test_parse_never_raises_on_pieces(text):
    assume(text.strip())
    tree = parse_document(text.encode("utf-8"), "pieces.txt")
    assert tree.articles
    assert_round_trips(tree)
    assert_articles_in_order(tree)


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=300))
def test_parse_never_raises_on_text(text):
    # the only refusals of text are the documented ones: nothing to parse, or a file
    # that starts with a binary format's signature
    assume(text.lstrip("\ufeff").strip() and not text.startswith(("%PDF", "GIF8")))
    tree = parse_document(text.encode("utf-8"), "text.txt")
    assert tree.articles
    assert_round_trips(tree)
    assert_articles_in_order(tree)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_bytes_either_parse_or_raise_ingest_error(data):
    try:
        tree = parse_document(data, "bytes.bin")
    except IngestError:
        return
    assert_round_trips(tree)


# ------------------------------------------------------------------- guard


def _forbidden_words(gold_entries) -> set[str]:
    """What would name a seed: its district (东城), its pinyin, its issuing code, its file id."""
    words = set()
    for entry in gold_entries:
        jurisdiction = entry["jurisdiction"]
        words.add(re.sub("(区|县|旗|市)$", "", jurisdiction["name"]))
        words.add(jurisdiction["name_en"].lower())
        for number in (entry["document"].get("doc_number"), *entry["document"].get("supersedes", ())):
            if number:
                words.add(number.split("〔")[0])
        words.add(entry["path"].stem.split("_")[-1])
    return words


def _python_code_strings(path: Path):
    """String literals and identifiers of a module; comments and docstrings are prose."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value
        elif isinstance(node, ast.Name):
            yield node.lineno, node.id
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.lineno, node.name
        elif isinstance(node, ast.Attribute):
            yield node.lineno, node.attr
        elif isinstance(node, ast.arg):
            yield node.lineno, node.arg


def _yaml_strings(value, where="$"):
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{where}.{key}", str(key)
            yield from _yaml_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _yaml_strings(item, f"{where}[{i}]")
    elif value is not None:
        yield where, str(value)


def test_no_rule_names_a_seed(all_gold):
    forbidden = _forbidden_words(all_gold)
    assert {"东城", "通州", "东昌", "房山", "北辰"} <= forbidden
    assert {"dongcheng", "tongzhou", "dongchang", "fangshan", "beichen"} <= forbidden
    found = []
    for path in sorted(INGEST.rglob("*")):
        if path.suffix == ".py":
            strings = _python_code_strings(path)
        elif path.suffix in (".yaml", ".yml"):
            strings = _yaml_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
        else:
            continue
        for where, value in strings:
            hits = [word for word in forbidden if word in value.lower()]
            if hits:
                found.append(f"{path.relative_to(INGEST.parent)}:{where}: {hits} in {value!r}")
    assert not found, "extraction/parsing rules must be generic:\n" + "\n".join(found)
