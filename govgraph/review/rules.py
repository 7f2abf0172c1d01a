"""The check's wording and thresholds (``check_rules.yaml``), validated on load."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

Severity = Literal["error", "warning", "info"]
#: every code the checks emit: the rules file must word each one
CODES = ("conflicting-default-signers", "reporting-cycle", "dangling-reference", "meeting-no-chair",
         "meeting-no-frequency", "numbering-gap", "numbering-duplicate", "numbering-order", "missing-provision")
RULES_FILE = Path(__file__).with_name("check_rules.yaml")
_SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    explanation: str  # a template: str.format with the finding's fields

    def message(self, **fields: Any) -> str:
        return self.explanation.format(**fields)


@dataclass(frozen=True, slots=True)
class CheckRules:
    min_share: float
    min_documents: int
    examples: int
    reference: re.Pattern[str]
    foreign_markers: str
    clause_ends: str
    codes: dict[str, Code]


def _keys(where: str, data: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValueError(f"{RULES_FILE.name}: {where} must be a mapping")
    unknown = set(data) - allowed
    missing = allowed - set(data)
    if unknown or missing:
        raise ValueError(f"{RULES_FILE.name}: {where}: unknown keys {sorted(unknown)}, missing keys {sorted(missing)}")
    return data


def parse_rules(data: Any) -> CheckRules:
    top = _keys("top level", data, {"peers", "references", "codes"})
    peers = _keys("peers", top["peers"], {"min_share", "min_documents", "examples"})
    refs = _keys("references", top["references"], {"pattern", "foreign_markers", "clause_ends"})
    if not 0 < float(peers["min_share"]) <= 1:
        raise ValueError(f"{RULES_FILE.name}: peers.min_share must be in (0, 1]")
    pattern = re.compile(refs["pattern"])
    if "number" not in pattern.groupindex or "own" not in pattern.groupindex:
        raise ValueError(f"{RULES_FILE.name}: references.pattern needs the groups 'own' and 'number'")
    codes = {}
    for code, spec in (top["codes"] or {}).items():
        spec = _keys(f"codes.{code}", spec, {"severity", "explanation"})
        if spec["severity"] not in _SEVERITIES:
            raise ValueError(f"{RULES_FILE.name}: codes.{code}.severity must be one of {', '.join(_SEVERITIES)}")
        codes[code] = Code(code, spec["severity"], str(spec["explanation"]))
    unworded = [code for code in CODES if code not in codes]
    if unworded:
        raise ValueError(f"{RULES_FILE.name}: codes without an explanation: {', '.join(unworded)}")
    return CheckRules(float(peers["min_share"]), int(peers["min_documents"]), int(peers["examples"]), pattern,
                      str(refs["foreign_markers"]), str(refs["clause_ends"]), codes)


@lru_cache(maxsize=1)
def check_rules() -> CheckRules:
    return parse_rules(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))
