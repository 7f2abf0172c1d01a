// Who signs, approves, reviews or countersigns documents of a kind, with the article that says so.
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param issuer => 'government_office'
//          :param genre => null
//          :param recipient => null
//          :param document => null
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (t:DocumentType {doc: d.key, issuerKey: $issuer})
WHERE ($genre IS NULL OR $genre IN t.genres OR size(t.genres) = 0)
  AND ($recipient IS NULL OR t.recipientKey = $recipient)
MATCH (actor)-[s:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)
MATCH (a:Article {key: s.articleKey})
RETURN actor, s, t, a, d
ORDER BY t.key, a.ordinal, s.order, s.key
