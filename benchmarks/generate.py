"""A deterministic synthetic corpus in the genre, made by varying the seed documents.

Document ``i`` of seed ``s`` depends on ``(s, i)`` only, so N = 50 is the first fifty of
N = 500. Each document takes one seed as its template (the articles of ``corpus/``, parsed
by the real pipeline) and varies:

- the jurisdiction: a real district or county (``places.yaml``), with its level's
  vocabulary (县长, 副县长, 县政府办公室 for a county);
- which roles sign (the signer roles of 签发/签署 sentences are permuted);
- meeting frequencies (一般每周召开1次 -> 原则上每月召开一次);
- article order inside the middle chapters;
- the numbering style: 第十一条, 第11条, 十一、 or 11、;
- the front matter: a 印发 notice with a document number, or a title with its adoption line.

    python3 -m benchmarks.generate 50 --out /tmp/corpus50      # writes gen_00000.txt ...
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ingest.markers import ARTICLE_DUN, ARTICLE_TIAO, CHAPTER, UNNUMBERED_HEADING
from ingest.models import DocumentTree
from ingest.parse import parse_document
from schema.vocabulary import strip_level_suffix

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
PLACES = Path(__file__).with_name("places.yaml")

#: numbering style -> (uses Chinese numerals, marker template)
NUMBERING: dict[str, tuple[bool, str]] = {
    "tiao_cn": (True, "第{n}条"),
    "tiao_ar": (False, "第{n}条"),
    "dun_cn": (True, "{n}、"),
    "dun_ar": (False, "{n}、"),
}
LEVEL_CHAR = {"district": "区", "county": "县"}

#: Roles that sign; a document permutes some of them in its 签发/签署 sentences ({L} = level).
SIGNER_ROLES = ("{L}长", "常务副{L}长", "分管副{L}长", "{L}政府办公室主任", "{L}政府秘书长")
_SIGNING_SENTENCE = re.compile(r"[^。；\n]*(?:签发|签署)[^。；\n]*")

#: 一般每周召开1次 — the regular frequency of a meeting, as the genre states it.
_FREQUENCY = re.compile(
    r"(?P<lead>一般|原则上)每(?P<period>两周|周|月|季度|半年|年)(?P<verb>召开)?(?P<times>[0-9一二两](?:-[0-9])?)次"
)
_PERIODS = ("周", "两周", "月", "季度", "半年", "年")
_TIMES = ("1", "一", "1-2", "2", "两")

#: The level word of the government (区政府, 副区长, 本区), not inside 社区 or 园区.
_LEVEL_WORD = {
    char: re.compile(
        f"(?<![社园辖景片街城校]){char}(?=长|政府|人民政府|委|人大|政协|纪委|监委|属|直|级|领导|财政|各)"
        f"|(?<=[本我全]){char}"
    )
    for char in LEVEL_CHAR.values()
}

_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..999 as written in article numbers: 11 -> 十一, 20 -> 二十, 105 -> 一百零五."""
    if not 0 < n < 1000:
        raise ValueError(f"article numbers run from 1 to 999, not {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += _CN_DIGITS[ones]
    return out


@dataclass(frozen=True, slots=True)
class Place:
    province: str | None
    city: str
    name: str  # 清苑区

    @property
    def level(self) -> str:
        return "county" if self.name.endswith("县") else "district"

    @property
    def full_name(self) -> str:
        return f"{self.province or ''}{self.city}{self.name}"

    @property
    def letterhead(self) -> str:
        """The name as a letterhead writes it: the governing city, then the district."""
        return f"{self.city}{self.name}"


@dataclass(frozen=True, slots=True)
class Template:
    """A seed reduced to what generation varies: its chapters' articles and its names."""

    stem: str  # the seed jurisdiction without its level suffix
    level: str  # district | county
    parent_stem: str | None
    chapters: tuple[tuple[str, tuple[str, ...]], ...]  # (title, article bodies without their label)


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    name: str  # file name, gen_00042.txt
    text: str
    place: Place
    numbering: str
    article_count: int
    chapter_count: int
    template: int  # index of the seed it varies


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    rows = yaml.safe_load(PLACES.read_text(encoding="utf-8"))
    out = []
    for row in rows:
        for name in row["names"]:
            out.append(Place(row["province"], row["city"], name))
    if len({p.name for p in out}) != len(out):
        raise ValueError(f"{PLACES}: a short name is listed twice")
    return tuple(out)


@lru_cache(maxsize=1)
def templates(corpus: Path = CORPUS) -> tuple[Template, ...]:
    out = []
    for path in sorted(corpus.glob("*.txt")):
        out.append(template_of(parse_document(path.read_bytes(), path.name)))
    if not out:
        raise FileNotFoundError(f"no seed documents in {corpus}")
    return tuple(out)


def template_of(tree: DocumentTree) -> Template:
    meta = tree.metadata
    if meta.jurisdiction is None:
        raise ValueError(f"{tree.name}: a template needs a jurisdiction in its title")
    norm = tree.normalized
    chapters: list[tuple[str, list[str]]] = [(c.title, []) for c in tree.chapters] or [("总则", [])]
    for article in tree.articles:
        body = norm.text[article.nstart : article.nend][len(article.label) :].strip()
        chapters[max(article.chapter, 1) - 1][1].append(body)
    parent = strip_level_suffix(meta.parent) if meta.parent else None
    if meta.level not in LEVEL_CHAR:
        raise ValueError(f"{tree.name}: a template is a district or a county, not a {meta.level}")
    return Template(
        stem=strip_level_suffix(meta.jurisdiction),
        level=meta.level,
        parent_stem=parent if parent != meta.parent else None,
        chapters=tuple((title, tuple(bodies)) for title, bodies in chapters if bodies),
    )


def generate(n: int, seed: int = 0, corpus: Path = CORPUS) -> Iterator[GeneratedDocument]:
    """The first ``n`` documents of the synthetic corpus number ``seed``."""
    if n < 0:
        raise ValueError("n must be >= 0")
    seeds = templates(corpus)
    pool = list(places())
    random.Random(seed).shuffle(pool)
    for index in range(n):
        rng = random.Random(seed * 1_000_003 + index)
        place = pool[index % len(pool)]
        version = index // len(pool)  # a later version of the same government's rules
        yield _document(index, rng, seeds[index % len(seeds)], index % len(seeds), place, version)


def write_corpus(n: int, out: Path, seed: int = 0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in generate(n, seed):
        path = out / doc.name
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths


def _document(index: int, rng: random.Random, tpl: Template, tpl_index: int, place: Place, version: int):  # type: ignore[no-untyped-def]
    numbering = rng.choice(sorted(NUMBERING))
    level = LEVEL_CHAR[place.level]
    rewrite = _rewriter(rng, tpl, place)
    lines: list[str] = []
    article_number = 0
    for ch_index, (title, bodies) in enumerate(tpl.chapters, 1):
        order = list(bodies)
        if 1 < ch_index < len(tpl.chapters) and rng.random() < 0.5:
            rng.shuffle(order)
        lines.append(f"第{chinese_number(ch_index)}章　{rewrite(title)}")
        for body in order:
            article_number += 1
            lines.append(_article(article_number, numbering, rewrite(body)))
    year = 2005 + 3 * version + rng.randint(0, 2)  # a later version is never older
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    title = f"{place.name if rng.random() < 0.5 else place.letterhead}人民政府工作规则"
    front = _front_matter(rng, place, level, title, year, month, day)
    closing = f"抄送：{level}委办公室，{level}人大常委会办公室，{level}政协办公室。\n" \
              f"{place.letterhead}人民政府办公室　{year}年{month}月{day}日印发\n"
    text = front + "\n".join(lines) + "\n\n" + closing
    return GeneratedDocument(
        name=f"gen_{index:05d}.txt", text=text, place=place, numbering=numbering,
        article_count=article_number, chapter_count=len(tpl.chapters), template=tpl_index,
    )


def _article(number: int, numbering: str, body: str) -> str:
    chinese, template = NUMBERING[numbering]
    label = template.format(n=chinese_number(number) if chinese else number)
    return f"　　{label}{'　' if label.startswith('第') else ''}{body}"


def _rewriter(rng: random.Random, tpl: Template, place: Place):  # type: ignore[no-untyped-def]
    """The text changes of one document, applied to every article body."""
    was, now = LEVEL_CHAR[tpl.level], LEVEL_CHAR[place.level]
    # The full name first (朝阳区 -> 容城县), so a county's name never keeps the district's 区.
    names = {f"{tpl.stem}{was}": place.name, tpl.stem: strip_level_suffix(place.name)}
    if tpl.parent_stem:
        names[tpl.parent_stem] = strip_level_suffix(place.city)
    rename = re.compile("|".join(re.escape(k) for k in sorted(names, key=len, reverse=True)))
    signers = [r.replace("{L}", was) for r in SIGNER_ROLES]
    swapped = list(signers)
    for _ in range(rng.randint(0, 2)):
        a, b = rng.sample(range(len(swapped)), 2)
        swapped[a], swapped[b] = swapped[b], swapped[a]
    signer_map = dict(zip(signers, swapped, strict=True))
    signer = re.compile("|".join(re.escape(s) for s in sorted(signers, key=len, reverse=True)))
    frequencies: dict[str, tuple[str, str]] = {}  # one new frequency per original phrase

    def frequency(m: re.Match[str]) -> str:
        period, times = frequencies.setdefault(m.group(), (rng.choice(_PERIODS), rng.choice(_TIMES)))
        return f"{m.group('lead')}每{period}{m.group('verb') or ''}{times}次"

    def rewrite(body: str) -> str:
        body = rename.sub(lambda m: names[m.group()], body)
        body = _SIGNING_SENTENCE.sub(lambda s: signer.sub(lambda m: signer_map[m.group()], s.group()), body)
        body = _FREQUENCY.sub(frequency, body)
        if was != now:
            body = _LEVEL_WORD[was].sub(now, body)
        return _demote_markers(body)

    return rewrite


def _demote_markers(body: str) -> str:
    """Lines inside an article that look like a new article or chapter become items (（三）).

    Reordering and renumbering can make a list line (2、) fit the running article sequence,
    which the parser would rightly read as the next article.
    """
    lines = body.split("\n")
    for i in range(1, len(lines)):
        for marker in (ARTICLE_TIAO, ARTICLE_DUN, CHAPTER):
            m = marker.match(lines[i])
            if m:
                lines[i] = lines[i][: m.start("label")] + f"（{m.group('num')}）" + lines[i][m.end("label") :]
                break
    if len(lines) > 1 and UNNUMBERED_HEADING.match(lines[-1]):
        lines[-1] += "。"  # a short last line must not read as the next chapter's heading
    return "\n".join(lines)


def _front_matter(rng: random.Random, place: Place, level: str, title: str, year: int, month: int, day: int) -> str:
    if rng.random() < 0.6:
        stem = strip_level_suffix(place.name)
        units = "各乡、镇人民政府" if place.level == "county" else "各街道办事处，各乡、镇人民政府"
        return (
            f"{place.letterhead}人民政府文件\n{stem}政发〔{year}〕{rng.randint(1, 30)}号\n\n"
            f"{place.letterhead}人民政府\n关于印发{title}的通知\n"
            f"{units}，{level}政府各委、办、局，各{level}属机构：\n"
            f"　　现将《{title}》印发给你们，请认真遵照执行。\n"
            f"{place.letterhead}人民政府\n{year}年{month}月{day}日\n（此件公开发布）\n\n{title}\n\n"
        )
    meeting = rng.randint(1, 120)
    return f"{title}\n（{year}年{month}月{day}日第{meeting}次{level}政府常务会议通过）\n\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many documents (5, 50, 500, 2800 ...)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write gen_NNNNN.txt files into")
    parser.add_argument("--seed", type=int, default=0, help="corpus number; the same seed gives the same files")
    args = parser.parse_args()
    paths = write_corpus(args.n, args.out, args.seed)
    print(f"wrote {len(paths)} documents to {args.out}")


if __name__ == "__main__":
    main()
