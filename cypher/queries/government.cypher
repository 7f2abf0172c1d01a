// What a government is made of: its members, head, who acts for and assists the head, under
// whose leadership it works and to whom it answers (each with its article and clause), and the
// clause that states its work principles. Mirrors stores/memory_government.py.
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param document => null                (a RuleDocument key; null = the current document)
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (g:Body {doc: d.key})
WHERE g.government = true
WITH d, g ORDER BY g.key LIMIT 1
RETURN {
  body: {key: g.kind, name: g.name, nameEn: g.nameEn, label: 'Body'},
  links: COLLECT {
    MATCH (x)-[r:IN_GOVERNMENT|HEADS|DEPUTIZES_FOR|ASSISTS|LEADS|ACCOUNTABLE_TO {doc: d.key}]->(y)
    MATCH (a:Article {doc: d.key, number: r.article})
    WITH r, a, CASE WHEN type(r) = 'ACCOUNTABLE_TO' THEN [y, x] ELSE [x, y] END AS ends
    WITH r, a, ends[0] AS who, ends[1] AS of
    RETURN {
      relation: r.relation,
      who: {key: who.kind, name: who.name, nameEn: who.nameEn, label: labels(who)[0]},
      of: {key: of.kind, name: of.name, nameEn: of.nameEn, label: labels(of)[0]},
      cue: r.cue, condition: r.condition,
      article: a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
                  document: d {.key, .title, .status, .jurisdiction, .sourceUrl}},
      evidence: {start: r.start, end: r.end, text: r.evidence}
    } ORDER BY r.article, r.start, r.order, r.key
  },
  principles: CASE WHEN g.principlesArticle IS NULL THEN null ELSE {
    article: COLLECT {
      MATCH (pa:Article {doc: d.key, number: g.principlesArticle})
      RETURN pa {.key, .number, .ordinal, .label, text: pa.cleanText, rawText: pa.text, .start, .end,
                 document: d {.key, .title, .status, .jurisdiction, .sourceUrl}}
    }[0],
    evidence: {start: g.principlesStart, end: g.principlesEnd, text: g.principlesEvidence}
  } END
} AS government
