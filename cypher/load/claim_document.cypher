// Claim one document's key for this transaction, so that no other writer loads, deletes or sweeps
// it meanwhile: a stored RuleDocument is write-locked (a no-op SET), a new one is created
// uncommitted (readers do not see it; every other MERGE of that key waits for this transaction).
// A staged load holds the claim while other transactions write its content, and commits it with
// the RuleDocument's properties; a sweep rolls it back. `published`: the document was stored.
MERGE (d:RuleDocument {key: $doc})
ON CREATE SET d.claimed = true
WITH d, d.claimed IS NULL AS published
SET d.key = d.key
RETURN published
