// Remove one document and every node that belongs to it (all but its Jurisdiction).
// Each label is matched on its own so the per-label `doc` indexes serve the lookup.
CALL () { MATCH (n:Item {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:Article {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:Chapter {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:DocumentType {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:Obligation {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:Meeting {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:Role {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:Body {doc: $doc}) DETACH DELETE n }
CALL () { MATCH (n:RuleDocument {key: $doc}) DETACH DELETE n }
