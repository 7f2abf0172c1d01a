// Every article of one rules document, in order, with its number as written (declared) and its
// chapter: what a check of cross-references and numbering reads.
// Browser: :param document => 'doc-0123456789abcdef'   (a RuleDocument key)
MATCH (d:RuleDocument {key: $document})-[:HAS_ARTICLE]->(a:Article)
RETURN a, d
ORDER BY a.ordinal
