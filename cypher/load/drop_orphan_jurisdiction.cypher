// A jurisdiction exists while it has a rules document: drop each of $jurisdictions with its last one.
UNWIND $jurisdictions AS key
MATCH (j:Jurisdiction {key: key})
WHERE NOT (j)-[:HAS_RULES]->()
DETACH DELETE j
