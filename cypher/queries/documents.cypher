// Rules documents (every version), newest first, with their place in the version chain.
// Browser: :param jurisdiction => null   (a key from the jurisdictions query; null = all)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument)
WHERE $jurisdiction IS NULL OR j.key = $jurisdiction
RETURN d,
       COLLECT { MATCH (d)-[:SUPERSEDES]->(old:RuleDocument) RETURN old.key ORDER BY old.key } AS supersedes,
       COLLECT { MATCH (new:RuleDocument)-[:SUPERSEDES]->(d) RETURN new.key ORDER BY new.key } AS supersededBy
ORDER BY coalesce(d.issued, d.adopted, '') DESC, d.key DESC
