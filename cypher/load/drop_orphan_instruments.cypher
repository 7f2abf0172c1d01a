// An instrument exists while a rules document cites it: after a load or delete, drop those no
// document cites any more (a reload that no longer names one, or its last citing document gone).
MATCH (i:Instrument)
WHERE NOT EXISTS { MATCH (:RuleDocument)-[:BASED_ON]->(i) }
DETACH DELETE i
