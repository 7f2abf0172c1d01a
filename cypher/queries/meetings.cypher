// The meetings a rules document establishes: frequency, quorum, who is a member, convenes,
// chairs and attends (each with the article and clause that say so), and who signs its minutes.
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param meeting => null                 (a vocabulary key such as 'executive_meeting'; null = all)
//          :param document => null                (a RuleDocument key; null = the current document)
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (m:Meeting {doc: d.key})
WHERE $meeting IS NULL OR m.kind = $meeting
WITH d, m, COLLECT {
  MATCH (x)-[r:MEMBER_OF|CONVENES|CHAIRS|ATTENDS]->(m)
  OPTIONAL MATCH (a:Article {doc: d.key, number: r.article})
  RETURN {slot: type(r), row: {
    entity: {key: x.kind, name: x.name, nameEn: x.nameEn, label: labels(x)[0]},
    mandatory: r.mandatory, delegated: r.delegated, condition: r.condition,
    article: a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
                document: d {.key, .title, .status, .jurisdiction, .sourceUrl}},
    evidence: CASE WHEN r.start IS NULL THEN null ELSE {start: r.start, end: r.end, text: r.evidence} END
  }} ORDER BY r.order, x.key, r.key
} AS participants
RETURN m {
  .key, .kind, .name, .nameEn,
  frequency: CASE WHEN m.frequencyText IS NULL THEN null
             ELSE {text: m.frequencyText, period: m.period, times: m.times, timesMax: m.timesMax,
                   article: COLLECT {
                     MATCH (fa:Article {doc: d.key, number: m.frequencyArticle})
                     RETURN fa {.key, .number, .ordinal, .label, text: fa.cleanText, rawText: fa.text, .start, .end,
                                document: d {.key, .title, .status, .jurisdiction, .sourceUrl}}
                   }[0],
                   evidence: CASE WHEN m.frequencyStart IS NULL THEN null
                             ELSE {start: m.frequencyStart, end: m.frequencyEnd, text: m.frequencyEvidence} END} END,
  .quorum,
  quorumSource: CASE WHEN m.quorum IS NULL THEN null
                ELSE {article: COLLECT {
                        MATCH (qa:Article {doc: d.key, number: m.quorumArticle})
                        RETURN qa {.key, .number, .ordinal, .label, text: qa.cleanText, rawText: qa.text, .start, .end,
                                   document: d {.key, .title, .status, .jurisdiction, .sourceUrl}}
                      }[0],
                      evidence: CASE WHEN m.quorumStart IS NULL THEN null
                                ELSE {start: m.quorumStart, end: m.quorumEnd, text: m.quorumEvidence} END} END,
  members: [p IN participants WHERE p.slot = 'MEMBER_OF' | p.row],
  conveners: [p IN participants WHERE p.slot = 'CONVENES' | p.row],
  chairs: [p IN participants WHERE p.slot = 'CHAIRS' | p.row],
  attendees: [p IN participants WHERE p.slot = 'ATTENDS' | p.row],
  minutesSigners: COLLECT {
    MATCH (t:DocumentType)-[:ISSUED_AS]->(m)
    WHERE 'minutes' IN t.genres
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
  },
  articles: COLLECT {
    UNWIND coalesce(m.articles, []) AS number
    MATCH (a:Article {doc: d.key, number: number})
    RETURN a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
              document: d {.key, .title, .status, .jurisdiction, .sourceUrl}} ORDER BY a.ordinal
  }
} AS meeting
// Document order: the meeting's first article; meetings only named (no facts of their own) last.
ORDER BY m.articles[0], m.key
