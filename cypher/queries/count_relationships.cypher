// Relationships per type.
// Browser: no parameters.
MATCH ()-[r]->()
RETURN type(r) AS name, count(*) AS count
