// load/claim_document for several documents at once, in the order of $docs (sorted, so
// concurrent writers claim in one order): `published` per document, as there.
UNWIND $docs AS doc
MERGE (d:RuleDocument {key: doc})
ON CREATE SET d.claimed = true
WITH doc, d, d.claimed IS NULL AS published
SET d.key = d.key
RETURN doc, published
