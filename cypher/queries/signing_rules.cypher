// Every signing step of one rules document, whatever the issuer: who signs, approves, reviews or
// countersigns documents of each kind, with the article and clause that say so. The document type
// carries its keys (issuerKey, genreKeys, recipientKey) so that versions and peers can be matched.
// Browser: :param document => 'doc-0123456789abcdef'   (a RuleDocument key)
MATCH (d:RuleDocument {key: $document})
MATCH (t:DocumentType {doc: d.key})
MATCH (actor)-[s:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)
MATCH (a:Article {doc: d.key, number: s.article})
RETURN {
  role: {key: actor.kind, name: actor.name, nameEn: actor.nameEn, label: labels(actor)[0]},
  action: CASE type(s) WHEN 'SIGNS' THEN 'SIGN' WHEN 'APPROVES' THEN 'APPROVE'
                       WHEN 'REVIEWS' THEN 'REVIEW' ELSE 'COUNTERSIGN' END,
  condition: s.condition, verb: s.verb, delegated: s.delegated, order: s.order,
  documentType: {key: t.key, name: t.name, issuer: t.issuerName, genres: t.genreNames,
                 recipient: t.recipientName, direction: t.direction,
                 issuerKey: t.issuerKey, genreKeys: t.genres, recipientKey: t.recipientKey},
  article: a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
              document: d {.key, .title, .status, .jurisdiction, .sourceUrl}},
  evidence: {start: s.start, end: s.end, text: s.evidence}
} AS step
ORDER BY t.key, s.article, s.order, s.key
