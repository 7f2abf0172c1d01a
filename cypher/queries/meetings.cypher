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
    OPTIONAL MATCH (a:Article {key: r.articleKey})
    RETURN [x, r, a] ORDER BY r.order, x.key, r.key
  } AS participants,
  COLLECT { MATCH (fa:Article {key: m.frequencyArticleKey}) RETURN fa }[0] AS frequencyArticle,
  COLLECT { MATCH (qa:Article {key: m.quorumArticleKey}) RETURN qa }[0] AS quorumArticle,
  COLLECT {
    MATCH (t:DocumentType)-[:ISSUED_AS]->(m)
    WHERE 'minutes' IN t.genres
    MATCH (actor)-[s:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)
    MATCH (a:Article {key: s.articleKey})
    RETURN [actor, s, t, a] ORDER BY t.key, a.ordinal, s.order, s.key
  } AS minutesSigners,
  COLLECT {
    UNWIND coalesce(m.articleKeys, []) AS articleKey
    MATCH (a:Article {key: articleKey})
    RETURN a ORDER BY a.ordinal
  } AS articles
// Document order: the meeting's first article; meetings only named (no facts of their own) last.
ORDER BY articles[0].ordinal, m.key
