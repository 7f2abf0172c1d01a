// Documents stored before facts cited their article by key (stores/article_keys.py upgrades
// them): a fact stated in an article, or a meeting's or government's figure, that has the
// printed number but no key. Scans only STATED_IN and the Meeting and Body nodes; run once at start.
CALL {
  MATCH ()-[r:STATED_IN]->(:Article)
  WHERE r.article IS NOT NULL AND r.articleKey IS NULL
  RETURN r.doc AS doc
  UNION
  MATCH (m:Meeting)
  WHERE (m.frequencyArticle IS NOT NULL AND m.frequencyArticleKey IS NULL)
     OR (m.quorumArticle IS NOT NULL AND m.quorumArticleKey IS NULL)
     OR (size(coalesce(m.articles, [])) > 0 AND m.articleKeys IS NULL)
  RETURN m.doc AS doc
  UNION
  MATCH (b:Body)
  WHERE b.principlesArticle IS NOT NULL AND b.principlesArticleKey IS NULL
  RETURN b.doc AS doc
}
RETURN DISTINCT doc
LIMIT $limit
