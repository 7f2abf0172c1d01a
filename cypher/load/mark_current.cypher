// The newest rules document of a jurisdiction is the current one (dates, then key, break ties).
MATCH (:Jurisdiction {key: $jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
WITH d ORDER BY coalesce(d.issued, d.adopted, '') DESC, d.key DESC
WITH collect(d) AS docs
UNWIND range(0, size(docs) - 1) AS i
WITH docs[i] AS d, i
SET d.current = (i = 0)
