// name: line-of-sight
// description: The chain upward from an SS or IKU to the ministry's SS: what it cascades from and what it measures, step by step.
// param from: SS|IKU code = required -- the SS or IKU to start from
// column code: string -- code of the SS or IKU on the way up
// column kind: string? -- SS or IKU
// column unit: string? -- code of the unit (or staff position) it belongs to
// column level: level? -- level of that unit: Wide, One, Two, Three, Four, Five
// column depth: integer -- steps above the start (0: the start itself), along the shortest way up
// order: depth, code
//
// One step up from an SS is the SS it cascades from (CASCADES_FROM); from an IKU, the SS it
// measures (MEASURES) and the IKU it cascades from. It is the reverse of `cascade`: a node is
// on the line of sight of X at depth d exactly when X is in the cascade below it at depth d.
// Bounded at 12 steps, like `cascade`. In Neo4j Browser: `:param from => 'DJPB-SS01'`.

CALL () {
  MATCH (start:SS {code: $from})
  RETURN start
  UNION
  MATCH (start:IKU {code: $from})
  RETURN start
}
MATCH way = (start)-[:CASCADES_FROM|MEASURES*0..12]->(n)
WITH n, min(length(way)) AS depth
OPTIONAL MATCH (n)-[:BELONGS_TO]->(u)
OPTIONAL MATCH (u)-[:AT_LEVEL]->(l)
RETURN n.code AS code,
       CASE WHEN n:SS THEN 'SS' WHEN n:IKU THEN 'IKU' END AS kind,
       u.code AS unit,
       l.notation AS level,
       depth
ORDER BY depth, code
