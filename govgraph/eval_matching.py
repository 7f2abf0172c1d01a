"""How a section is scored: units matched one to one, and names that mean the same entity.

Names match when they resolve to the same vocabulary key, or, for descriptive names the
vocabulary does not know, when their normalized surfaces are equal or one mostly
contains the other. Gold strings may offer alternatives joined by "|".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ingest.fact_values import EntityRef
from schema.script import to_simplified
from schema.vocabulary import Vocabulary

#: The bar of the extraction issue, per gated section.
PRECISION_BAR = 0.95
RECALL_BAR = 0.90

_ENTITY_KINDS = ("role", "body", "meeting")
#: surface differences that do not change who is meant
_NAME_NOISE = re.compile(r"[\s的“”\"]|同志(?=$|[、，])")
_MIN_CONTAINMENT = 0.5


@dataclass
class SectionScore:
    name: str
    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0
    matched_gold: int = 0
    misses: list[str] = field(default_factory=list)  # gold units nothing predicted matches
    false_hits: list[str] = field(default_factory=list)  # predicted units no gold unit matches

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def passes(self) -> bool:
        return self.precision >= PRECISION_BAR and self.recall >= RECALL_BAR

    def add(self, other: SectionScore, prefix: str) -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched_predicted += other.matched_predicted
        self.matched_gold += other.matched_gold
        self.misses += [f"{prefix}: {m}" for m in other.misses]
        self.false_hits += [f"{prefix}: {m}" for m in other.false_hits]


# -- names -------------------------------------------------------------------------------


class Names:
    """Decides whether a predicted entity is the one a gold name means."""

    def __init__(self, vocabulary: Vocabulary, level: str | None = None) -> None:
        self.vocab = vocabulary
        self.level = level  # the document's: its 市长 is the head in a city, the higher head in a district

    def at(self, level: str) -> Names:
        return Names(self.vocab, level)

    def key(self, name: str) -> str | None:
        simple = to_simplified(name)
        term = self.vocab.lookup(simple, _ENTITY_KINDS, self.level)  # type: ignore[arg-type]
        if term is None and self.level is not None:
            term = self.vocab.lookup(simple, _ENTITY_KINDS)  # type: ignore[arg-type]
        return term.key if term else None

    def same(self, gold: str, predicted: EntityRef) -> bool:
        for alternative in str(gold).split("|"):
            key = self.key(alternative)
            if key is not None and predicted.known:
                if key == predicted.key:
                    return True
                continue
            if _similar(alternative, predicted.name):
                return True
        return False


#: full-width brackets as the gold may write them half-width: 乡（镇） = 乡(镇)
_WIDTH = str.maketrans("（）", "()")


def _normal(name: str) -> str:
    # A gold file may write a traditional-script document's names in either script.
    return _NAME_NOISE.sub("", to_simplified(name).replace("负责同志", "负责人").translate(_WIDTH))


def _similar(a: str, b: str) -> bool:
    a, b = _normal(a), _normal(b)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short == long_ or (short in long_ and len(short) / len(long_) >= _MIN_CONTAINMENT)


def text_overlap(a: str, b: str) -> bool:
    """Free text (a quorum, a condition) says the same: containment or most characters shared."""
    a, b = _normal(a), _normal(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    shared = len(set(a) & set(b))
    return shared / min(len(set(a)), len(set(b))) >= 0.6


# -- one-to-one matching -------------------------------------------------------------------


def match_units(section: str, gold: list[Any], predicted: list[Any], same: Callable[[Any, Any], bool],
                show_gold: Callable[[Any], str], show_predicted: Callable[[Any], str]) -> SectionScore:
    """Each gold unit takes the first predicted unit it is ``same`` as that no gold unit took yet;
    what is left over on either side is listed as a miss or a false hit."""
    score = SectionScore(section, predicted=len(predicted), gold=len(gold))
    taken: set[int] = set()
    for g in gold:
        hit = next((i for i, p in enumerate(predicted) if i not in taken and same(g, p)), None)
        if hit is None:
            score.misses.append(show_gold(g))
        else:
            taken.add(hit)
    score.matched_gold = len(taken)
    score.matched_predicted = len(taken)
    score.false_hits = [show_predicted(p) for i, p in enumerate(predicted) if i not in taken]
    return score
