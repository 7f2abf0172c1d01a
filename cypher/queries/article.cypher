// One provision and every fact it supports: each relationship whose evidence lies in it
// (signing steps, meeting participants, reporting lines, obligations and what states them),
// each [from, relationship, to].
// Facts start at an entity, a document type or an obligation of the document, so those
// nodes are found through their per-label `doc` indexes and their edges filtered by article.
// Browser: :param document => 'doc-0123456789abcdef'   (a RuleDocument key)
//          :param number => 5                        (ordinal number of the article, 1..N)
MATCH (d:RuleDocument {key: $document})-[:HAS_ARTICLE]->(a:Article {number: $number})
RETURN a, d, COLLECT {
  CALL (d) {
    MATCH (x:Role {doc: d.key}) RETURN x
    UNION
    MATCH (x:Body {doc: d.key}) RETURN x
    UNION
    MATCH (x:Meeting {doc: d.key}) RETURN x
    UNION
    MATCH (x:DocumentType {doc: d.key}) RETURN x
    UNION
    MATCH (x:Obligation {doc: d.key}) RETURN x
  }
  MATCH (x)-[r]->(y)
  WHERE r.article = $number
  RETURN [x, r, y] ORDER BY r.start, r.end, type(r), r.key
} AS facts
