// Obligations (who must / must not / may do what, by when) in document order, one page of them
// with the total, so a client can page without a second query. Each row is
// [obligation, bearer, counterparty, article] (bearer and counterparty may be null).
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param bearer => null                  (vocabulary key of the bearer; null = any)
//          :param modality => null                ('MUST', 'MUST_NOT', 'MAY' or null)
//          :param withDeadline => null            (true, false or null)
//          :param document => null                (a RuleDocument key; null = the current document)
//          :param skip => 0
//          :param limit => 20
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (o:Obligation {doc: d.key})
WHERE ($bearer IS NULL OR o.bearerKey = $bearer)
  AND ($modality IS NULL OR o.modality = $modality)
  AND ($withDeadline IS NULL OR o.hasDeadline = $withDeadline)
WITH d, o ORDER BY o.start, o.key
WITH d, collect(o) AS matched
RETURN d, size(matched) AS total,
       [o IN matched[$skip..$skip + $limit] | [o, head([(b)-[:BEARS]->(o) | b]), head([(o)-[:OWED_TO]->(c) | c]),
                                              head([(o)-[:STATED_IN]->(a:Article) | a])]] AS rows
