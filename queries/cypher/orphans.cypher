// name: orphans
// description: SS that cannot be traced up to an SS of the Kemenkeu-Wide unit (unlinked), and SS that no IKU measures (unmeasured).
// column code: string -- code of the SS
// column unit: string? -- code of the unit (or staff position) it belongs to
// column level: level? -- level of that unit: Wide, One, Two, Three, Four, Five
// column kind: string -- unlinked or unmeasured (an SS may appear with both)
// order: code, kind
//
// Traced up: following CASCADES_FROM from the SS, zero or more steps, reaches an SS that belongs
// to a unit at level Wide (the Wide unit's own SS are traced). The walk up is not bounded on
// purpose: it only asks whether a Wide SS is reachable, each SS has one source in a sound
// cascade (so the walk is a chain, as long as the levels above), and a path never repeats a
// relationship, which ends it on a cycle.

CALL () {
  MATCH (s:SS)
  WHERE NOT EXISTS {
    MATCH (s)-[:CASCADES_FROM*0..]->(:SS)-[:BELONGS_TO]->()-[:AT_LEVEL]->(:Level {notation: 'Wide'})
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
