// load/document_jurisdiction for several documents at once (a batch of loads, one round trip):
// the jurisdiction each stored one belongs to; documents not stored have no row.
UNWIND $docs AS doc
MATCH (j:Jurisdiction)-[:HAS_RULES]->(:RuleDocument {key: doc})
RETURN doc, j.key AS jurisdiction
