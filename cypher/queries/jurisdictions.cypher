// Every jurisdiction with its rules documents (newest first).
// Browser: no parameters.
MATCH (j:Jurisdiction)
OPTIONAL MATCH (j)-[:HAS_RULES]->(d:RuleDocument)
WITH j, d ORDER BY d.issued DESC, d.adopted DESC
WITH j, collect(d {.key, .title, .docNumber, .issued, .adopted, .status, .current, .file,
                   .articleCount, .chapterCount, .warnings, .supersedesNumbers}) AS documents
RETURN j {.key, .name, .fullName, .nameEn, .level, .parent, documents: documents} AS jurisdiction
ORDER BY j.fullName
