// Nodes a new load of their document no longer has (element ids read in the same transaction),
// with their relationships.
UNWIND $ids AS id
MATCH (n) WHERE elementId(n) = id
DETACH DELETE n
