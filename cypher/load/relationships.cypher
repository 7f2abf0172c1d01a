// Batch upsert of relationships of one type between two labels (allow-listed in schema.model).
UNWIND $rows AS row
MATCH (a:__START__ {key: row.start})
MATCH (b:__END__ {key: row.end})
MERGE (a)-[r:__TYPE__ {key: row.key}]->(b)
SET r = row.props
