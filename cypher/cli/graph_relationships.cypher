// Every relationship with its type, end points (by key) and properties, for `govgraph export`.
MATCH (a)-[r]->(b)
RETURN type(r) AS type, a.key AS start, b.key AS end, properties(r) AS props
