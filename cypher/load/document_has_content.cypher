// Whether a content node of one document is stored (all its nodes but the RuleDocument): before a
// document that is not stored is loaded, what an interrupted load or delete of it left is swept.
RETURN EXISTS { MATCH (n:Item {doc: $doc}) }
    OR EXISTS { MATCH (n:Obligation {doc: $doc}) }
    OR EXISTS { MATCH (n:Article {doc: $doc}) }
    OR EXISTS { MATCH (n:Chapter {doc: $doc}) }
    OR EXISTS { MATCH (n:DocumentType {doc: $doc}) }
    OR EXISTS { MATCH (n:Meeting {doc: $doc}) }
    OR EXISTS { MATCH (n:Role {doc: $doc}) }
    OR EXISTS { MATCH (n:Body {doc: $doc}) } AS found
