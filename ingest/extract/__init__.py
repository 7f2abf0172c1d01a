"""Stage 4: DocumentTree -> DocumentFacts. One module per kind of fact."""

from __future__ import annotations

from schema.vocabulary import Vocabulary

from ..facts import DocumentFacts
from ..models import DocumentTree
from .common import Context
from .signing import extract_signing


def extract_facts(tree: DocumentTree, vocabulary: Vocabulary | None = None) -> DocumentFacts:
    ctx = Context(tree, vocabulary)
    return DocumentFacts(signing=tuple(extract_signing(ctx)))
