// Batch upsert of nodes of one label. __LABEL__ is filled from schema.model.NODE_LABELS only.
UNWIND $rows AS row
MERGE (n:__LABEL__ {key: row.key})
SET n = row
