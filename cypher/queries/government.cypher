// What a government is made of: its members, head, who acts for and assists the head, under
// whose leadership it works and to whom it answers (each [from, relationship, to, article]),
// and the article that states its work principles. Mirrors stores/memory_government.py.
// Browser: :param jurisdiction => 'jur:北京市朝阳区'   (a key from the jurisdictions query)
//          :param document => null                (a RuleDocument key; null = the current document)
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WHERE ($document IS NULL AND d.current) OR d.key = $document
MATCH (g:Body {doc: d.key})
WHERE g.government = true
WITH d, g ORDER BY g.key LIMIT 1
RETURN g, d,
  COLLECT {
    MATCH (x)-[r:IN_GOVERNMENT|HEADS|DEPUTIZES_FOR|ASSISTS|LEADS|ACCOUNTABLE_TO {doc: d.key}]->(y)
    MATCH (a:Article {key: r.articleKey})
    RETURN [x, r, y, a] ORDER BY a.ordinal, r.start, r.order, r.key
  } AS links,
  COLLECT { MATCH (pa:Article {key: g.principlesArticleKey}) RETURN pa }[0] AS principlesArticle
