// Rules documents (every version), newest first, with their place in the version chain.
// Browser: :param jurisdiction => null   (a key from the jurisdictions query; null = all)
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument)
WHERE $jurisdiction IS NULL OR j.key = $jurisdiction
RETURN d {
  .key, .title, .status, .publishedStatus, .current, .docNumber, .issued, .adopted, .published, .sourceUrl,
  .jurisdiction,
  .file, .articleCount, .chapterCount, .warnings, .supersedesNumbers,
  supersedes: COLLECT { MATCH (d)-[:SUPERSEDES]->(old:RuleDocument) RETURN old.key ORDER BY old.key },
  supersededBy: COLLECT { MATCH (new:RuleDocument)-[:SUPERSEDES]->(d) RETURN new.key ORDER BY new.key }
} AS document
ORDER BY coalesce(d.issued, d.adopted, '') DESC, d.key DESC
