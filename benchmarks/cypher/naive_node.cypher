// The naive loader's statement: one node per statement, autocommitted.
// __LABEL__ is filled from schema.model.NODE_LABELS only (benchmarks/naive_loader.py).
MERGE (n:__LABEL__ {key: $key})
SET n = $props
