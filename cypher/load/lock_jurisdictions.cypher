// load/lock_jurisdiction and the Jurisdiction upsert of a batch of loads in one statement, row by
// row in the order of $rows (sorted by key, so concurrent writers take the locks in one order and
// cannot deadlock): `props` is the jurisdiction a loaded graph carries (upserted, as
// load/nodes.cypher does), or null for one a reloaded document was stored under (locked only).
UNWIND $rows AS row
CALL (row) {
  WITH row WHERE row.props IS NOT NULL
  MERGE (j:Jurisdiction {key: row.key})
  SET j = row.props
}
CALL (row) {
  WITH row WHERE row.props IS NULL
  MATCH (j:Jurisdiction {key: row.key})
  SET j.key = j.key
}
