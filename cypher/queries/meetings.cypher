// The meetings a rules document establishes: frequency, quorum, who is a member, convenes,
// chairs and attends (each [who, relationship, article]; the article may be null), the articles
// that state the frequency and the quorum, who signs its minutes (each [actor, step, type,
// article]) and the articles about it.
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param meeting => null                 (a vocabulary key such as 'executive_meeting'; null = all)
//          :param document => null                (a RuleDocument key; null = the current document)
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (m:Meeting {doc: d.key})
WHERE $meeting IS NULL OR m.kind = $meeting
RETURN m, d,
  COLLECT {
    MATCH (x)-[r:MEMBER_OF|CONVENES|CHAIRS|ATTENDS]->(m)
    OPTIONAL MATCH (a:Article {doc: d.key, number: r.article})
    RETURN [x, r, a] ORDER BY r.order, x.key, r.key
  } AS participants,
  COLLECT { MATCH (fa:Article {doc: d.key, number: m.frequencyArticle}) RETURN fa }[0] AS frequencyArticle,
  COLLECT { MATCH (qa:Article {doc: d.key, number: m.quorumArticle}) RETURN qa }[0] AS quorumArticle,
  COLLECT {
    MATCH (t:DocumentType)-[:ISSUED_AS]->(m)
    WHERE 'minutes' IN t.genres
    MATCH (actor)-[s:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)
    MATCH (a:Article {doc: d.key, number: s.article})
    RETURN [actor, s, t, a] ORDER BY t.key, s.article, s.order, s.key
  } AS minutesSigners,
  COLLECT {
    UNWIND coalesce(m.articles, []) AS number
    MATCH (a:Article {doc: d.key, number: number})
    RETURN a ORDER BY a.ordinal
  } AS articles
// Document order: the meeting's first article; meetings only named (no facts of their own) last.
ORDER BY m.articles[0], m.key
