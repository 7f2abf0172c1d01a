// A jurisdiction exists while it has a rules document: drop it with its last one.
MATCH (j:Jurisdiction {key: $jurisdiction})
WHERE NOT (j)-[:HAS_RULES]->()
DETACH DELETE j
