// The instruments a rules document is based on (根据/参照《…》), in the order it names them.
// Browser: :param document => 'doc-0123456789abcdef'   (a RuleDocument key)
MATCH (d:RuleDocument {key: $document})-[r:BASED_ON]->(i:Instrument)
MATCH (a:Article {key: r.articleKey})
RETURN r, i, a, d
ORDER BY r.order, r.key
