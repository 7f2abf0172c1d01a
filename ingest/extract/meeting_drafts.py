"""A meeting's facts gathered across articles, before they become a ``Meeting``.

``ingest/extract/meetings.py`` reads the clauses, adds to the draft of the meeting each clause is
about, and turns every draft that holds a participant, a frequency or a quorum into a Meeting.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fact_values import EntityRef, Evidence
from ..facts import Frequency, Meeting, Participant, Quorum


@dataclass
class MeetingDraft:
    """A meeting's facts as the articles name them, each participant once per slot, with every
    clause they come from."""

    entity: EntityRef
    slots: dict[str, list[Participant]] = field(default_factory=dict)
    frequency: Frequency | None = None
    quorum: Quorum | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, slot: str, participant: Participant) -> None:
        kept = self.slots.setdefault(slot, [])
        if all(p.entity.key != participant.entity.key for p in kept):
            kept.append(participant)
        self.cite(participant.evidence)

    def cite(self, evidence: Evidence | None) -> None:
        if evidence is not None and evidence not in self.evidence:
            self.evidence.append(evidence)

    def meeting(self) -> Meeting:
        """The Meeting: participants in the order first named, clauses in the order of the text."""
        def slot(name: str) -> tuple[Participant, ...]:
            return tuple(self.slots.get(name, ()))

        return Meeting(
            entity=self.entity, members=slot("members"), conveners=slot("conveners"), chairs=slot("chairs"),
            attendees=slot("attendees"), frequency=self.frequency, quorum=self.quorum,
            evidence=tuple(sorted(self.evidence, key=lambda e: (e.start, e.end))),
        )
