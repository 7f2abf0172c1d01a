// Constraints and indexes, applied idempotently at start-up (IF NOT EXISTS).
CREATE CONSTRAINT jurisdiction_key IF NOT EXISTS FOR (n:Jurisdiction) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT ruledocument_key IF NOT EXISTS FOR (n:RuleDocument) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT chapter_key IF NOT EXISTS FOR (n:Chapter) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT article_key IF NOT EXISTS FOR (n:Article) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT item_key IF NOT EXISTS FOR (n:Item) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT body_key IF NOT EXISTS FOR (n:Body) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT role_key IF NOT EXISTS FOR (n:Role) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT meeting_key IF NOT EXISTS FOR (n:Meeting) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT documenttype_key IF NOT EXISTS FOR (n:DocumentType) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT obligation_key IF NOT EXISTS FOR (n:Obligation) REQUIRE n.key IS UNIQUE;
// Lookups the API makes: a document's nodes, entities by kind, documents by jurisdiction.
CREATE INDEX ruledocument_jurisdiction IF NOT EXISTS FOR (n:RuleDocument) ON (n.jurisdiction);
CREATE INDEX documenttype_issuer IF NOT EXISTS FOR (n:DocumentType) ON (n.doc, n.issuerKey);
CREATE INDEX role_kind IF NOT EXISTS FOR (n:Role) ON (n.doc, n.kind);
CREATE INDEX body_kind IF NOT EXISTS FOR (n:Body) ON (n.doc, n.kind);
CREATE INDEX meeting_kind IF NOT EXISTS FOR (n:Meeting) ON (n.doc, n.kind);
CREATE INDEX article_doc IF NOT EXISTS FOR (n:Article) ON (n.doc, n.number);
CREATE INDEX chapter_doc IF NOT EXISTS FOR (n:Chapter) ON (n.doc);
CREATE INDEX item_doc IF NOT EXISTS FOR (n:Item) ON (n.doc);
CREATE INDEX obligation_doc IF NOT EXISTS FOR (n:Obligation) ON (n.doc);
CREATE INDEX ruledocument_current IF NOT EXISTS FOR (n:RuleDocument) ON (n.current);
// Reporting lines of one document (the reporting_lines query filters the type by r.doc).
CREATE INDEX reports_to_doc IF NOT EXISTS FOR ()-[r:REPORTS_TO]-() ON (r.doc);
// Full-text search over article text and entity names; the cjk analyzer splits Chinese into bigrams.
CREATE FULLTEXT INDEX article_text IF NOT EXISTS FOR (n:Article) ON EACH [n.cleanText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Role|Body|Meeting|DocumentType) ON EACH [n.name, n.nameEn] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE INDEX role_doc IF NOT EXISTS FOR (n:Role) ON (n.doc);
CREATE INDEX body_doc IF NOT EXISTS FOR (n:Body) ON (n.doc);
CREATE INDEX meeting_doc IF NOT EXISTS FOR (n:Meeting) ON (n.doc);
CREATE INDEX documenttype_doc IF NOT EXISTS FOR (n:DocumentType) ON (n.doc);
// All articles of one document (a delete or a sweep): the (doc, number) index needs both.
CREATE INDEX article_of_doc IF NOT EXISTS FOR (n:Article) ON (n.doc);
// Instruments (根据/参照《…》) are shared by every document that cites them, keyed by normalized title.
CREATE CONSTRAINT instrument_key IF NOT EXISTS FOR (n:Instrument) REQUIRE n.key IS UNIQUE;
CREATE INDEX body_government IF NOT EXISTS FOR (n:Body) ON (n.doc, n.government);
