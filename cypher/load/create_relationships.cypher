// Batch insert of relationships of one type between two labels (allow-listed in schema.model) of
// a first load, each touching a node that load creates: no such relationship can exist yet, so
// the MERGE scan of the start node's relationships is skipped. `props` holds the key.
UNWIND $rows AS row
MATCH (a:__START__ {key: row.start})
MATCH (b:__END__ {key: row.end})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props
