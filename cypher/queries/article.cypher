// One provision and every fact it supports: each relationship that cites it (articleKey)
// (signing steps, meeting participants, reporting lines, obligations and what states them),
// each [from, relationship, to].
// The article is asked by ordinal (its position, unique) and/or by number (as printed, which a
// chapter that restarts the numbering shares with other articles): `ordinals` lists every
// article that matched, so that the store refuses a printed number that names several.
// Facts start at an entity, a document type or an obligation of the document, so those
// nodes are found through their per-label `doc` indexes and their edges filtered by article key.
// Browser: :param document => 'doc-0123456789abcdef'   (a RuleDocument key)
//          :param number => 5                        (the number printed on the article, or null)
//          :param ordinal => null                    (its position in the document, 1..N, or null)
MATCH (d:RuleDocument {key: $document})-[:HAS_ARTICLE]->(a:Article)
WHERE ($ordinal IS NULL OR a.ordinal = $ordinal) AND ($number IS NULL OR a.number = $number)
WITH d, a ORDER BY a.ordinal
WITH d, collect(a) AS found
WHERE size(found) > 0
WITH d, found, found[0] AS a
RETURN a, d, [f IN found | f.ordinal] AS ordinals, COLLECT {
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
  WHERE r.articleKey = a.key
  RETURN [x, r, y] ORDER BY r.start, r.end, type(r), r.key
} AS facts
