// Loads and deletes of one jurisdiction's versions run one after another: each transaction
// first writes to the Jurisdiction node (a no-op SET takes its write lock until commit), so
// the versions it derives see every committed version and no two transactions deadlock.
MATCH (j:Jurisdiction {key: $jurisdiction})
SET j.key = j.key
