"""Check one document: what it contradicts within itself, and what most peers have that it lacks.

Internal findings read the document's own facts and articles (``internal.py``); peer findings
compare its provisions (``Fact.peer``) with the current documents of the other jurisdictions
in the store. Wording and thresholds are data (``check_rules.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from schema.rows import DocumentRow
from stores.base import Store

from .facts import Citation, DocumentView, Fact, document_facts, peer_parent, read_document
from .internal import Finding, internal_findings
from .rules import CheckRules, check_rules


@dataclass(frozen=True, slots=True)
class PeerFinding:
    code: str
    severity: str
    message: str
    provision: tuple[str, ...]
    count: int  # peer documents that have the provision
    peers: int  # peer documents compared
    examples: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class CheckReport:
    document: DocumentRow  # ``jurisdiction``: its place's full name
    findings: tuple[Finding, ...]
    peer_findings: tuple[PeerFinding, ...]
    peers: tuple[str, ...]  # the peer documents compared (keys)
    min_share: float

    @property
    def clean(self) -> bool:
        return not self.findings and not self.peer_findings

    def summary(self) -> str:
        errors = sum(1 for f in self.findings if f.severity == "error")
        internal = f"{errors} errors, {len(self.findings) - errors} warnings"
        if not self.peers:
            return f"{internal}; no peer rules in the store to compare with"
        return (f"{internal}, {len(self.peer_findings)} provisions that at least {self.min_share:.0%} of "
                f"{len(self.peers)} peer rules have and this one lacks")


def peer_views(store: Store, jurisdiction: str) -> list[DocumentView]:
    """The current document of every other jurisdiction in the store, by full name."""
    places = store.jurisdictions()
    keys = [d.key for j in places if j.place.full_name != jurisdiction for d in j.documents if d.current]
    return [read_document(store, key, places) for key in keys]


def peer_findings(view: DocumentView, peers: list[DocumentView], rules: CheckRules,
                  min_share: float) -> list[PeerFinding]:
    own = {f.peer for f in document_facts(view) if f.peer is not None}
    having: dict[tuple[str, ...], list[Fact]] = {}
    # peers of the document's own level first (a county's draft is shown counties' wording and examples)
    level = view.place.level
    for peer in sorted(peers, key=lambda p: p.place.level != level):
        seen: dict[tuple[str, ...], Fact] = {}
        for fact in document_facts(peer):
            if fact.peer is not None and fact.citations:
                seen.setdefault(fact.peer, fact)
        for provision, fact in seen.items():
            having.setdefault(provision, []).append(fact)
    if len(peers) < rules.min_documents:
        return []
    code = rules.codes["missing-provision"]
    out = []
    for provision, facts in having.items():
        parent = peer_parent(provision)
        if provision in own or len(facts) < min_share * len(peers) or (parent is not None and parent not in own):
            continue
        out.append(PeerFinding(
            code.code, code.severity,
            code.message(count=len(facts), peers=len(peers), provision=facts[0].peer_subject),
            provision, len(facts), len(peers), tuple(f.citations[0] for f in facts[: rules.examples])))
    return sorted(out, key=lambda f: (-f.count, f.provision))


def check_view(view: DocumentView, store: Store, min_share: float | None = None) -> CheckReport:
    """Check a document (read from any store) against the peers ``store`` holds."""
    rules = check_rules()
    share = rules.min_share if min_share is None else min_share
    if not 0 < share <= 1:
        raise ValueError(f"the share of peers must be in (0, 1] (got {share})")
    peers = peer_views(store, view.place.full_name)
    return CheckReport(view.document, tuple(internal_findings(view, rules)),
                       tuple(peer_findings(view, peers, rules, share)), tuple(p.key for p in peers), share)


def check_document(store: Store, document: str, min_share: float | None = None) -> CheckReport:
    return check_view(read_document(store, document), store, min_share)
