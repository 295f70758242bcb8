// The ministry's season made from seeds: 34 generated provinces, each consolidated into its report
// workbook, the reports side by side with the ministry's unit list of provinces. A province's report
// is made as `sheaf consolidate` makes it (each unit's file analysed, the accepted ones merged, the
// report written by the same writer), in this thread and without a database: 34 runs of the command
// would cost a minute here for the same workbooks.
import fs from 'node:fs'
import path from 'node:path'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import type { Consolidation } from '../../src-main/core/merge/consolidation'
import { writeReport } from '../../src-main/core/output/write-report'
import { analyseBytes } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { TemplatePack } from '../../src-main/core/template/pack'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import type { Unit } from '../../src-main/core/units/unit'
import type { PeriodId } from '../../src-main/shared/period'
import { generateProvince, unitsCsv } from '../fixtures/generator'
import { PROVINCES_2025, type ProvinceUnit } from '../fixtures/generator/provinces'
import { slug } from '../fixtures/generator/units'
import { sampleHeader } from './output-fixtures'

export type ProvinceReport = Readonly<{
  province: ProvinceUnit
  /** the report's file name in the ministry's folder */
  file: string
  /** the province's figures, as its report states them */
  totals: Consolidation['totals']
  /** the problems of the province's own consolidation (R01, R02) */
  problems: Consolidation['problems']
}>

export type MinistrySeason = Readonly<{
  /** the ministry's unit list (the 34 provinces, kind `tinh`) */
  units: string
  /** the folder of the 34 province reports */
  reports: string
  provinces: readonly ProvinceReport[]
}>

export function unitsOf(csv: string): Unit[] {
  const list = parseUnitList(new TextEncoder().encode(csv), 'units.csv')
  if (!list.ok) throw new Error(list.errors.join('\n'))
  return list.units
}

/** A province's report workbook from its units' files, as `sheaf consolidate` writes it. */
export async function provinceReport(
  pack: TemplatePack,
  period: PeriodId,
  province: ProvinceUnit,
  unitsCsvText: string,
  files: readonly Readonly<{ name: string; bytes: Uint8Array }>[],
): Promise<{ bytes: Uint8Array; consolidation: Consolidation }> {
  const units = unitsOf(unitsCsvText)
  const index = indexUnits(units)
  const submissions = files.flatMap((f) => {
    const a = analyseBytes(f.bytes, { pack, units: index, period, fileName: f.name })
    return a.status === 'accepted' && a.unit !== null
      ? [{ unit: a.unit, fileName: f.name, version: 1, figures: a.figures, acceptedWithReason: null }]
      : []
  })
  const consolidation = mergeSubmissions({ pack, period, units, submissions })
  const header = sampleHeader({
    governingBody: `UBND ${province.name.toUpperCase()}`,
    place: province.place,
    number: `${province.code}/BC-SYT`,
  })
  return { bytes: await writeReport({ pack, consolidation, units, header }), consolidation }
}

/** Generates every province (each from seed + its rank) and writes its report under `dir`. */
export async function makeMinistrySeason(
  dir: string,
  pack: TemplatePack,
  seed: number,
  communes = 2,
): Promise<MinistrySeason> {
  const reports = path.join(dir, 'bao-cao-tinh')
  fs.mkdirSync(reports, { recursive: true })
  const provinces: ProvinceReport[] = []
  for (const [rank, province] of PROVINCES_2025.entries()) {
    const generated = await generateProvince({
      seed: seed + rank,
      communes,
      departments: true,
      mistakes: 'none',
    })
    const { bytes, consolidation } = await provinceReport(
      pack,
      generated.period,
      province,
      generated.unitsCsv,
      generated.files,
    )
    const file = `bao-cao-${province.code}-${slug(province.place)}.xlsx`
    fs.writeFileSync(path.join(reports, file), bytes)
    provinces.push({ province, file, totals: consolidation.totals, problems: consolidation.problems })
  }
  const units = path.join(dir, 'units-bo.csv')
  fs.writeFileSync(units, unitsCsv([...PROVINCES_2025]))
  return { units, reports, provinces }
}
