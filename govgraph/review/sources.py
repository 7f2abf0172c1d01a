"""What `govgraph diff` and `govgraph check` accept: a file, or a document the store holds."""

from __future__ import annotations

from pathlib import Path

from stores.base import Store


def open_source(name: str, store: Store) -> tuple[Store, str]:
    """(store, RuleDocument key) for a file (parsed into a store of its own, the store given is
    not written) or for a stored document by key, file name, document number or title."""
    path = Path(name)
    if path.is_file():
        from ingest.pipeline import ingest_path
        from stores.memory import MemoryStore

        own = MemoryStore()
        result = ingest_path(path)
        own.load(result.graph)
        return own, result.graph.document
    docs = store.documents(None)
    found = [d for d in docs if name in (d.key, d.file, d.doc_number, d.title)]
    if not found:
        found = [d for d in docs if d.file == path.name]
    if not found:
        raise LookupError(f"{name!r} is neither a file nor a document in the {store.name} store "
                          "(`govgraph documents` lists them)")
    if len(found) > 1:
        raise LookupError(f"{name!r} names {len(found)} documents ({', '.join(d.key for d in found)}); give a key")
    return store, found[0].key
