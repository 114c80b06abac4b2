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
// map). The walk is a breadth-first ANY SHORTEST search: it only asks whether such an SS is
// reachable, visits each node once, and ends by itself on cycles.

CALL () {
  MATCH (s:SS)
  WHERE NOT EXISTS {
    MATCH ANY SHORTEST
      (s)-[:CASCADES_FROM|CAUSES]->*(:SS)-[:BELONGS_TO]->()-[:AT_LEVEL]->(:Level {notation: 'Wide'})
  }
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
