// Who signs, approves, reviews or countersigns each kind of document in one district, and the article that says so.
// :param jurisdiction => '朝阳区'   (as people type it: 朝阳区, 北京市朝阳区, Chaoyang, or a key jur:北京市朝阳区)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument {current: true})
WHERE $jurisdiction IN [j.key, j.name, j.fullName, j.nameEn]
MATCH (t:DocumentType {doc: d.key})
MATCH p = (actor)-[:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(t)-[:STATED_IN]->(:Article)
OPTIONAL MATCH issued = (t)-[:ISSUED_AS]->()
RETURN p, issued
