// Who must report to whom, about what, with the article and clause that say so.
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param source => null                  (vocabulary key of the one who reports; null = any)
//          :param target => null                  (vocabulary key of the one reported to; null = any)
//          :param document => null                (a RuleDocument key; null = the current document)
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (x)-[r:REPORTS_TO {doc: d.key}]->(y)
WHERE ($source IS NULL OR x.kind = $source) AND ($target IS NULL OR y.kind = $target)
MATCH (a:Article {doc: d.key, number: r.article})
RETURN {
  from: {key: x.kind, name: x.name, nameEn: x.nameEn, label: labels(x)[0]},
  to: {key: y.kind, name: y.name, nameEn: y.nameEn, label: labels(y)[0]},
  matter: r.matter,
  kind: r.kind,
  steps: [i IN range(0, size(coalesce(r.stepOrders, [])) - 1) | {
    order: r.stepOrders[i], action: r.stepActions[i],
    actor: {key: r.stepActors[i], name: r.stepNames[i],
            nameEn: CASE r.stepNamesEn[i] WHEN '' THEN null ELSE r.stepNamesEn[i] END, label: r.stepLabels[i]}
  }],
  article: a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
              document: d {.key, .title, .status, .jurisdiction, .sourceUrl}},
  evidence: {start: r.start, end: r.end, text: r.evidence}
} AS line
ORDER BY r.article, r.start, r.key
