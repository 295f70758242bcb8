// The second bundled pack end to end in the engine: commune files of the 6-month immunization form
// generated from a seed (valid ones, and broken ones: a quarter that does not add up, minority above
// done, a coverage over 120%), each judged with the right rule at the right cell, the accepted ones
// merged (plan and quarters summed, computed columns and coverages recomputed, the text row never
// summed) and written as the province's report, whose cells hold those totals.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import { figuresLayout } from '../../src-main/core/output/form-sheet'
import { packForPeriod } from '../../src-main/core/template/pack-for-period'
import { verifyReport, writeReport } from '../../src-main/core/output/write-report'
import {
  columnLabels,
  ERROR_FILL,
  FEEDBACK_SHEET,
  writeFeedback,
} from '../../src-main/core/output/write-feedback'
import { readWorkbook } from '../../src-main/core/workbook/read-workbook'
import { analyseBytes } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import type { Unit } from '../../src-main/core/units/unit'
import type { PeriodId } from '../../src-main/shared/period'
import { makeCommunes, makeRng } from '../fixtures/generator'
import type { FigureTable } from '../fixtures/generator'
import type { ExpectedAt, ImmunizationMistake } from '../fixtures/generator/immunization'
import {
  breakImmunization,
  IMMUNIZATION_MISTAKES,
  immunizationFigures,
  writeImmunizationFile,
} from '../fixtures/generator/immunization'
import { loadImmunizationPack } from '../helpers/immunization-pack'

const pack = loadImmunizationPack()

type Made = {
  unit: Unit
  figures: FigureTable
  mistake: ImmunizationMistake | null
  expected: ExpectedAt[]
  cells: Record<string, Record<string, string>>
  analysis: SubmissionAnalysis
  bytes: Uint8Array
}

async function season(seed: number, communes: number, period: PeriodId): Promise<Made[]> {
  const rng = makeRng(seed)
  const units: Unit[] = makeCommunes(communes, rng.fork('units')).map((u) => ({
    ...u,
    kind: u.kind as Unit['kind'],
    dept: null,
  }))
  const index = indexUnits(units)
  const out: Made[] = []
  for (const [i, unit] of units.entries()) {
    const r = rng.fork(unit.code)
    const clean = immunizationFigures(pack, r, period)
    // the first communes each carry one mistake, every kind twice
    const mistake = i < IMMUNIZATION_MISTAKES.length * 2 ? (IMMUNIZATION_MISTAKES[i % 3] ?? null) : null
    const broken = mistake ? breakImmunization(clean, mistake, r, period) : { figures: clean, expected: [] }
    const file = await writeImmunizationFile(pack, unit, broken.figures, {
      period,
      rng: r,
      writer: r.pick(['exceljs', 'sheetjs'] as const),
    })
    const analysis = analyseBytes(file.bytes, { pack, units: index, period, fileName: `${unit.code}.xlsx` })
    out.push({
      unit,
      figures: broken.figures,
      mistake,
      expected: broken.expected,
      cells: file.cells,
      analysis,
      bytes: file.bytes,
    })
  }
  return out
}

describe.each(['2025-H1', '2025-Y'] as PeriodId[])(
  'the immunization pack over a generated season %s',
  async (period) => {
    const quarters = period === '2025-Y' ? ['q1', 'q2', 'q3', 'q4'] : ['q1', 'q2']
    const made = await season(2025, 14, period)
    const accepted = made.filter((m) => m.analysis.status === 'accepted')

    it('accepts every valid file with no problem, identified and read cell by cell', () => {
      for (const m of made.filter((x) => x.mistake === null)) {
        expect(m.analysis.problems, m.unit.name).toEqual([])
        expect(m.analysis.unit).toBe(m.unit.code)
        const read = (code: string, col: string) =>
          m.analysis.figures.find((f) => f.indicator === code && f.column === col)
        expect(read('TC.02', 'plan')).toMatchObject({
          value: m.figures['TC.02']?.['plan'],
          cell: m.cells['TC.02']?.['plan'],
        })
        expect(read('TC.04r', 'q2')?.value).toBe(m.figures['TC.04r']?.['q2'])
      }
      expect(accepted.length).toBe(made.length - 6)
    })

    it('rejects each broken file with its one problem, its rule at its cell', () => {
      const broken = made.filter((x) => x.mistake !== null)
      expect(new Set(broken.map((m) => m.mistake))).toEqual(new Set(IMMUNIZATION_MISTAKES))
      for (const m of broken) {
        expect(m.analysis.status, m.mistake ?? '').toBe('rejected')
        expect(
          m.analysis.problems.map((p) => ({
            rule: p.rule,
            indicator: p.indicator,
            column: p.column,
            cell: p.cell,
          })),
          m.mistake ?? '',
        ).toEqual(m.expected.map((e) => ({ ...e, cell: m.cells[e.indicator]?.[e.column] })))
      }
    })

    it('sends each broken file back with its problem cell marked and listed', async () => {
      const m = made.find((x) => x.mistake === 'minority-over-done') as Made
      const out = await writeFeedback({
        bytes: m.bytes,
        format: 'xlsx',
        grid: readWorkbook(m.bytes),
        problems: m.analysis.problems,
        unitName: m.unit.name,
        fileName: `${m.unit.code}.xlsx`,
        columnLabels: columnLabels(pack),
        pack,
      })
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(out as unknown as ArrayBuffer)
      const e = m.expected[0] as ExpectedAt
      const cell = wb
        .getWorksheet(pack.layout.sheets.figures)
        ?.getCell(m.cells[e.indicator]?.[e.column] as string)
      expect((cell?.fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb).toBe(ERROR_FILL)
      const list: string[] = []
      wb.getWorksheet(FEEDBACK_SHEET)?.eachRow((row) => list.push(row.values?.toString() ?? ''))
      expect(list.join('\n')).toContain('V07')
      expect(list.join('\n')).toContain('Trong đó: dân tộc thiểu số (8)')
    })

    const merged = mergeSubmissions({
      pack,
      period,
      units: made.map((m) => m.unit),
      submissions: accepted.map((m) => ({
        unit: m.unit.code,
        fileName: `${m.unit.code}.xlsx`,
        version: 1,
        figures: m.analysis.figures,
        acceptedWithReason: null,
      })),
    })
    const sum = (code: string, col: string): number =>
      accepted.reduce((a, m) => a + (m.figures[code]?.[col] ?? 0), 0)

    it('sums plan, last year, quarters and minority; recomputes done/plan %, coverages; no text', () => {
      for (const code of ['TC.01', 'TC.02', 'TC.03a', 'TC.07'])
        for (const col of ['plan', 'prev', 'done', ...quarters, 'minority'])
          expect(merged.totals[code]?.[col], `${code}.${col}`).toBe(sum(code, col))
      expect(merged.totals['TC.02']?.['pct']).toBeCloseTo(
        (sum('TC.02', 'done') / sum('TC.02', 'plan')) * 100,
        9,
      )
      expect(merged.totals['TC.02']?.['cmp']).toBeCloseTo(
        (sum('TC.02', 'done') / sum('TC.02', 'prev')) * 100,
        9,
      )
      for (const col of ['plan', 'done', 'q1', 'minority'])
        expect(merged.totals['TC.04r']?.[col], col).toBeCloseTo(
          (sum('TC.04', col) / sum('TC.01', col)) * 100,
          9,
        )
      expect(merged.totals['TC.09']).toEqual({})
      expect([...merged.missing].sort()).toEqual(
        made
          .filter((m) => m.mistake)
          .map((m) => m.unit.code)
          .sort(),
      )
      expect(merged.problems).toEqual([])
    })

    it('keeps the source of every plan figure', () => {
      const plan = merged.contributions.filter((c) => c.indicator === 'TC.02' && c.column === 'plan')
      expect(plan.map((c) => [c.unit, c.cell])).toEqual(
        accepted.map((m) => [m.unit.code, m.cells['TC.02']?.['plan']]),
      )
    })

    it('writes the province report with those totals in their cells', async () => {
      const bytes = await writeReport({
        pack,
        consolidation: merged,
        units: made.map((m) => m.unit),
        header: {
          governingBody: 'UBND TỈNH LAI CHÂU',
          issuer: 'SỞ Y TẾ',
          number: '15/BC-SYT',
          place: 'Lai Châu',
          date: '2025-07-10',
          signerTitle: ['GIÁM ĐỐC'],
          signer: 'Nguyễn Văn An',
          preparer: 'Lò Thị Mai',
          recipients: [],
        },
      })
      expect(verifyReport(bytes, pack, merged)).toEqual([])
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(bytes as unknown as ArrayBuffer)
      const ws = wb.getWorksheet(pack.layout.sheets.figures)
      const L = figuresLayout(packForPeriod(pack, period))
      const at = (code: string, col: string) => ws?.getCell(L.rowOf(code), L.colOf(col)).value
      expect(at('TC.02', 'plan')).toBe(sum('TC.02', 'plan'))
      expect(at('TC.05', 'q2')).toBe(sum('TC.05', 'q2'))
      expect(at('TC.02', 'pct') as number).toBeCloseTo((sum('TC.02', 'done') / sum('TC.02', 'plan')) * 100, 9)
      expect(at('TC.06r', 'done') as number).toBeCloseTo(
        (sum('TC.06', 'done') / sum('TC.01', 'done')) * 100,
        9,
      )
      expect(at('TC.09', 'done')).toBeNull()
      // Quý III–IV are columns of the annual form only
      const headers = new Set<string>()
      ws?.getRow(L.headerRow + 1).eachCell((c) => headers.add(String(c.value)))
      if (period === '2025-Y') {
        expect(at('TC.05', 'q4')).toBe(sum('TC.05', 'q4'))
        expect(headers).toContain('Quý IV')
      } else expect(headers).not.toContain('Quý III')
    })
  },
)
