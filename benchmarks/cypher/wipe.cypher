// Empty the benchmark database between loaders, in batches so a large graph fits the heap.
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
