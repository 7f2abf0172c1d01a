// One issuer's signing rules side by side: every jurisdiction's current document, with its steps
// (an empty list when the document has no rule for that issuer).
// Browser: :param issuer => 'government_office'   (vocabulary key of the name documents go out under)
//          :param genre => null                  (a genre key such as 'request'; null = any)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument)
WHERE d.current
RETURN {
  jurisdiction: j {.key, .name, .fullName, .nameEn, .level, .parent},
  document: d {.key, .title, .status, .jurisdiction, .sourceUrl},
  steps: COLLECT {
    MATCH (t:DocumentType {doc: d.key, issuerKey: $issuer})
    WHERE $genre IS NULL OR $genre IN t.genres OR size(t.genres) = 0
    MATCH (actor)-[s:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)
    MATCH (a:Article {doc: d.key, number: s.article})
    RETURN {
      role: {key: actor.kind, name: actor.name, nameEn: actor.nameEn, label: labels(actor)[0]},
      action: CASE type(s) WHEN 'SIGNS' THEN 'SIGN' WHEN 'APPROVES' THEN 'APPROVE'
                           WHEN 'REVIEWS' THEN 'REVIEW' ELSE 'COUNTERSIGN' END,
      condition: s.condition, verb: s.verb, delegated: s.delegated, order: s.order,
      documentType: {key: t.key, name: t.name, issuer: t.issuerName, genres: t.genreNames,
                     recipient: t.recipientName, direction: t.direction},
      article: a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
                  document: d {.key, .title, .status, .jurisdiction, .sourceUrl}},
      evidence: {start: s.start, end: s.end, text: s.evidence}
    } ORDER BY t.key, s.article, s.order, s.key
  }
} AS row
ORDER BY j.fullName
