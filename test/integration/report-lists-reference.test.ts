// The report's lists written as bytes (the rows after the first appended, the breakdown's unit columns
// filled in, copying the styles ExcelJS gave the first) against the same lists written cell by cell by
// ExcelJS: a season's report written both ways holds the same values and the same styles in every cell
// of every sheet (number formats, fonts, fills, borders, alignment), the same widths, heights, merges,
// filters and frozen panes.
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { mergeSubmissions, type MergeSubmission } from '../../src-main/core/merge/merge-submissions'
import { analyseBytes } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { parseUnitList } from '../../src-main/core/units/parse-unit-list'
import {
  CHECKS_SHEET,
  DETAIL_SHEET,
  SOURCES_SHEET,
  writeReport,
  type ReportInput,
} from '../../src-main/core/output/write-report'
import { generateProvince } from '../fixtures/generator'
import { loadTestPack } from '../helpers/load-test-pack'
import { sampleHeader } from '../helpers/output-fixtures'

const pack = loadTestPack()

/** Everything a clerk sees of a cell: its value and its style. */
function cellLook(cell: ExcelJS.Cell): unknown {
  const s = cell.style
  return {
    value: cell.value ?? null,
    numFmt: s.numFmt ?? null,
    font: s.font ?? null,
    fill: s.fill ?? null,
    border: s.border ?? null,
    alignment: s.alignment ?? null,
  }
}

type SheetLook = Readonly<{
  cells: Map<string, unknown>
  widths: (number | undefined)[]
  heights: Map<number, number | undefined>
  merges: string[]
  filter: unknown
  views: unknown
  print: unknown
}>

function sheetLook(ws: ExcelJS.Worksheet): SheetLook {
  const cells = new Map<string, unknown>()
  const heights = new Map<number, number | undefined>()
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    heights.set(r, row.height)
    row.eachCell({ includeEmpty: true }, (cell) => {
      const look = cellLook(cell)
      cells.set(cell.address, look)
    })
  })
  const widths = Array.from({ length: ws.columnCount }, (_, c) => ws.getColumn(c + 1).width)
  const model = ws.model as unknown as { merges?: string[] }
  return {
    cells,
    widths,
    heights,
    merges: [...(model.merges ?? [])].sort(),
    filter: ws.autoFilter ?? null,
    views: ws.views,
    print: { ...ws.pageSetup, printTitlesRow: ws.pageSetup.printTitlesRow ?? null },
  }
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer)
  return wb
}

let input: ReportInput

beforeAll(async () => {
  const province = await generateProvince({ seed: 20261, communes: 24, mistakes: 'typical', drifts: 'some' })
  const list = parseUnitList(new TextEncoder().encode(province.unitsCsv), 'units.csv')
  if (!list.ok) throw new Error(list.errors.join('\n'))
  const units = indexUnits(list.units)
  const submissions = new Map<string, MergeSubmission>()
  for (const f of province.files) {
    const a = analyseBytes(f.bytes, { pack, units, period: province.period, fileName: f.name })
    if (a.status !== 'accepted' || a.unit === null || submissions.has(a.unit)) continue
    submissions.set(a.unit, {
      unit: a.unit,
      fileName: f.name,
      version: 1,
      figures: a.figures,
      acceptedWithReason: null,
    })
  }
  const consolidation = mergeSubmissions({
    pack,
    period: province.period,
    units: list.units,
    submissions: [...submissions.values()],
  })
  input = { pack, consolidation, units: list.units, header: sampleHeader() }
}, 120_000)

describe('the report lists written as bytes against ExcelJS', () => {
  it('gives every cell of every sheet the same value and style, and the sheets the same layout', async () => {
    const [bytes, reference] = await Promise.all([
      writeReport(input).then(load),
      writeReport({ ...input, lists: 'exceljs' }).then(load),
    ])
    expect(bytes.worksheets.map((w) => w.name)).toEqual(reference.worksheets.map((w) => w.name))
    const sizes: Record<string, number> = {}
    for (const ws of reference.worksheets) {
      const want = sheetLook(ws)
      const got = sheetLook(bytes.getWorksheet(ws.name)!)
      sizes[ws.name] = want.cells.size
      // cell by cell, so that a difference names its cell
      for (const [address, look] of want.cells)
        expect(got.cells.get(address), `${ws.name}!${address}`).toEqual(look)
      expect(
        [...got.cells.keys()].filter((a) => !want.cells.has(a)),
        ws.name,
      ).toEqual([])
      expect(got.widths, ws.name).toEqual(want.widths)
      expect(got.heights, ws.name).toEqual(want.heights)
      expect(got.merges, ws.name).toEqual(want.merges)
      expect(got.filter, ws.name).toEqual(want.filter)
      expect(got.views, ws.name).toEqual(want.views)
      expect(got.print, ws.name).toEqual(want.print)
    }
    // the lists have rows beyond the first, and the breakdown columns beyond the first unit's
    const units = input.consolidation.units.length
    expect(units).toBeGreaterThan(10)
    expect(sizes[SOURCES_SHEET]).toBeGreaterThan(units * 14 * 5)
    expect(sizes[DETAIL_SHEET]).toBeGreaterThan(units * pack.indicators.length * 0.9)
    expect(sizes[CHECKS_SHEET]).toBeGreaterThan(9 * 3)
  }, 120_000)
})
