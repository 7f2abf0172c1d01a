// Everything about one meeting of one district: who sits on, convenes, chairs and attends it, who signs its minutes, what is reported to it, the articles that state it.
// :param jurisdiction => '朝阳区'
// :param meeting => '区政府常务会议'   (its name, English name, or vocabulary key such as executive)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument {current: true})
WHERE $jurisdiction IN [j.key, j.name, j.fullName, j.nameEn]
MATCH (m:Meeting {doc: d.key})
WHERE $meeting IN [m.kind, m.name, m.nameEn, m.key]
CALL (m) {
  MATCH p = (m)
  RETURN p
  UNION
  MATCH p = (m)-[]-()
  RETURN p
  UNION
  MATCH p = (:Role|Body)-[:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]->(:DocumentType)-[:ISSUED_AS]->(m)
  RETURN p
}
RETURN p
