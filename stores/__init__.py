"""Stores hold graphs and answer the API's named questions. Two implementations with
one interface: ``MemoryStore`` (embedded, no server) and ``Neo4jStore``."""

from .base import Store, StoreUnavailable
from .memory import MemoryStore

__all__ = ["MemoryStore", "Store", "StoreUnavailable"]
