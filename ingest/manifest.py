"""``sources.yaml`` beside the documents of a folder: where each came from, and whose it is
when the text does not say.

    - {file: d21.txt, url: "https://…", jurisdiction: 某某市}

``file`` is required and must name a file in the folder; ``url`` and ``jurisdiction`` are
optional; any other key, a missing file or a malformed manifest is an error (ManifestError,
one line), so that a typo never loads a document under the wrong government.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .identity import named_identity

MANIFEST = "sources.yaml"
_KEYS = {"file", "url", "jurisdiction"}
_URL_SCHEMES = ("http://", "https://")
MAX_URL = 2000


class ManifestError(ValueError):
    """A sources.yaml that cannot be read as a list of {file, url, jurisdiction} entries."""


@dataclass(frozen=True, slots=True)
class Source:
    """What the user says about one document: its address and, where the text is silent, its government."""

    url: str | None = None
    jurisdiction: str | None = None


def check_url(url: str) -> str:
    """A source address as given: http(s), one line, at most MAX_URL characters."""
    url = url.strip()
    if not url.startswith(_URL_SCHEMES) or len(url) > MAX_URL or any(c.isspace() for c in url):
        raise ValueError(f"source URL must be one http(s) address of at most {MAX_URL} characters: {url[:80]!r}")
    return url


def read_manifest(folder: Path) -> dict[str, Source]:
    """File name -> Source for the manifest in ``folder`` ({} when there is none)."""
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    return _read(path.resolve(), path.stat().st_mtime_ns)


@lru_cache(maxsize=32)
def _read(path: Path, _mtime: int) -> dict[str, Source]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        reason = " ".join(str(exc).split())
        raise ManifestError(f"{path}: not readable YAML ({reason[:160]})") from None
    if data is None:
        return {}
    if not isinstance(data, list):
        raise ManifestError(f"{path}: expected a list of entries like - {{file: a.txt, url: …, jurisdiction: …}}")
    out: dict[str, Source] = {}
    for number, entry in enumerate(data, 1):
        where = f"{path}: entry {number}"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise ManifestError(f"{where}: expected a mapping with a `file`, got {entry!r}"[:300])
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise ManifestError(f"{where}: unknown key {', '.join(unknown)} (allowed: file, url, jurisdiction)")
        name = entry["file"]
        if Path(name).name != name or not (path.parent / name).is_file():
            raise ManifestError(f"{where}: names {name!r}, which is not a file in {path.parent}")
        if name in out:
            raise ManifestError(f"{where}: {name!r} is listed twice")
        try:
            url = check_url(str(entry["url"])) if entry.get("url") is not None else None
            jurisdiction = str(entry["jurisdiction"]).strip() if entry.get("jurisdiction") is not None else None
            if jurisdiction is not None:
                named_identity(jurisdiction)
        except ValueError as exc:
            raise ManifestError(f"{where} ({name}): {exc}") from None
        out[name] = Source(url, jurisdiction)
    return out


def source_of(path: Path) -> Source:
    """What the manifest beside ``path`` says about it (an empty Source when nothing)."""
    return read_manifest(path.parent).get(path.name, Source())


def given(jurisdiction: str | None, url: str | None, documents: int) -> Source:
    """What the user gave on the command line, checked: a jurisdiction whose level can be told,
    one http(s) URL, and a URL only for a single document (an address names one page)."""
    if url is not None and documents != 1:
        raise ValueError(f"--source-url names the page of one document; {documents} documents were given")
    if jurisdiction is not None:
        named_identity(jurisdiction)
    return Source(check_url(url) if url is not None else None, jurisdiction.strip() if jurisdiction else None)


def sources_for(paths: list[Path], override: Source | None = None) -> dict[Path, Source]:
    """Each document's Source: its manifest entry, with what the user gave on the command line
    (``override``) winning field by field. Every manifest is read first, so a broken one stops
    the run before anything loads."""
    override = override or Source()
    out: dict[Path, Source] = {}
    for path in paths:
        listed = read_manifest(path.parent).get(path.name, Source())
        out[path] = Source(override.url or listed.url, override.jurisdiction or listed.jurisdiction)
    return out
