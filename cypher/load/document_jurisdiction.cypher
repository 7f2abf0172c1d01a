// The jurisdiction a loaded rules document belongs to (none when the document is not loaded).
MATCH (j:Jurisdiction)-[:HAS_RULES]->(:RuleDocument {key: $doc})
RETURN j.key AS jurisdiction
