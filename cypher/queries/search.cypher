// Articles of the current documents (or of one given version) that contain a text, most occurrences first, one page with the total.
// A query of two or more Chinese characters is looked up in the `article_text` full-text index as a
// phrase: the cjk analyzer indexes bigrams of adjacent characters, so the phrase of the query's bigrams
// finds exactly the articles that contain it. Anything else (one character, Latin letters, digits,
// punctuation) scans the current documents' articles. Both paths then keep only articles that
// contain the text as written, so the answer is substring match, as in the embedded store.
// score = how many times the text occurs in the article; ties: jurisdiction, document, article number.
// Each row is [article, document, score].
// Browser: :param text => '常务会议'
//          :param jurisdiction => null            (a key from the jurisdictions query; null = all)
//          :param document => null                (a RuleDocument key; null = the current documents)
//          :param skip => 0
//          :param limit => 10
CALL () {
  WITH $text AS q WHERE q =~ '\\p{IsHan}{2,}'
  CALL db.index.fulltext.queryNodes('article_text', '"' + q + '"') YIELD node
  RETURN node AS a
  UNION
  WITH $text AS q WHERE size(q) > 0 AND NOT q =~ '\\p{IsHan}{2,}'
  MATCH (d:RuleDocument) WHERE ($document IS NULL AND d.current) OR d.key = $document
  MATCH (a:Article {doc: d.key}) WHERE a.cleanText CONTAINS q
  RETURN a
}
WITH a WHERE a.cleanText CONTAINS $text
MATCH (j:Jurisdiction)-[:HAS_RULES]->(d:RuleDocument {key: a.doc})
WHERE (($document IS NULL AND d.current) OR d.key = $document)
  AND ($jurisdiction IS NULL OR j.key = $jurisdiction)
WITH j, d, a, (size(a.cleanText) - size(replace(a.cleanText, $text, ''))) / size($text) AS score
ORDER BY score DESC, j.fullName, d.key, a.ordinal
WITH collect([a, d, score]) AS hits
RETURN size(hits) AS total, hits[$skip..$skip + $limit] AS rows
