// name: orphans
// description: SS that cannot be traced up to an SS of the Kemenkeu-Wide unit (unlinked), and SS that no IKU measures (unmeasured).
// column code: string -- code of the SS
// column unit: string? -- code of the unit (or staff position) it belongs to
// column level: level? -- level of that unit: Wide, One, Two, Three, Four, Five
// column kind: string -- unlinked or unmeasured (an SS may appear with both)
// order: code, kind
//
// Traced up: a walk from the SS along CASCADES_FROM (to the SS it cascades from) and CAUSES (to
// the SS it causes on its strategy map), zero or more steps, reaches an SS that belongs to a unit
// at level Wide. So the Wide unit's own SS are traced, and so is an SS a map holder formulates
// itself when it causes an SS of its map that is traced (its line of sight runs through the
// map). The walk is not bounded on purpose: it runs once, backwards from the Wide unit's SS
// (to every SS that reaches one of them), and as its nodes are only counted (DISTINCT), Neo4j
// prunes it to a breadth-first search that visits each node once and ends by itself on
// cycles. An SS it does not reach is unlinked (the largest of its marks is 0): one grouping
// instead of a search per SS.

CALL () {
  CALL () {
    MATCH (s:SS)
    RETURN s, 0 AS traced
    UNION ALL
    MATCH (top:SS)-[:BELONGS_TO]->()-[:AT_LEVEL]->(:Level {notation: 'Wide'})
    MATCH (top)<-[:CASCADES_FROM|CAUSES*0..]-(s:SS)
    RETURN DISTINCT s, 1 AS traced
  }
  WITH s, max(traced) AS traced
  WHERE traced = 0
  RETURN s, 'unlinked' AS kind
  UNION
  MATCH (s:SS)
  WHERE NOT EXISTS { MATCH (s)<-[:MEASURES]-() }
  RETURN s, 'unmeasured' AS kind
}
OPTIONAL MATCH (s)-[:BELONGS_TO]->(u)
OPTIONAL MATCH (u)-[:AT_LEVEL]->(l)
RETURN s.code AS code, u.code AS unit, l.notation AS level, kind
ORDER BY code, kind
