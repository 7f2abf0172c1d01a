// The version rule of each of $jurisdictions, re-derived after every load or delete (one statement
// for all the jurisdictions a transaction touched)
// (mirrors stores/versions.py; a contract test holds them to the same answers).
//  * Versions are ordered by date (issued, else adopted; undated first), then key.
//  * The current document is the newest effective one: a draft (征求意见稿) is a proposal
//    and does not replace the rules in force, so it is current only while the jurisdiction
//    has no effective document at all.
//  * An effective document is superseded by the next newer effective one; a draft by the
//    next newer document of any status (a revised draft or the adopted rules).
//  * `status` is the derived status (effective, draft or superseded); `publishedStatus`
//    keeps what the document itself says, so deleting the newest version restores the
//    previous one. SUPERSEDES edges point from the replacing version to the replaced one.
UNWIND $jurisdictions AS jurisdiction
CALL (jurisdiction) {
  MATCH (:Jurisdiction {key: jurisdiction})-[:HAS_RULES]->(d:RuleDocument)
  SET d.publishedStatus = coalesce(d.publishedStatus, d.status)
  WITH d ORDER BY coalesce(d.issued, d.adopted, ''), d.key
  WITH collect(d) AS docs
  CALL (docs) {
    UNWIND docs AS d
    MATCH (d)-[old:SUPERSEDES]->()
    DELETE old
  }
  WITH docs, [x IN docs WHERE coalesce(x.publishedStatus, '') <> 'draft'] AS effective
  WITH docs, coalesce(last(effective), last(docs)) AS cur
  UNWIND range(0, size(docs) - 1) AS i
  WITH docs[i] AS d, cur, docs[i + 1..] AS later
  WITH d, cur,
       CASE WHEN d.publishedStatus = 'draft' THEN head(later)
            ELSE head([x IN later WHERE coalesce(x.publishedStatus, '') <> 'draft']) END AS newer
  SET d.current = (d = cur),
      d.status = CASE WHEN newer IS NULL THEN d.publishedStatus ELSE 'superseded' END
  WITH d, newer WHERE newer IS NOT NULL
  MERGE (newer)-[s:SUPERSEDES {key: newer.key + '-SUPERSEDES-' + d.key}]->(d)
}
