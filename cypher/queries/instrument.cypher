// One instrument (a law or higher rules) with every rules document that cites it: which
// governments follow it, and how (根据, 参照), citing the article; each [jurisdiction, document,
// citation, article].
// Browser: :param key => 'instrument:国务院工作规则'
MATCH (i:Instrument {key: $key})<-[r:BASED_ON]-(d:RuleDocument)<-[:HAS_RULES]-(j:Jurisdiction)
MATCH (a:Article {key: r.articleKey})
WITH i, j, d, r, a ORDER BY j.fullName, d.key, r.order
RETURN i, collect([j, d, r, a]) AS citedBy
