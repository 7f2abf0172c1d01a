// Nodes per label and relationships per type of each document, for `govgraph stats`.
// Every node but a Jurisdiction, and every relationship but HAS_RULES, carries its document in `doc`.
MATCH (n) WHERE n.doc IS NOT NULL
RETURN n.doc AS doc, 'label' AS kind, labels(n)[0] AS name, count(*) AS count
UNION ALL
MATCH ()-[r]->() WHERE r.doc IS NOT NULL
RETURN r.doc AS doc, 'type' AS kind, type(r) AS name, count(*) AS count
