"""Synthetic rules documents of the genre, built from sentence templates.

They stand in for what a district website offers: a title line, chapters of
numbered articles with signing, meeting, reporting and deadline sentences, and
prose between them. Used for the 10 MB document and for large document sets
(each jurisdiction gives a different document).

>>> text = rules_document("朝阳区", articles=3)
>>> text.splitlines()[0], "第三条" in text
('北京市朝阳区人民政府工作规则', True)
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))

#: Article bodies of the genre; {L} is the level character (区/县), {n} a running number.
ARTICLE_TEMPLATES = (
    "以{L}政府名义印发的文件，由{L}长签发；涉及重大事项的，由{L}长审核后签发。",
    "以{L}政府办公室名义印发的文件，由{L}政府办公室主任签发；涉及重大事项的，报分管副{L}长审批。",
    "{L}政府常务会议由{L}长、副{L}长、{L}政府办公室主任组成，由{L}长召集和主持，一般每月召开两次。",
    "{L}政府各部门应当在收到交办事项后五个工作日内向{L}政府报告办理情况。",
    "{L}政府全体会议由{L}长、副{L}长和{L}政府各部门主要负责人组成，一般每年召开两次，必要时可随时召开。",
    "{L}政府工作人员应当严格遵守保密纪律，不得泄露国家秘密和工作秘密。",
    "对{L}人大代表建议和政协委员提案，承办单位应当在三个月内办理完毕并答复。",
    "{L}政府及其部门应当依法全面推进政务公开，主动公开第{n}批政府信息。",
)
#: Prose without a rule in it (background, principles): most of a long document reads so.
PROSE_TEMPLATES = (
    "{L}政府坚持以人民为中心的发展思想，推进治理体系和治理能力现代化。",
    "各项工作要坚持统筹兼顾、突出重点，注重调查研究，提高工作质量和效率。",
    "加强作风建设，弘扬求真务实精神，力戒形式主义、官僚主义。",
    "深化政务服务改革，优化营商环境，方便企业和群众办事。",
)
#: Items inside a long article, so the big document has lists as real ones do.
ITEM_TEMPLATES = (
    "（{i}）严格执行请示报告制度，重大情况及时向{L}政府报告；",
    "（{i}）加强督促检查，确保各项决策部署落实到位；",
    "（{i}）坚持依法行政，规范行政权力运行；",
)


def chinese_number(n: int) -> str:
    """1..9999 in the numerals articles are written with: 11 -> 十一, 105 -> 一百零五."""
    if not 1 <= n <= 9999:
        raise ValueError(f"{n} is outside 1..9999")
    out, pending_zero = [], False
    for value, unit in _UNITS:
        digit = n // value % 10
        if digit:
            if pending_zero:
                out.append("零")
            out.append(("" if (value == 10 and n < 20 and not out) else _DIGITS[digit]) + unit)
            pending_zero = False
        elif out:
            pending_zero = True
    if n % 10:
        if pending_zero:
            out.append("零")
        out.append(_DIGITS[n % 10])
    return "".join(out)


def rules_document(
    jurisdiction: str = "朝阳区",
    *,
    parent: str = "北京市",
    articles: int = 24,
    per_chapter: int = 8,
    items_per_article: int = 0,
    sentences_per_article: int = 1,
    rules_every: int = 1,
) -> str:
    """A well-formed 工作规则 of ``jurisdiction`` with ``articles`` numbered 第X条.

    Every ``rules_every``-th article states rules (signing, meetings, reporting); the others are prose.
    """
    level = jurisdiction[-1]
    lines = [f"{parent}{jurisdiction}人民政府工作规则", ""]
    for n in range(1, articles + 1):
        if (n - 1) % per_chapter == 0:
            chapter = (n - 1) // per_chapter + 1
            lines.append(f"第{chinese_number(chapter)}章　第{chinese_number(chapter)}部分事项")
        templates = ARTICLE_TEMPLATES if n % rules_every == 0 else PROSE_TEMPLATES
        body = "".join(
            templates[(n + k) % len(templates)].format(L=level, n=n) for k in range(sentences_per_article)
        )
        lines.append(f"第{chinese_number(n)}条　{body}")
        for i in range(1, items_per_article + 1):
            lines.append(ITEM_TEMPLATES[i % len(ITEM_TEMPLATES)].format(i=chinese_number(i), L=level))
    lines.append("")
    return "\n".join(lines) + "\n"


def document_of_size(size: int, jurisdiction: str = "海淀区") -> bytes:
    """UTF-8 rules document of at least ``size`` bytes: long articles with lists, as many as it takes."""
    shape = {"per_chapter": 50, "items_per_article": 6, "sentences_per_article": 8, "rules_every": 40}
    articles = 1
    while True:
        data = rules_document(jurisdiction, articles=articles, **shape).encode("utf-8")
        if len(data) >= size:
            return data
        # grow by the measured bytes per article (+1 so the loop always moves)
        articles = min(9999, articles + (size - len(data)) * articles // len(data) + 1)
        if articles == 9999:
            shape["sentences_per_article"] *= 2


#: Jurisdiction names for document sets: none is a seed district.
JURISDICTIONS = tuple(
    f"{a}{b}{c}"
    for a in "平安和顺永宁"
    for b in "东西南北中"
    for c in "区县"
)
