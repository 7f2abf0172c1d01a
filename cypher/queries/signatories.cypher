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
MATCH (a:Article {doc: d.key, number: s.article})
RETURN {
  role: {key: actor.kind, name: actor.name, nameEn: actor.nameEn, label: labels(actor)[0]},
  action: CASE type(s) WHEN 'SIGNS' THEN 'SIGN' WHEN 'APPROVES' THEN 'APPROVE'
                       WHEN 'REVIEWS' THEN 'REVIEW' ELSE 'COUNTERSIGN' END,
  condition: s.condition, verb: s.verb, delegated: s.delegated, order: s.order,
  documentType: {key: t.key, name: t.name, issuer: t.issuerName, genres: t.genreNames,
                 recipient: t.recipientName, direction: t.direction},
  article: {key: a.key, number: a.number, ordinal: a.ordinal, label: a.label, text: a.cleanText, rawText: a.text,
            start: a.start, end: a.end,
            document: {key: d.key, title: d.title, status: d.status, jurisdiction: d.jurisdiction, sourceUrl: d.sourceUrl}},
  evidence: {start: s.start, end: s.end, text: s.evidence}
} AS step
ORDER BY t.key, s.article, s.order, s.key
