// Every jurisdiction with its rules documents (newest first, as the documents query).
// Browser: no parameters.
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument)
WITH j, d ORDER BY coalesce(d.issued, d.adopted, '') DESC, d.key DESC
WITH j, collect(d {.key, .title, .docNumber, .issued, .adopted, .published, .sourceUrl, .status, .current, .file,
                   .articleCount, .chapterCount, .warnings, .supersedesNumbers}) AS documents
RETURN j {.key, .name, .fullName, .nameEn, .level, .parent, documents: documents} AS jurisdiction
ORDER BY j.fullName
