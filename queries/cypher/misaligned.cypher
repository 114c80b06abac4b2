// name: misaligned
// description: SS whose cascading breaks a rule of KMK 467, one row per SS and reason.
// column code: string -- code of the SS
// column unit: string? -- code of the unit (or staff position) it belongs to
// column source: string? -- code of the SS it cascades from (empty for origin-without-map)
// column reason: string -- cross-branch, perspective-lowered, direct-to-many, year-mismatch, origin-without-map or cycle
// order: code, reason, source
//
// Reasons (and the rule each one is the analysis of):
//   cross-branch        the source SS belongs to a unit that is not an ancestor (PART_OF, one
//                       or more steps) of the SS's unit                 SS-CASCADE-ANCESTOR
//   perspective-lowered the SS sits in a lower perspective (higher rank) than its source
//                                                                       SS-PERSPECTIVE-ORDER
//   direct-to-many      its source was cascaded directly to more than one SS: every such
//                       receiver is listed                              SS-DIRECT-ONE
//   year-mismatch       its source is of another year                   SS-CASCADE-YEAR
//   origin-without-map  it cascades from nothing and its unit holds no strategy map
//                                                                       SS-ORIGIN
//   cycle               it lies on a cycle of CASCADES_FROM             SS-CASCADE-CYCLE
// The two walks (PART_OF up, CASCADES_FROM round a cycle) are not bounded on purpose: they only
// ask whether a node is reachable, each unit has one parent and each SS one source in a sound
// cascade (so each walk is a chain), and a path never repeats a relationship.

CALL () {
  MATCH (s:SS)-[:CASCADES_FROM]->(src:SS),
        (s)-[:BELONGS_TO]->(u),
        (src)-[:BELONGS_TO]->(su)
  WHERE NOT EXISTS { MATCH (u)-[:PART_OF*1..]->(su) }
  RETURN s, src, 'cross-branch' AS reason
  UNION
  MATCH (s:SS)-[:CASCADES_FROM]->(src:SS),
        (s)-[:IN_PERSPECTIVE]->(p),
        (src)-[:IN_PERSPECTIVE]->(q)
  WHERE p.rank > q.rank
  RETURN s, src, 'perspective-lowered' AS reason
  UNION
  MATCH (src:SS)<-[:CASCADES_FROM]-(r:SS)-[:CASCADING]->(:CascadingType {notation: 'direct'})
  WITH src, collect(DISTINCT r) AS receivers
  WHERE size(receivers) > 1
  UNWIND receivers AS s
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
  MATCH (s:SS)-[:CASCADES_FROM]->(src:SS)
  WHERE EXISTS { MATCH (src)-[:CASCADES_FROM*0..]->(s) }
  RETURN s, src, 'cycle' AS reason
}
OPTIONAL MATCH (s)-[:BELONGS_TO]->(owner)
RETURN DISTINCT s.code AS code, owner.code AS unit, src.code AS source, reason
ORDER BY code, reason, source
