// Who must report to whom in one district, on what matter (the relationship's matter), citing the article.
// :param jurisdiction => '朝阳区'
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument {current: true})
WHERE $jurisdiction IN [j.key, j.name, j.fullName, j.nameEn]
MATCH p = (x)-[r:REPORTS_TO {doc: d.key}]->(y)
RETURN p, r.matter AS matter, r.article AS article, r.evidence AS evidence
ORDER BY r.article, r.start
