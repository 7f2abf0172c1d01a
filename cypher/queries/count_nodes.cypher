// Nodes per label (each node has exactly one label in this model).
// Browser: no parameters.
MATCH (n)
RETURN labels(n)[0] AS name, count(*) AS count
