// One instrument (a law or higher rules) with every rules document that cites it: which
// governments follow it, and how (根据, 参照), citing the article.
// Browser: :param key => 'instrument:国务院工作规则'
MATCH (i:Instrument {key: $key})<-[r:BASED_ON]-(d:RuleDocument)<-[:HAS_RULES]-(j:Jurisdiction)
MATCH (a:Article {doc: d.key, number: r.article})
WITH i, j, d, r, a ORDER BY j.fullName, d.key, r.order
WITH i, collect({
  jurisdiction: j {.key, .name, .fullName, .nameEn, .level, .parent},
  document: d {.key, .title, .status, .jurisdiction, .sourceUrl},
  verb: r.verb, written: r.written,
  article: a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
              document: d {.key, .title, .status, .jurisdiction, .sourceUrl}},
  evidence: {start: r.start, end: r.end, text: r.evidence}
}) AS cited
RETURN {key: i.key, title: i.title, citedBy: cited} AS instrument
