// Every node with its label and properties, for `govgraph export` (one read of the whole graph).
MATCH (n)
RETURN labels(n)[0] AS label, properties(n) AS props
