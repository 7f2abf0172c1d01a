// Every node of one stored document (its RuleDocument and content, not its Jurisdiction), to
// compare with a new load of the same document. Each label is matched on its own so the per-label
// `doc` indexes serve the lookup.
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
RETURN elementId(n) AS id, labels(n)[0] AS label, properties(n) AS props
