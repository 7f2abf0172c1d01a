"""Each document's graph, cached on disk, so that ``govgraph serve`` (and a new embedded store's
first use) does not parse and extract again a document it has already read.

Parse and extract cost ~0.2 s per document plus ~1 s of imports (vocabulary, wording, every
extractor); reading a cached graph costs a few milliseconds and imports none of them.

An entry is keyed by the sha256 of: this module's entry format, the extractor's version, the
document's file name, the source given for it (URL, jurisdiction) and its bytes. The extractor's
version hashes every file of the ``ingest`` and ``schema`` packages (code, vocabulary, wording,
cleanup rules) with the Python version and the installed files of the libraries extraction calls,
so any change to any of them is a miss: a stale graph is never served.

Entries live in ``$GOVGRAPH_CACHE_DIR/graphs/<version>/<key>`` (default: ``govgraph`` in the
user's cache directory, ``$XDG_CACHE_HOME`` or ``~/.cache``); ``GOVGRAPH_CACHE=0`` turns the cache
off. An entry is a header (format, key, sha256 of the payload) and the graph as compressed JSON;
one that does not check out (truncated, edited, copied under another key) is a miss and is
rewritten. Writes go to a temporary file in the entry's folder, renamed into place, so readers
and concurrent writers see no entry or a whole one. The versions used least recently are
removed when a new one starts (``KEEP_VERSIONS`` stay). Refused documents are not cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import shutil
import sys
import tempfile
import zlib
from functools import lru_cache
from pathlib import Path

import orjson

from schema.model import Graph, Node, Relationship

CACHE_ENV = "GOVGRAPH_CACHE"
CACHE_DIR_ENV = "GOVGRAPH_CACHE_DIR"
#: the entry format; bump it when the header or payload changes
FORMAT = b"govgraph-graph-cache 1"
#: versions of the extractor whose entries are kept (worktrees and upgrades alternate)
KEEP_VERSIONS = 4
#: what decides a document's graph besides the document: these packages' files, whole
_EXTRACTOR_PACKAGES = ("ingest", "schema")
#: libraries extraction calls (pinyin of English names, script conversion, YAML data)
_LIBRARIES = ("pypinyin", "opencc", "yaml")
_OFF = ("0", "false", "no", "off")


def default_dir() -> Path | None:
    """``govgraph`` in the user's cache directory; None when there is no home to put it in."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "govgraph"
    try:
        return Path.home() / ".cache" / "govgraph"
    except RuntimeError:  # no HOME and no password entry: no default place
        return None


def configured() -> GraphCache | None:
    """The cache the environment configures, or None when it is turned off."""
    if os.environ.get(CACHE_ENV, "1").strip().lower() in _OFF:
        return None
    given = os.environ.get(CACHE_DIR_ENV, "").strip()
    folder = Path(given).expanduser() if given else default_dir()
    return GraphCache(folder) if folder is not None else None


def extractor_roots() -> tuple[Path, ...]:
    """The folders of the packages whose files decide a document's graph (found without importing them)."""
    roots: list[Path] = []
    for package in _EXTRACTOR_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is not None:
            roots.extend(Path(folder) for folder in spec.submodule_search_locations or [])
    return tuple(roots)


@lru_cache(maxsize=4)
def extractor_version(roots: tuple[Path, ...] | None = None) -> str:
    """A hash of everything besides the document that decides its graph: every file under ``roots``
    (default: the ``ingest`` and ``schema`` packages), the Python version, the libraries' files."""
    digest = hashlib.sha256(FORMAT)
    digest.update(sys.version.encode())
    for root in extractor_roots() if roots is None else roots:
        digest.update(f"\0\0{root.name}".encode())
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("."):
                digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    for library in _LIBRARIES:
        # find_spec of a top-level name finds it without importing it (pypinyin alone takes 0.4 s)
        spec = importlib.util.find_spec(library)
        origin = Path(spec.origin) if spec is not None and spec.origin else None
        stat = origin.stat() if origin is not None else None
        digest.update(f"\0{library}:{origin}:{stat and stat.st_size}:{stat and stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def entry_key(data: bytes, name: str, url: str | None, jurisdiction: str | None) -> str:
    """The key of a document's entry (the extractor's version is its folder)."""
    digest = hashlib.sha256(FORMAT)
    for part in (name, url or "", jurisdiction or ""):
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


class GraphCache:
    """Document graphs on disk under ``folder`` (see the module's doc)."""

    def __init__(self, folder: Path, version: str | None = None) -> None:
        self.folder = folder
        self._version = version  # the extractor's version (default: this install's, computed on first use)
        self._used = False  # this version's folder was marked used (its time is what pruning reads)

    def _versions(self) -> Path:
        return self.folder / "graphs"

    @property
    def version(self) -> str:
        if self._version is None:
            self._version = extractor_version()
        return self._version

    def path(self, key: str) -> Path:
        return self._versions() / self.version[:32] / key

    def get(self, key: str) -> Graph | None:
        """The graph stored under ``key``, or None when there is none or it does not check out."""
        try:
            blob = self.path(key).read_bytes()
        except OSError:
            return None
        try:
            graph = _decode(blob, key)
        except Exception:  # noqa: BLE001 - any entry that cannot be read whole is a miss, rebuilt by the caller
            return None
        if not self._used:
            self._used = True
            with contextlib.suppress(OSError):
                os.utime(self.path(key).parent)  # read, not only written: kept by pruning
        return graph

    def put(self, key: str, graph: Graph) -> None:
        """Store ``graph`` under ``key``; a cache that cannot be written is skipped (it only saves time)."""
        target = self.path(key)
        try:
            fresh = not target.parent.is_dir()
            target.parent.mkdir(parents=True, exist_ok=True)
            if fresh:
                self._prune(keep=target.parent)
            handle, temporary = tempfile.mkstemp(prefix=f".{key[:16]}-", suffix=".tmp", dir=target.parent)
            try:
                with os.fdopen(handle, "wb") as sink:
                    sink.write(_encode(graph, key))
                os.replace(temporary, target)  # atomic: no reader sees half an entry
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            return

    def _prune(self, keep: Path) -> None:
        """Remove the folders of the versions used least recently, beyond ``KEEP_VERSIONS``."""
        try:
            folders = [p for p in self._versions().iterdir() if p.is_dir() and p != keep]
            folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        except OSError:
            return
        for old in folders[KEEP_VERSIONS - 1:]:
            shutil.rmtree(old, ignore_errors=True)  # a reader of it just misses


def _encode(graph: Graph, key: str) -> bytes:
    payload = zlib.compress(orjson.dumps({
        "document": graph.document,
        "nodes": [[n.label, n.key, n.props] for n in graph.nodes],
        "relationships": [[r.type, r.start, r.end, r.key, r.props] for r in graph.relationships],
    }), 1)
    return b"\n".join((FORMAT, key.encode(), hashlib.sha256(payload).hexdigest().encode(), payload))


def _decode(blob: bytes, key: str) -> Graph:
    form, stored_key, checksum, payload = blob.split(b"\n", 3)
    if form != FORMAT or stored_key != key.encode() or hashlib.sha256(payload).hexdigest().encode() != checksum:
        raise ValueError("not this entry")
    data = orjson.loads(zlib.decompress(payload))
    return Graph(data["document"], [Node(*n) for n in data["nodes"]],
                 [Relationship(*r) for r in data["relationships"]])
