// name: coverage
// description: Per unit: its SS and IKU, the share of its SS measured and cascaded onward, and the staff its SS reach.
// column unit: string? -- code of the unit (staff positions are not listed: they are counted in staff)
// column level: level? -- level of the unit: Wide, One, Two, Three, Four, Five
// column ss: integer -- SS that belong to the unit
// column iku: integer -- IKU that belong to the unit
// column measured: decimal? -- share of its SS that at least one IKU measures (4 decimals; empty without SS)
// column cascaded: decimal? -- share of its SS that at least one SS cascades from (4 decimals; empty without SS)
// column staff: integer -- staff positions whose contract includes an SS or IKU in the cascade below the unit's SS
// order: level, unit
//
// "Below" is the walk of `cascade` (CASCADES_FROM and MEASURES, downward), here without its
// 8-step bound: staff only asks what is reachable, and a path never repeats a relationship.
// Shares are rounded as round(10000 x measured / ss) / 10000, the same on both engines.
// The staff of every unit are counted in one pass: the walk down from the units' SS is
// hash-joined on the item (USING JOIN ON x) with the staff contracts read once from the
// positions, instead of reading each item's contract again from every unit above it; a second
// arm gives the units without staff their 0.

CALL () {
  MATCH (u:Unit)<-[:BELONGS_TO]-(:SS)<-[:CASCADES_FROM|MEASURES*0..]-(x),
        (x)<-[:INCLUDES]-()-[:HELD_BY]->(st:Position)
  USING JOIN ON x
  USING SCAN u:Unit
  WHERE NOT u:Position
  RETURN u, count(DISTINCT st) AS staff
  UNION ALL
  MATCH (u:Unit)
  WHERE NOT u:Position
  RETURN u, 0 AS staff
}
WITH u, max(staff) AS staff
OPTIONAL MATCH (u)-[:AT_LEVEL]->(l)
CALL (u) {
  OPTIONAL MATCH (s:SS)-[:BELONGS_TO]->(u)
  RETURN count(DISTINCT s) AS ss,
         count(DISTINCT CASE WHEN EXISTS { MATCH (s)<-[:MEASURES]-() } THEN s END) AS measuredSS,
         count(DISTINCT CASE WHEN EXISTS { MATCH (s)<-[:CASCADES_FROM]-() } THEN s END) AS cascadedSS
}
CALL (u) {
  OPTIONAL MATCH (i:IKU)-[:BELONGS_TO]->(u)
  RETURN count(DISTINCT i) AS iku
}
RETURN u.code AS unit,
       l.notation AS level,
       ss,
       iku,
       CASE WHEN ss > 0 THEN round(10000.0 * measuredSS / ss) / 10000.0 END AS measured,
       CASE WHEN ss > 0 THEN round(10000.0 * cascadedSS / ss) / 10000.0 END AS cascaded,
       staff
ORDER BY l.rank, unit
