// The instruments a rules document is based on (根据/参照《…》), in the order it names them.
// Browser: :param document => 'doc-0123456789abcdef'   (a RuleDocument key)
MATCH (d:RuleDocument {key: $document})-[r:BASED_ON]->(i:Instrument)
MATCH (a:Article {doc: d.key, number: r.article})
RETURN {
  instrument: {key: i.key, title: i.title},
  verb: r.verb, written: r.written, order: r.order,
  article: a {.key, .number, .ordinal, .label, text: a.cleanText, rawText: a.text, .start, .end,
              document: d {.key, .title, .status, .jurisdiction, .sourceUrl}},
  evidence: {start: r.start, end: r.end, text: r.evidence}
} AS citation
ORDER BY r.order, r.key
