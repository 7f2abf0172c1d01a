// The naive loader's statement: one relationship per statement, autocommitted.
// __TYPE__/__START__/__END__ are filled from schema.model.RELATIONSHIP_TYPES only.
MATCH (a:__START__ {key: $start})
MATCH (b:__END__ {key: $end})
MERGE (a)-[r:__TYPE__ {key: $key}]->(b)
SET r = $props
