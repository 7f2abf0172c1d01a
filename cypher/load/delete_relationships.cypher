// Relationships a new load of their document no longer has (element ids read in the same transaction).
UNWIND $ids AS id
MATCH ()-[r]->() WHERE elementId(r) = id
DELETE r
