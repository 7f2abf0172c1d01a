"""Stage 4: DocumentTree -> DocumentFacts. One module per kind of fact."""

from __future__ import annotations

from schema.vocabulary import Vocabulary

from ..facts import DocumentFacts
from ..models import DocumentTree
from .common import Context
from .government import extract_government
from .meetings import extract_meetings
from .minutes import attach_minutes_signers
from .obligations import extract_obligations
from .reporting import extract_reporting
from .signing import extract_signing


def extract_facts(tree: DocumentTree, vocabulary: Vocabulary | None = None) -> DocumentFacts:
    ctx = Context(tree, vocabulary)
    signing = extract_signing(ctx)
    return DocumentFacts(
        signing=tuple(signing),
        # who signs a meeting's 纪要 is read once, by the signing extractor
        meetings=tuple(attach_minutes_signers(extract_meetings(ctx), signing)),
        reporting=tuple(extract_reporting(ctx)),
        obligations=tuple(extract_obligations(ctx)),
        government=extract_government(ctx),
    )
