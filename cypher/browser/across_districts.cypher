// The same question in every district at once: who signs documents issued in one body's name, under each district's current rules.
// :param issuer => 'government_office'   (vocabulary key, or the name at the district's level: 区政府办公室)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument {current: true})
MATCH (t:DocumentType {doc: d.key})
WHERE $issuer IN [t.issuerKey, t.issuerName]
MATCH p = (j)-[:HAS_RULES]->(d)-[:HAS_ARTICLE]->(:Article)<-[:STATED_IN]-(t)<-[:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS]-()
RETURN p
