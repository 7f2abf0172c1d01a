// Every signing step of one rules document, whatever the issuer: who signs, approves, reviews or
// countersigns documents of each kind, with the article and clause that say so. The document type
// carries its keys (issuerKey, genres, recipientKey) so that versions and peers can be matched.
// Browser: :param document => 'doc-0123456789abcdef'   (a RuleDocument key)
MATCH (d:RuleDocument {key: $document})
MATCH (t:DocumentType {doc: d.key})
MATCH (actor)-[s:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)
MATCH (a:Article {key: s.articleKey})
RETURN actor, s, t, a, d
ORDER BY t.key, a.ordinal, s.order, s.key
