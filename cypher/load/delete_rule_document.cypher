// Remove one document's RuleDocument with its relationships: from this commit on, no query reaches
// the document (every read starts at a RuleDocument), whatever of its content is still to delete.
MATCH (d:RuleDocument {key: $doc})
DETACH DELETE d
