// Relationships per type.
// Browser: no parameters.
MATCH ()-[r]->()
WITH type(r) AS name, count(*) AS count
RETURN {name: name, count: count} AS row
