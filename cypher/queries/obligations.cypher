// Obligations (who must / must not / may do what, by when) in document order, one page of them
// with the total, so a client can page without a second query.
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
RETURN {
  total: size(matched),
  rows: [o IN matched[$skip..$skip + $limit] | o {
    .key, .modality, .trigger, .action, .condition,
    bearer: head([(b)-[:BEARS]->(o) | {key: b.kind, name: b.name, nameEn: b.nameEn, label: labels(b)[0]}]),
    counterparty: head([(o)-[:OWED_TO]->(c) | {key: c.kind, name: c.name, nameEn: c.nameEn, label: labels(c)[0]}]),
    deadline: CASE WHEN o.hasDeadline
              THEN {amount: o.deadlineAmount, unit: o.deadlineUnit, text: o.deadlineText, kind: o.deadlineKind,
                    max: o.deadlineMax, per: o.deadlinePer}
              ELSE null END,
    article: head([(o)-[:STATED_IN]->(a:Article) |
                   a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
                      document: d {.key, .title, .status, .jurisdiction, .sourceUrl}}]),
    evidence: {start: o.start, end: o.end, text: o.evidence}
  }]
} AS page
