// Documents whose content is stored without their RuleDocument: left by a staged load or a delete
// that was interrupted, or being loaded right now (the sweep tells them apart by the claim).
// `IS NOT NULL` lets each label's `doc` index answer with its values (an index scan, no node reads).
CALL () {
  MATCH (n:Chapter) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
  UNION MATCH (n:Article) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
  UNION MATCH (n:Item) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
  UNION MATCH (n:Body) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
  UNION MATCH (n:Role) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
  UNION MATCH (n:Meeting) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
  UNION MATCH (n:DocumentType) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
  UNION MATCH (n:Obligation) WHERE n.doc IS NOT NULL RETURN n.doc AS doc
}
WITH doc WHERE NOT EXISTS { MATCH (:RuleDocument {key: doc}) }
RETURN doc
