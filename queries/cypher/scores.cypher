// name: scores
// description: Achievement (capaian) of every IKU for a reporting period: realisation and target consolidated up to the period, capaian by polarity, clamped and rounded as the profile says.
// param period: string = required -- reporting period: a year (2025), a quarter (2025-Q3) or a month (2025-07)
// param unit: Unit code = null -- score only the IKU that belong to this unit (default: every unit)
// param cap: string = "120" -- highest capaian (the profile's sel:achievementCap)
// param floor: string = "0" -- lowest capaian (the profile's sel:achievementFloor)
// param places: integer = 2 -- decimal places every computed value is rounded to, half away from zero (sel:scoreDecimalPlaces, 0 to 4)
// param tolerance: string = "5" -- stabilize: deviation from the target, in percent of it, that still scores 100 (sel:stabilizeTolerance)
// param slope: string = "1" -- stabilize: points lost per percentage point of deviation beyond the tolerance (sel:stabilizeSlope)
// param prorate: integer = 1 -- 1: a period without targets of its own takes the annual target, prorated by months for sum IKU; 0: no target (sel:prorateAnnualTarget)
// column code: string -- code of the IKU
// column unit: string? -- code of the unit or position the IKU belongs to
// column level: level? -- level of that unit
// column ss: string? -- code of the SS the IKU measures
// column ssIri: string? -- IRI of that SS
// column perspective: perspective? -- perspective of that SS
// column weight: decimal? -- weight of the IKU (sel:weight), empty when not given
// column polarity: string? -- maximize, minimize or stabilize
// column consolidation: string? -- sum, average or last
// column period: string -- the reporting period
// column target: decimal? -- target for the period (consolidated, or prorated)
// column targetFrom: string? -- IRI of the period target whose value is the target, when it is one literal (empty when computed)
// column realisation: decimal? -- realisation consolidated up to the period
// column realisationFrom: string? -- IRI of the period target whose realisation is the realisation, when it is one literal
// column capaian: decimal? -- achievement index, clamped to [floor, cap] and rounded; empty with a reason
// column reason: string? -- why there is no capaian
// order: unit, code, ss
//
// Periods: a period target counts when its sel:period is a year, quarter or month of the
// reporting period's year ending no later than it (a quarter ends in month 3n). Realisations
// come from the coarsest kind of period (year, then quarter, then month), no coarser than the
// reporting period, that has any; targets from periods of the reporting period's own kind.
// Both are consolidated by the IKU's type: sum, mean, or the value of the latest period (the
// largest when several share it). A consolidated value (more than one literal, or prorated) is
// rounded to `places` before capaian is computed from it. See docs/scores.md.
WITH $period AS p, toFloat($cap) AS cap, toFloat($floor) AS floor,
     toFloat($tolerance) AS tolerance, toFloat($slope) AS slope
WITH p, cap, floor, tolerance, slope, substring(p, 0, 4) AS yr,
     CASE WHEN size(p) = 4 THEN 1 WHEN substring(p, 4, 2) = '-Q' THEN 2 ELSE 3 END AS pRank,
     CASE WHEN size(p) = 4 THEN 12
          WHEN substring(p, 4, 2) = '-Q' THEN 3 * toInteger(substring(p, 6))
          ELSE toInteger(substring(p, 5)) END AS pEnd
// The periods that count, as they are written: the year, its quarters, its months up to the
// reporting period (each kind only when no coarser than it), and the year for an annual target.
WITH *, yr =~ '[0-9]{4}' AS valid
WITH *, CASE WHEN valid AND pRank = 1 THEN [yr] ELSE [] END AS years,
        CASE WHEN valid AND pRank <= 2
             THEN [q IN range(1, 4) WHERE 3 * q <= pEnd | yr + '-Q' + q] ELSE [] END AS quarters,
        CASE WHEN valid
             THEN [m IN range(1, 12) WHERE m <= pEnd | yr + CASE WHEN m < 10 THEN '-0' ELSE '-' END + m]
             ELSE [] END AS months
WITH *, CASE pRank WHEN 1 THEN years WHEN 2 THEN quarters ELSE months END AS ownKind,
        CASE WHEN valid THEN [yr] ELSE [] END + quarters + months AS counted
// Every IKU, or those of the given unit (from its code index).
CALL () {
  MATCH (i:IKU) WHERE $unit IS NULL RETURN i
  UNION ALL
  MATCH (:Unit {code: $unit})<-[:BELONGS_TO]-(i:IKU) RETURN DISTINCT i
}
WITH * WHERE CASE WHEN i.year IS :: LIST<ANY> THEN yr IN [y IN i.year | toString(y)]
           ELSE toString(i.year) = yr END
OPTIONAL MATCH (i)-[:BELONGS_TO]->(u:Unit)
WITH * WHERE $unit IS NULL OR u.code = $unit
OPTIONAL MATCH (u)-[:AT_LEVEL]->(lv:Level)
OPTIONAL MATCH (i)-[:MEASURES]->(s:SS)
OPTIONAL MATCH (s)-[:IN_PERSPECTIVE]->(pp:Perspective)
OPTIONAL MATCH (i)-[:POLARITY]->(pol:Polarity)
OPTIONAL MATCH (i)-[:CONSOLIDATION]->(con:Consolidation)
// Each period target that counts: [period, realisation, target, IRI].
WITH *, con.notation AS cn, pol.notation AS pn,
        [(i)-[:HAS_TARGET]->(t) WHERE t.period IN counted
         | [t.period, t.realisation, t.target, t.iri]] AS periods
// Realisations: the coarsest kind of period that has any, up to the reporting period.
WITH *, [x IN periods WHERE x[0] IN years AND x[1] IS NOT NULL] AS r1
WITH *, CASE WHEN size(r1) > 0 THEN r1
             ELSE [x IN periods WHERE x[0] IN quarters AND x[1] IS NOT NULL] END AS r2
WITH *, CASE WHEN size(r2) > 0 THEN r2
             ELSE [x IN periods WHERE x[0] IN months AND x[1] IS NOT NULL] END AS rs
// Targets: the periods of the reporting period's own kind, up to it; else the annual target.
WITH *, [x IN periods WHERE x[0] IN ownKind AND x[2] IS NOT NULL] AS own
WITH *, CASE WHEN size(own) > 0 THEN own
             WHEN $prorate = 1 THEN [x IN periods WHERE x[0] = yr AND x[2] IS NOT NULL]
             ELSE [] END AS ts
WITH *, size(own) = 0 AND size(ts) > 0 AS prorated,
        any(x IN rs WHERE NOT (x[1] IS :: INTEGER | FLOAT)) AS rBad,
        any(x IN ts WHERE NOT (x[2] IS :: INTEGER | FLOAT)) AS tBad
// Consolidation of each list: sum, mean, or the latest (largest at the latest end). Within
// one kind of period the latest is the largest period as written (months are two digits);
// for `last`, [latest period, largest value at it, how many share it, IRI of the first].
WITH *, CASE WHEN prorated THEN 'last' ELSE cn END AS tCon
WITH *,
  CASE WHEN cn = 'last' AND size(rs) > 1 THEN
    reduce(a = [''], x IN rs | CASE WHEN x[0] > a[0] THEN [x[0], x[1], 1, x[3]]
                                    WHEN x[0] < a[0] THEN a
                                    ELSE [a[0], CASE WHEN x[1] > a[1] THEN x[1] ELSE a[1] END, a[2] + 1, a[3]] END)
  END AS rLast,
  CASE WHEN tCon = 'last' AND size(ts) > 1 THEN
    reduce(a = [''], x IN ts | CASE WHEN x[0] > a[0] THEN [x[0], x[2], 1, x[3]]
                                    WHEN x[0] < a[0] THEN a
                                    ELSE [a[0], CASE WHEN x[2] > a[1] THEN x[2] ELSE a[1] END, a[2] + 1, a[3]] END)
  END AS tLast
WITH *,
  CASE WHEN rBad OR size(rs) = 0 THEN null
       WHEN cn = 'sum' THEN reduce(a = 0.0, x IN rs | a + x[1])
       WHEN cn = 'average' THEN reduce(a = 0.0, x IN rs | a + x[1]) / size(rs)
       WHEN cn = 'last' THEN CASE WHEN size(rs) = 1 THEN rs[0][1] ELSE rLast[1] END
  END AS rRaw,
  CASE WHEN size(rs) = 1 THEN rs[0][3] WHEN rLast[2] = 1 THEN rLast[3] END AS rFrom,
  CASE WHEN tBad OR size(ts) = 0 THEN null
       WHEN tCon = 'sum' THEN reduce(a = 0.0, x IN ts | a + x[2])
       WHEN tCon = 'average' THEN reduce(a = 0.0, x IN ts | a + x[2]) / size(ts)
       WHEN tCon = 'last' THEN CASE WHEN size(ts) = 1 THEN ts[0][2] ELSE tLast[1] END
  END AS tFound,
  CASE WHEN size(ts) = 1 THEN ts[0][3] WHEN tLast[2] = 1 THEN tLast[3] END AS tSingle
WITH *,
  CASE WHEN prorated AND cn = 'sum' THEN tFound * pEnd / 12 ELSE tFound END AS tRaw,
  CASE WHEN prorated AND cn = 'sum' AND pEnd < 12 THEN null ELSE tSingle END AS tFrom
// Float arithmetic: each computed value is first rounded to 10 places, which removes the
// binary noise (92.57499999999999 for 185.15 / 2), so that halves round as in exact decimals.
WITH *,
  CASE WHEN rFrom IS NULL THEN round(round(rRaw, 10), $places, 'HALF_UP') ELSE rRaw END AS rv,
  CASE WHEN tFrom IS NULL THEN round(round(tRaw, 10), $places, 'HALF_UP') ELSE tRaw END AS tv
WITH *,
  CASE
    WHEN pol IS NULL THEN 'no polarity'
    WHEN con IS NULL THEN 'no consolidation type'
    WHEN rBad THEN 'non-numeric realisation'
    WHEN size(rs) = 0 THEN 'no realisation up to ' + p
    WHEN tBad THEN 'non-numeric target'
    WHEN tv IS NULL THEN 'no target for ' + p
    WHEN tv = 0 THEN 'target is 0'
  END AS reason
WITH *,
  CASE WHEN reason IS NOT NULL THEN null
       WHEN pn = 'maximize' THEN 100.0 * rv / tv
       WHEN pn = 'minimize' THEN 100.0 * (2 * tv - rv) / tv
       WHEN pn = 'stabilize' THEN
         CASE WHEN 100.0 * abs(rv - tv) / abs(tv) <= tolerance THEN 100.0
              ELSE 100.0 - slope * (100.0 * abs(rv - tv) / abs(tv) - tolerance) END
  END AS raw
RETURN i.code AS code,
       u.code AS unit,
       lv.notation AS level,
       s.code AS ss,
       s.iri AS ssIri,
       pp.notation AS perspective,
       CASE WHEN i.weight IS :: INTEGER | FLOAT THEN i.weight END AS weight,
       pn AS polarity,
       cn AS consolidation,
       p AS period,
       CASE WHEN tBad THEN null ELSE tv END AS target,
       CASE WHEN tBad THEN null ELSE tFrom END AS targetFrom,
       CASE WHEN rBad THEN null ELSE rv END AS realisation,
       CASE WHEN rBad THEN null ELSE rFrom END AS realisationFrom,
       CASE WHEN raw IS NULL THEN null
            ELSE round(CASE WHEN raw > cap THEN cap WHEN raw < floor THEN floor
                            ELSE round(raw, 10) END, $places, 'HALF_UP') END AS capaian,
       reason
ORDER BY unit, code, ss
