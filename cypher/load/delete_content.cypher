// Up to $limit content nodes of one document (all its nodes but the RuleDocument) with their
// relationships: a large document is deleted in several transactions of bounded size.
// Each label is matched on its own so the per-label `doc` indexes serve the lookup.
CALL () {
  MATCH (n:Item {doc: $doc}) RETURN n
  UNION MATCH (n:Obligation {doc: $doc}) RETURN n
  UNION MATCH (n:Article {doc: $doc}) RETURN n
  UNION MATCH (n:Chapter {doc: $doc}) RETURN n
  UNION MATCH (n:DocumentType {doc: $doc}) RETURN n
  UNION MATCH (n:Meeting {doc: $doc}) RETURN n
  UNION MATCH (n:Role {doc: $doc}) RETURN n
  UNION MATCH (n:Body {doc: $doc}) RETURN n
}
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
