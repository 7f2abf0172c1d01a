// Who must report to whom, about what, with the article and clause that say so.
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param source => null                  (vocabulary key of the one who reports; null = any)
//          :param target => null                  (vocabulary key of the one reported to; null = any)
//          :param document => null                (a RuleDocument key; null = the current document)
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (x)-[r:REPORTS_TO {doc: d.key}]->(y)
WHERE ($source IS NULL OR x.kind = $source) AND ($target IS NULL OR y.kind = $target)
MATCH (a:Article {key: r.articleKey})
RETURN x, r, y, a, d
ORDER BY a.ordinal, r.start, r.key
