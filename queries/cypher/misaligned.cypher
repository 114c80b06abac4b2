// name: misaligned
// description: SS and IKU whose cascading breaks a rule of KMK 467, one row per SS or IKU and reason.
// column code: string -- code of the SS or IKU
// column unit: string? -- code of the unit (or staff position) it belongs to
// column source: string? -- code of the SS or IKU it cascades from (empty for origin-without-map)
// column reason: string -- cross-branch, perspective-lowered, direct-to-many, year-mismatch, origin-without-map, cycle, iku-cross-branch, iku-not-following-ss or full-cascade-changed
// order: code, reason, source
//
// Reasons (and the rule each one is the analysis of):
//   cross-branch        the source SS belongs to a unit that is not an ancestor (PART_OF, one
//                       or more steps) of the SS's unit                 SS-CASCADE-ANCESTOR
//   perspective-lowered the SS sits in a lower perspective (higher rank) than its source
//                                                                       SS-PERSPECTIVE-ORDER
//   direct-to-many      it was cascaded directly, yet its source has more than one receiver
//                       (direct cascading goes to exactly one): every direct receiver of
//                       such a source is listed                         SS-DIRECT-ONE
//   year-mismatch       its source is of another year                   SS-CASCADE-YEAR
//   origin-without-map  it cascades from nothing and its unit holds no strategy map
//                                                                       SS-ORIGIN
//   cycle               it lies on a cycle of CASCADES_FROM             SS-CASCADE-CYCLE
//   iku-cross-branch    an IKU whose source IKU belongs to a unit that is not an ancestor of
//                       its own unit                                    IKU-CASCADE-ANCESTOR
//   iku-not-following-ss  an IKU none of whose SS descends (CASCADES_FROM, one or more steps)
//                       from an SS its source IKU measures              IKU-FOLLOWS-SS
//   full-cascade-changed  an IKU cascaded fully whose name (same language, ignoring case and
//                       spaces, tabs, line breaks), polarity, unit of measure (ignoring case) or
//                       numeric target of a period both have differs from its source's
//                                                                       IKU-FULL-SAME
// The two walks (PART_OF up, CASCADES_FROM round a cycle) are not bounded on purpose: they only
// ask whether a node is reachable, each unit has one parent and each SS one source in a sound
// cascade (so each walk is a chain), and a path never repeats a relationship. Separate MATCH
// clauses keep an SS that cascades from itself (s = src) in: within one pattern Neo4j would not
// use its BELONGS_TO relationship twice.

CALL () {
  MATCH (s:SS)-[:CASCADES_FROM]->(src:SS)
  MATCH (s)-[:BELONGS_TO]->(u)
  MATCH (src)-[:BELONGS_TO]->(su)
  WHERE NOT EXISTS { MATCH (u)-[:PART_OF*1..]->(su) }
  RETURN s, src, 'cross-branch' AS reason
  UNION
  MATCH (s:SS)-[:CASCADES_FROM]->(src:SS)
  MATCH (s)-[:IN_PERSPECTIVE]->(p)
  MATCH (src)-[:IN_PERSPECTIVE]->(q)
  WHERE p.rank > q.rank
  RETURN s, src, 'perspective-lowered' AS reason
  UNION
  MATCH (src:SS)<-[:CASCADES_FROM]-(receiver)
  WITH src, count(DISTINCT receiver) AS receivers
  WHERE receivers > 1
  MATCH (src)<-[:CASCADES_FROM]-(s:SS)-[:CASCADING]->(:CascadingType {notation: 'direct'})
  RETURN s, src, 'direct-to-many' AS reason
  UNION
  MATCH (s:SS)-[:CASCADES_FROM]->(src:SS)
  WHERE toString(s.year) <> toString(src.year)
  RETURN s, src, 'year-mismatch' AS reason
  UNION
  MATCH (s:SS)-[:BELONGS_TO]->(u)
  WHERE NOT EXISTS { MATCH (s)-[:CASCADES_FROM]->() }
    AND NOT EXISTS { MATCH (u)<-[:MAP_OF]-() }
  RETURN s, null AS src, 'origin-without-map' AS reason
  UNION
  // Only an SS that something cascades from can close a cycle (the cheap test first: most SS
  // are at the bottom of the cascade).
  MATCH (s:SS)-[:CASCADES_FROM]->(src:SS)
  WHERE EXISTS { MATCH ()-[:CASCADES_FROM]->(s) } AND EXISTS { MATCH (src)-[:CASCADES_FROM*0..]->(s) }
  RETURN s, src, 'cycle' AS reason
  UNION
  MATCH (s:IKU)-[:CASCADES_FROM]->(src)
  MATCH (s)-[:BELONGS_TO]->(u)
  MATCH (src)-[:BELONGS_TO]->(su)
  WHERE NOT EXISTS { MATCH (u)-[:PART_OF*1..]->(su) }
  RETURN s, src, 'iku-cross-branch' AS reason
  UNION
  MATCH (s:IKU)-[:CASCADES_FROM]->(src)
  WHERE EXISTS { MATCH (s)-[:MEASURES]->() } AND EXISTS { MATCH (src)-[:MEASURES]->() }
    AND NOT EXISTS {
      MATCH (s)-[:MEASURES]->(objective)-[:CASCADES_FROM*1..]->(sourceObjective)
      WHERE EXISTS { MATCH (src)-[:MEASURES]->(sourceObjective) }
    }
  RETURN s, src, 'iku-not-following-ss' AS reason
  UNION
  MATCH (s:IKU)-[:CASCADING]->(:CascadingType {notation: 'full'})
  MATCH (s)-[:CASCADES_FROM]->(src)
  // Each side's numeric period targets read once, as [period, target] pairs, then compared.
  // Names and units of measure are normalised only when they differ as written (`<>` is null,
  // so false, when either is missing).
  WITH s, src,
       [(s)-[:HAS_TARGET]->(t) WHERE t.target IS :: INTEGER | FLOAT | [t.period, t.target]] AS ts,
       [(src)-[:HAS_TARGET]->(st) WHERE st.target IS :: INTEGER | FLOAT | [st.period, st.target]]
         AS sourceTs
  WHERE any(key IN keys(s) WHERE (key = 'label' OR key STARTS WITH 'label_')
          AND NOT key IN ['label_lexical', 'label_datatype'] AND src[key] <> s[key]
          AND toLower(replace(replace(replace(replace(s[key], ' ', ''), '\t', ''), '\n', ''), '\r', ''))
            <> toLower(replace(replace(replace(replace(src[key], ' ', ''), '\t', ''), '\n', ''), '\r', '')))
    OR EXISTS { MATCH (s)-[:POLARITY]->(p), (src)-[:POLARITY]->(q) WHERE p <> q }
    OR (s.measureUnit <> src.measureUnit AND toLower(s.measureUnit) <> toLower(src.measureUnit))
    OR any(t IN ts WHERE any(st IN sourceTs WHERE t[0] = st[0] AND t[1] <> st[1]))
  RETURN s, src, 'full-cascade-changed' AS reason
}
OPTIONAL MATCH (s)-[:BELONGS_TO]->(owner)
RETURN DISTINCT s.code AS code, owner.code AS unit, src.code AS source, reason
ORDER BY code, reason, source
