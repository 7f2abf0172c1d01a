// load/document_has_content for several documents at once: those of $docs whose content nodes
// (any node but the RuleDocument) are stored, left by an interrupted load or delete.
UNWIND $docs AS doc
WITH doc
WHERE EXISTS { MATCH (n:Item {doc: doc}) }
   OR EXISTS { MATCH (n:Obligation {doc: doc}) }
   OR EXISTS { MATCH (n:Article {doc: doc}) }
   OR EXISTS { MATCH (n:Chapter {doc: doc}) }
   OR EXISTS { MATCH (n:DocumentType {doc: doc}) }
   OR EXISTS { MATCH (n:Meeting {doc: doc}) }
   OR EXISTS { MATCH (n:Role {doc: doc}) }
   OR EXISTS { MATCH (n:Body {doc: doc}) }
RETURN doc
