"""Extraction wording as data: the verb and cue tables an extractor matches, one YAML file
per extractor in ``schema/wording/``, checked strictly against the extractor's model.

An extractor declares a frozen dataclass whose fields are the tables it reads; the file
must hold exactly those keys (an unknown or missing key is an error), each of the
field's shape: ``str``, ``tuple[str, ...]`` (a non-empty YAML list of strings),
``dict[str, str]`` (a mapping of strings; with ``Literal`` values, only those) or another such dataclass (a section of the file,
checked the same way). An empty table would silently match nothing, so it is an error too.
Files load once per process.

>>> from dataclasses import dataclass
>>> @dataclass(frozen=True)
... class Cues:
...     verbs: tuple[str, ...]
>>> load_wording("reporting", Cues)  # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

from .yaml_data import load_yaml

WORDING_DIR = Path(__file__).with_name("wording")

T = TypeVar("T")


class WordingError(ValueError):
    """A wording file does not fit its extractor's model."""


#: each file's tables once per process, by (name, model, directory)
_LOADED: dict[tuple[str, type[Any], Path], object] = {}


def load_wording(name: str, model: type[T], directory: Path = WORDING_DIR) -> T:
    """The tables of ``directory/name.yaml`` as an instance of ``model`` (cached per file)."""
    key = (name, model, directory)
    if key not in _LOADED:
        _LOADED[key] = _load(name, model, directory)
    loaded = _LOADED[key]
    if not isinstance(loaded, model):
        raise TypeError(f"{name}.yaml loaded as {type(loaded).__name__}, not {model.__name__}")
    return loaded


def table_words(name: str, table: str, directory: Path = WORDING_DIR) -> tuple[str, ...]:
    """The words of one table of a wording file (a list's items, a mapping's keys), for a reader
    that matches the same words without the extractor's model: ``ask`` reads the report verbs
    the reporting extractor reads."""
    path = directory / f"{name}.yaml"
    data = load_yaml(path)
    words = data.get(table) if isinstance(data, dict) else None
    if not isinstance(words, (list, dict)) or not words or not all(isinstance(w, str) for w in words):
        raise WordingError(f"{path.name}: no table of words {table!r}")
    return tuple(words)


def _load(name: str, model: type[T], directory: Path) -> T:
    path = directory / f"{name}.yaml"
    if not path.is_file():
        raise WordingError(f"{path}: no such wording file")
    data = load_yaml(path)
    return parse_wording(data, model, str(path))


def parse_wording(data: Any, model: type[T], where: str) -> T:
    """Check ``data`` (a parsed YAML mapping) against ``model`` and build it."""
    if not dataclasses.is_dataclass(model):
        raise TypeError(f"{model!r} is not a dataclass")
    if not isinstance(data, dict):
        raise WordingError(f"{where}: expected a mapping of tables, got {type(data).__name__}")
    hints = get_type_hints(model)
    fields = [f.name for f in dataclasses.fields(model)]
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise WordingError(f"{where}: unknown key(s) {', '.join(map(str, unknown))}; expected {', '.join(fields)}")
    missing = [f for f in fields if f not in data]
    if missing:
        raise WordingError(f"{where}: missing key(s) {', '.join(missing)}")
    values = {name: _value(data[name], hints[name], f"{where}: {name}") for name in fields}
    return model(**values)


def _value(raw: Any, hint: Any, where: str) -> Any:
    if hint is str:
        if not isinstance(raw, str) or not raw:
            raise WordingError(f"{where}: expected a non-empty string")
        return raw
    origin = getattr(hint, "__origin__", None)
    if origin is tuple:
        if not isinstance(raw, list) or not all(isinstance(x, str) and x for x in raw):
            raise WordingError(f"{where}: expected a list of non-empty strings")
        if not raw:
            raise WordingError(f"{where}: expected a non-empty list")
        return tuple(raw)
    if origin is dict:
        if not isinstance(raw, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in raw.items()):
            raise WordingError(f"{where}: expected a mapping of strings to strings")
        value_hint = get_args(hint)[1]
        if get_origin(value_hint) is Literal and not set(raw.values()) <= set(get_args(value_hint)):
            others = sorted(set(raw.values()) - set(get_args(value_hint)))
            raise WordingError(f"{where}: values are {', '.join(get_args(value_hint))} only, not {', '.join(others)}")
        return dict(raw)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return parse_wording(raw, hint, where)
    raise TypeError(f"{where}: unsupported table type {hint!r}")
