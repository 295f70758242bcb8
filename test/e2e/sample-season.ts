// A small province for the end-to-end season, made by code from a seed: a unit list and the files
// the units send (valid ones, one with an error to accept with a reason, one a validator must
// assign by hand), with one commune left missing so the report is provisional.
import fs from 'node:fs'
import path from 'node:path'
import type { PeriodId } from '../../src-main/shared/period'
import type { TemplatePack } from '../../src-main/core/template/pack'
import type { GenUnit } from '../fixtures/generator/figures'
import { generateUnitFigures } from '../fixtures/generator/figures'
import { makeRng } from '../fixtures/generator/rng'
import type { FigureTable } from '../fixtures/generator/types'
import { writeUnitWorkbook } from '../fixtures/generator/write-unit-workbook'

export const SAMPLE_UNITS: readonly GenUnit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null },
  { code: '08003', name: 'Xã Bình Lư', kind: 'xa', dept: null },
  { code: '08004', name: 'Xã Phong Thổ', kind: 'xa', dept: null },
  { code: '08005', name: 'Xã Sìn Hồ', kind: 'xa', dept: null },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA' },
  { code: 'SYT', name: 'Sở Y tế', kind: 'so_nganh', dept: 'SYT' },
]

export type SampleSeason = Readonly<{
  dir: string
  unitsCsv: string
  files: readonly string[]
  figures: Readonly<Record<string, FigureTable>>
  /** the unit whose file has an error (V01 text in a count cell) */
  brokenUnit: string
  /** the commune that sends nothing */
  missingUnit: string
  /** the commune whose file is written under its name before the 2025 merger: it matches no unit */
  unknownUnit: string
  unknownFile: string
}>

export async function writeSampleSeason(
  pack: TemplatePack,
  dir: string,
  period: PeriodId,
): Promise<SampleSeason> {
  fs.mkdirSync(dir, { recursive: true })
  const rng = makeRng(2025)
  const csv = [
    'code,name,kind,dept,aliases',
    ...SAMPLE_UNITS.map((u) => `${u.code},${u.name},${u.kind},${u.dept ?? ''},`),
  ].join('\n')
  const unitsCsv = path.join(dir, 'don-vi.csv')
  fs.writeFileSync(unitsCsv, csv + '\n')
  const missingUnit = '08005'
  const brokenUnit = '08003'
  const unknownUnit = '08004'
  const unknownFile = 'bao-cao-xa-nam-tam.xlsx'
  const figures: Record<string, FigureTable> = {}
  const files: string[] = []
  for (const u of SAMPLE_UNITS) {
    if (u.code === missingUnit) continue
    const f = generateUnitFigures(pack, u, rng, period)
    figures[u.code] = f
    const bytes = await writeUnitWorkbook(pack, u, f, {
      period,
      reportDate: new Date(Date.UTC(2025, 10, 10)),
      ...(u.code === brokenUnit
        ? { cellOverrides: [{ indicator: 'TE.0203', column: 'male', cell: { t: 's', v: 'khoảng 40' } }] }
        : {}),
      ...(u.code === unknownUnit
        ? { writtenUnit: { code: '', name: 'UBND xã Nậm Tăm', header: 'UBND XÃ NẬM TĂM' } }
        : {}),
    })
    const file = path.join(dir, u.code === unknownUnit ? unknownFile : `${u.code}-bao-cao.xlsx`)
    fs.writeFileSync(file, bytes)
    files.push(file)
  }
  return { dir, unitsCsv, files, figures, brokenUnit, missingUnit, unknownUnit, unknownFile }
}
