// Every relationship that touches one stored document (its HAS_RULES included), to compare with a
// new load of the same document; SUPERSEDES is derived by versions.cypher, not loaded.
CALL () {
  MATCH (n:RuleDocument {key: $doc}) RETURN n
  UNION MATCH (n:Chapter {doc: $doc}) RETURN n
  UNION MATCH (n:Article {doc: $doc}) RETURN n
  UNION MATCH (n:Item {doc: $doc}) RETURN n
  UNION MATCH (n:Body {doc: $doc}) RETURN n
  UNION MATCH (n:Role {doc: $doc}) RETURN n
  UNION MATCH (n:Meeting {doc: $doc}) RETURN n
  UNION MATCH (n:DocumentType {doc: $doc}) RETURN n
  UNION MATCH (n:Obligation {doc: $doc}) RETURN n
}
MATCH (n)-[r]-()
WHERE NOT r:SUPERSEDES
WITH DISTINCT r
RETURN elementId(r) AS id, type(r) AS type, startNode(r).key AS start, endNode(r).key AS end,
       properties(r) AS props
