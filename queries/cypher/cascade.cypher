// name: cascade
// description: Everything below an SS or IKU: SS cascading, the IKU that measure each SS, and IKU cascading, down to staff contracts.
// param from: SS|IKU code = null -- the SS or IKU to start from; null: every SS of the Kemenkeu-Wide unit
// column code: string -- code of the SS or IKU reached
// column kind: string? -- SS or IKU
// column unit: string? -- code of the unit (or staff position) it belongs to
// column level: level? -- level of that unit: Wide, One, Two, Three, Four, Five
// column depth: integer -- steps below the start (0: the start itself), along the shortest way down
// column parent: string? -- code of the node one step up on a shortest way down (the smallest such code); empty at depth 0
// order: depth, code, parent
//
// One step down from an SS is an SS that cascades from it (CASCADES_FROM) or an IKU that
// measures it (MEASURES); one step down from an IKU is an IKU that cascades from it. Every node
// reached is listed once, at its smallest depth from any start. The walk is bounded at 8 steps:
// a sound cascade needs at most 6 (five levels down, one measurement), the other two leave room
// for defective chains that do not go down a level, and the bound keeps cycles finite.
// The level of a unit is looked up once per unit (the nodes reached are grouped by unit first).
// In Neo4j Browser: `:param from => 'DJPB-SS01'` (or `:param from => null` for the default).

CALL () {
  MATCH (start:SS {code: $from})
  RETURN start
  UNION
  MATCH (start:IKU {code: $from})
  RETURN start
  UNION
  MATCH (start:SS)-[:BELONGS_TO]->()-[:AT_LEVEL]->(:Level {notation: 'Wide'})
  WHERE $from IS NULL
  RETURN start
}
MATCH way = (start)<-[:CASCADES_FROM|MEASURES*0..8]-(n)
// The smallest [depth, parent code] wins: the shortest depth, then the smallest parent code
// (a parent without a code counts as '', and is shown as none).
WITH n, min([length(way), CASE WHEN length(way) > 0 THEN coalesce(nodes(way)[-2].code, '') ELSE '' END])
          AS best
OPTIONAL MATCH (n)-[:BELONGS_TO]->(u)
WITH u, collect([n.code, CASE WHEN n:SS THEN 'SS' WHEN n:IKU THEN 'IKU' END, best]) AS reached
OPTIONAL MATCH (u)-[:AT_LEVEL]->(l)
WITH u.code AS unit, l.notation AS level, reached
UNWIND reached AS r
RETURN r[0] AS code,
       r[1] AS kind,
       unit,
       level,
       r[2][0] AS depth,
       CASE WHEN r[2][1] <> '' THEN r[2][1] END AS parent
ORDER BY depth, code, parent
