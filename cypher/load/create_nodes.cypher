// Batch insert of nodes of one label that a first load of their document writes: the document is
// not stored and none of its content is (checked in the same transaction, which holds its claim),
// so no node of these keys can exist and the MERGE lookup is skipped; the key constraint still
// refuses a duplicate. __LABEL__ is filled from schema.model.NODE_LABELS only.
UNWIND $rows AS row
CREATE (n:__LABEL__)
SET n = row
