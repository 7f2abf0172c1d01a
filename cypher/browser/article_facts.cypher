// One article of a district's current rules with every fact it supports: the rules, meetings and obligations it states, and each edge that cites it (by article key: printed numbers may repeat).
// :param jurisdiction => '朝阳区'
// :param article => 5   (the article's ordinal: its position in the document, 1..N)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument {current: true})
WHERE $jurisdiction IN [j.key, j.name, j.fullName, j.nameEn]
MATCH (a:Article {doc: d.key, ordinal: $article})
CALL (a, d) {
  MATCH p = (d)-[:HAS_ARTICLE]->(a)
  RETURN p
  UNION
  MATCH p = (a)<-[:STATED_IN]-()
  RETURN p
  UNION
  MATCH p = (x:Role|Body|Meeting|DocumentType|Obligation {doc: d.key})-[r]->()
  WHERE r.articleKey = a.key AND NOT r:STATED_IN
  RETURN p
}
RETURN p
