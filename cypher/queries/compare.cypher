// One issuer's signing rules side by side: every jurisdiction's current document, with its steps
// (an empty list when the document has no rule for that issuer), each step [actor, step, type, article].
// Browser: :param issuer => 'government_office'   (vocabulary key of the name documents go out under)
//          :param genre => null                  (a genre key such as 'request'; null = any)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument)
WHERE d.current
RETURN j, d, COLLECT {
  MATCH (t:DocumentType {doc: d.key, issuerKey: $issuer})
  WHERE $genre IS NULL OR $genre IN t.genres OR size(t.genres) = 0
  MATCH (actor)-[s:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)
  MATCH (a:Article {key: s.articleKey})
  RETURN [actor, s, t, a] ORDER BY t.key, a.ordinal, s.order, s.key
} AS steps
ORDER BY j.fullName
