"""Reading the project's YAML data files (vocabulary, wording, levels, patterns).

libyaml's C parser when PyYAML was built with it: it reads the same documents into the same
values as the pure-Python ``yaml.safe_load`` (both resolve tags with PyYAML's safe resolver), ten
times faster, which is most of the cost of loading the vocabulary before a first question.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """The YAML document in the UTF-8 file at ``path``, as ``yaml.safe_load`` reads it."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
