"""Stage 2: RawText -> NormalizedText, with an offset map back to the original.

What changes (all tracked by the offset map):
- width: full-width digits/letters become ASCII, half-width Chinese punctuation
  becomes full-width (``,`` -> ``，``), odd spaces become plain spaces;
- script: traditional characters become simplified (OpenCC t2s) for matching;
- removed: HTML markup, website boilerplate lines, page markers, Word bookmarks, pinyin glosses;
- broken: a text flattened onto one line gets a line per chapter and article (ingest/reflow.py);
- rejoined: lines broken in the middle of a sentence inside the rules body.
"""

from __future__ import annotations

import html
import itertools
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from schema.script import to_simplified

from .markers import (
    ARTICLE_DUN,
    ARTICLE_TIAO,
    CHAPTER,
    TERMINAL_CHARS,
    UNNUMBERED_HEADING,
    is_structural_line,
)
from .models import NormalizedText, RawText
from .numerals import parse_number
from .reflow import flattened_line_breaks

_RULES_FILE = Path(__file__).with_name("rules") / "cleanup.yaml"

# Half-width punctuation that Chinese prose writes full-width. Applied only where the
# neighbours are not digits/latin, so "1,000" and "2021-2025" stay as they are.
_TO_FULL = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"}
_SPACES = {"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u3000": " ", "\t": " "}
_BRACKETS = {"[": "〔", "]": "〕", "［": "〔", "］": "〕", "〖": "〔", "〗": "〕"}


@dataclass(frozen=True, slots=True)
class CleanupRule:
    id: str
    why: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CleanupRules:
    boilerplate_lines: tuple[CleanupRule, ...]
    inline_artifacts: tuple[CleanupRule, ...]
    closing_block: tuple[CleanupRule, ...]


@lru_cache(maxsize=1)
def load_cleanup_rules(path: Path = _RULES_FILE) -> CleanupRules:
    """Load and validate the cleanup rules; a bad rule is an error, not a silent skip."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    groups: dict[str, tuple[CleanupRule, ...]] = {}
    for group in ("boilerplate_lines", "inline_artifacts", "closing_block"):
        rules = []
        for entry in data.get(group) or ():
            missing = {"id", "why", "pattern"} - set(entry)
            if missing:
                raise ValueError(f"{path}: rule in {group} lacks {sorted(missing)}: {entry}")
            try:
                compiled = re.compile(entry["pattern"], re.M)
            except re.error as exc:
                raise ValueError(f"{path}: rule {entry['id']!r} has a bad pattern: {exc}") from exc
            rules.append(CleanupRule(entry["id"], entry["why"], compiled))
        groups[group] = tuple(rules)
    return CleanupRules(**groups)


class _Text:
    """Text plus the original index of each character; edits keep the map exact.

    ``shown`` runs parallel to ``text``: what a citation shows for each character. It starts
    as the original text; a rewrite shows its replacement (an entity's character, a tag's line
    break), while one-for-one changes made for matching only (width, script) leave it alone,
    so citations keep the source's script.
    """

    def __init__(self, text: str, offsets: array[int]) -> None:
        self.text = text
        self.shown = text
        self.offsets = offsets

    def rewrite(self, edits: list[tuple[int, int, str]]) -> None:
        """Apply non-overlapping (start, end, replacement) edits, sorted by start.

        A replacement's characters all map to the original index of ``start``.
        """
        if not edits:
            return
        parts: list[str] = []
        shown: list[str] = []
        offs = array("l")
        pos = 0
        for start, end, repl in edits:
            if start < pos:
                continue  # overlaps an earlier edit: the earlier one wins
            parts.append(self.text[pos:start])
            shown.append(self.shown[pos:start])
            offs.extend(self.offsets[pos:start])
            parts.append(repl)
            shown.append(repl)
            offs.extend([self.offsets[start]] * len(repl))
            pos = end
        parts.append(self.text[pos:])
        shown.append(self.shown[pos:])
        offs.extend(self.offsets[pos:])
        self.text = "".join(parts)
        self.shown = "".join(shown)
        self.offsets = offs


def normalize(raw: RawText) -> NormalizedText:
    """Normalize a decoded document for matching; see the module docstring."""
    text = raw.text
    doc = _Text(text, array("l", range(len(text) + 1)))
    rules = load_cleanup_rules()

    doc.rewrite([(m.start(), m.end(), "") for m in re.finditer(r"\r(?=\n)", doc.text)])
    doc.rewrite([(m.start(), m.end(), "\n") for m in re.finditer(r"\r", doc.text)])
    if _looks_like_html(doc.text):
        _strip_html(doc)
    _unify_characters(doc)
    _remove_artifacts(doc, rules)
    doc.rewrite(flattened_line_breaks(doc.text))
    body_start = find_body_start(doc.text)
    _rejoin_broken_lines(doc, body_start, _find_body_end(doc.text, body_start, rules))
    body_end = _find_body_end(doc.text, body_start, rules)
    return NormalizedText(
        raw=raw, text=doc.text, offsets=doc.offsets, body_start=body_start, body_end=body_end, shown=doc.shown
    )


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or len(re.findall(r"</?(p|div|br|span|td)\b", head)) >= 5


def _strip_html(doc: _Text) -> None:
    doc.rewrite(
        [(m.start(), m.end(), "") for m in re.finditer(r"(?is)<(script|style|head)\b.*?</\1\s*>|<!--.*?-->", doc.text)]
    )
    block = re.compile(r"(?i)</?(p|div|br|li|tr|h[1-6]|section|article|table)\b[^>]*>")
    doc.rewrite(
        [(m.start(), m.end(), "\n" if block.fullmatch(m.group()) else "") for m in re.finditer(r"<[^>]*>", doc.text)]
    )
    doc.rewrite([(m.start(), m.end(), html.unescape(m.group())) for m in re.finditer(r"&(#?\w+);", doc.text)])


#: the one-for-one changes of _unify_characters, as one translation table: full-width digits and
#: Latin letters -> ASCII, spaces -> " ", square brackets -> 〔〕
_ONE_FOR_ONE = str.maketrans({
    **{chr(code): chr(code - 0xFEE0) for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
       for code in range(lo, hi + 1)},
    **_SPACES,
    **_BRACKETS,
})
_HALF_PUNCTUATION = re.compile("[" + re.escape("".join(_TO_FULL)) + "]")


def _unify_characters(doc: _Text) -> None:
    """One-for-one character changes: width, spaces, brackets, traditional -> simplified."""
    text = doc.text.translate(_ONE_FOR_ONE)
    # Punctuation after the widths are unified, so that "１,０００" reads as "1,000". (A neighbour
    # that is itself such punctuation is no ASCII letter or digit, converted or not.)
    chars: list[str] | None = None
    for m in _HALF_PUNCTUATION.finditer(text):
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
            chars = chars if chars is not None else list(text)
            chars[i] = _TO_FULL[m.group()]
    doc.text = to_simplified("".join(chars) if chars is not None else text)


def _remove_artifacts(doc: _Text, rules: CleanupRules) -> None:
    edits = []
    for line in re.finditer(r"[^\n]*", doc.text):
        stripped = line.group().strip()
        if stripped and any(rule.pattern.match(stripped) for rule in rules.boilerplate_lines):
            edits.append((line.start(), line.end(), ""))
    doc.rewrite(edits)
    for rule in rules.inline_artifacts:
        doc.rewrite([(m.start(), m.end(), "") for m in rule.pattern.finditer(doc.text)])


def find_body_start(text: str) -> int:
    """Start of the line that opens the rules proper.

    That is 第一章, or else the first article (第一条 / 一、); a 第一章 or 一、 with no sentence before
    the next one is an entry of a table of contents, and an 一、 line naming a document (…管理办法)
    is an entry of a list of documents. A text that starts in the middle of the rules opens at its
    first run of numbered articles (第五十条, 第五十一条), or at the chapter heading right above it.
    """
    chapter = _first_with_text(list(re.finditer(r"^[ ]*第[一1]章", text, re.M)), text)
    if chapter is not None:
        return chapter
    for marker in (ARTICLE_TIAO, ARTICLE_DUN):
        firsts = [m for m in marker.finditer(text) if m.group("num") in ("一", "1") and not _names_a_document(m, text)]
        first = _first_with_text(firsts, text)
        if first is not None:
            return _include_heading_before(text, first)
    return _mid_document_start(text)


#: An entry of a list of documents: 一、某某市人民政府办公室公文处理办法 (a title, no sentence).
_DOCUMENT_ENTRY = re.compile(r"[^。，；：\n]{2,40}(?:规则|规定|办法|制度|规程|守则|程序|细则|章程|方案|意见)(?:（[^）\n]{1,8}）)?[ ]*$")


def _names_a_document(m: re.Match[str], text: str) -> bool:
    line_end = text.find("\n", m.end())
    return bool(_DOCUMENT_ENTRY.fullmatch(text[m.end() : line_end if line_end >= 0 else len(text)]))


def _first_with_text(candidates: list[re.Match[str]], text: str) -> int | None:
    """The first candidate followed by a sentence before the next candidate (or the last one)."""
    for i, m in enumerate(candidates):
        if i + 1 == len(candidates) or "。" in text[m.end() : candidates[i + 1].start()]:
            return m.start()
    return None


def _mid_document_start(text: str) -> int:
    """The first 第N条 line whose next 第N条 line carries the next number; 0 when there is none."""
    found = list(ARTICLE_TIAO.finditer(text))
    for m, nxt in itertools.pairwise(found):
        number = parse_number(m.group("num"))
        if number is not None and parse_number(nxt.group("num")) == number + 1:
            above = text[: m.start()].rstrip()
            line_start = above.rfind("\n") + 1
            return line_start if CHAPTER.match(above[line_start:]) else m.start()
    return 0


def _include_heading_before(text: str, article_start: int) -> int:
    """Move the body start up to an unnumbered heading (总则) right above the first article."""
    before = text[:article_start].rstrip()
    line_start = before.rfind("\n") + 1
    line = before[line_start:]
    if UNNUMBERED_HEADING.match(line) and not re.search(r"规则|办法|规定|通知|人民政府", line):
        return line_start
    return article_start


def _find_body_end(text: str, body_start: int, rules: CleanupRules) -> int:
    for line in re.finditer(r"[^\n]+", text[body_start:]):
        stripped = line.group().strip()
        if any(rule.pattern.match(stripped) for rule in rules.closing_block):
            return body_start + line.start()
    return len(text)


def _rejoin_broken_lines(doc: _Text, body_start: int, body_end: int) -> None:
    """Join a line that stops mid-sentence to the next text line.

    The break (newline, blank lines, indentation) is dropped when the line does not
    end a paragraph and the next line does not open a chapter, article or item.
    """
    edits = []
    for m in re.finditer(r"[^\n]*[^\s](?P<gap>[ ]*\n[\s]*)(?=(?P<next>[^\n]*))", doc.text):
        if m.start() < body_start or m.end("gap") >= body_end:
            continue
        line = m.group()[: m.start("gap") - m.start()].strip()
        nxt = m.group("next")
        if line[-1] in TERMINAL_CHARS or CHAPTER.match(line) or is_structural_line(nxt):
            continue
        edits.append((m.start("gap"), m.end("gap"), ""))
    doc.rewrite(edits)
