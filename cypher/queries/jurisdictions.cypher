// Every jurisdiction with its rules documents (newest first, as the documents query), each with
// the keys of the versions it supersedes and is superseded by.
// Browser: no parameters.
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument)
WITH j, d ORDER BY coalesce(d.issued, d.adopted, '') DESC, d.key DESC
WITH j, collect([d,
                 COLLECT { MATCH (d)-[:SUPERSEDES]->(old:RuleDocument) RETURN old.key ORDER BY old.key },
                 COLLECT { MATCH (new:RuleDocument)-[:SUPERSEDES]->(d) RETURN new.key ORDER BY new.key }]) AS documents
RETURN j, documents
ORDER BY j.fullName
