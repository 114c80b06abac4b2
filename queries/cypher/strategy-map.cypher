// name: strategy-map
// description: One unit's SS by perspective, with their cause-effect links.
// param unit: Unit code = null -- the unit whose map to show; null: the Kemenkeu-Wide unit
// column perspective: perspective? -- perspective of the SS: Stakeholder, Customer, Internal Process, Learning and Growth
// column code: string -- code of the SS
// column statement: string? -- the SS statement (Indonesian)
// column causes: string? -- code of an SS it causes (one row per link; empty when it causes none)
// order: perspective, code, causes
//
// In Neo4j Browser: `:param unit => 'KANWIL-DJPB-KALTARA'` (or `:param unit => null`).

CALL () {
  MATCH (u:Unit {code: $unit})
  RETURN u
  UNION
  MATCH (u:Unit)-[:AT_LEVEL]->(:Level {notation: 'Wide'})
  WHERE $unit IS NULL
  RETURN u
}
MATCH (s:SS)-[:BELONGS_TO]->(u)
OPTIONAL MATCH (s)-[:IN_PERSPECTIVE]->(p)
OPTIONAL MATCH (s)-[:CAUSES]->(effect)
RETURN p.notation AS perspective,
       s.code AS code,
       coalesce(s.statement_id, s.statement) AS statement,
       effect.code AS causes
ORDER BY p.rank, code, causes
