// Periods a pack declares (months, quarters, halves, nine months, the year), how a file's period is
// read in words, and the columns that exist only in some periods: not read, not checked, not written.
import * as XLSX from '@e965/xlsx'
import { describe, expect, it } from 'vitest'
import { loadPack } from '../../src-main/core/template/load-pack'
import { packProblemsText } from '../../src-main/core/template/pack-problem'
import { packForPeriod } from '../../src-main/core/template/pack-for-period'
import { defaultPeriodKind, undeclaredPeriod } from '../../src-main/core/template/pack-periods'
import { periodKindOf, periodOfTitle } from '../../src-main/core/submission/read-period'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import { writeBlankForm } from '../../src-main/core/output/write-blank'
import type { PeriodId } from '../../src-main/shared/period'
import { formSheet, grid, infoSheet } from '../helpers/form-grid'
import type { Value } from '../helpers/form-grid'
import { loadTestPack, MONTHLY_PACK_DIR, packFiles } from '../helpers/load-test-pack'

const monthly = loadTestPack(MONTHLY_PACK_DIR)
const childWork = loadTestPack()
const units = indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }])

describe('a pack with monthly periods', () => {
  it('loads with its twelve months and the year, and offers only those', () => {
    expect(monthly.layout.periods.map((p) => p.key)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`),
      'Y',
    ])
    expect(undeclaredPeriod(monthly, '2025-M03' as PeriodId)).toBeNull()
    const q = undeclaredPeriod(monthly, '2025-Q1' as PeriodId)
    expect(q?.vi).toContain('không có kỳ Quý I năm 2025 (2025-Q1)')
    expect(q?.vi).toContain('Tháng 3 năm 2025 (2025-M03)')
    expect(q?.en).toContain('March 2025 (2025-M03)')
    expect(defaultPeriodKind(monthly)).toBe('Y')
  })

  it('refuses a period key twice, a column period the pack does not declare, and periods on a code column', () => {
    const files = packFiles(MONTHLY_PACK_DIR)
    const layout = JSON.parse(files['layout.json'] as string) as {
      periods: { key: string }[]
      columns: { key: string; periods?: string[] }[]
    }
    const twice = structuredClone(layout)
    twice.periods.push({ ...(twice.periods[0] as { key: string }) })
    const r1 = loadPack({ ...files, 'layout.json': JSON.stringify(twice) })
    expect(r1.ok).toBe(false)
    if (!r1.ok) expect(packProblemsText(r1.problems, 'vi').join('\n')).toContain('periods')
    const undeclared = structuredClone(layout)
    ;(undeclared.columns.find((c) => c.key === 'ethnic') as { periods?: string[] }).periods = ['Q3']
    const r2 = loadPack({ ...files, 'layout.json': JSON.stringify(undeclared) })
    expect(r2.ok).toBe(false)
    if (!r2.ok)
      expect(packProblemsText(r2.problems, 'vi').join('\n')).toMatch(
        /columns\.8\.periods: cột "ethnic": kỳ Q3/,
      )
    const code = structuredClone(layout)
    ;(code.columns.find((c) => c.key === 'code') as { periods?: string[] }).periods = ['Y']
    const r3 = loadPack({ ...files, 'layout.json': JSON.stringify(code) })
    expect(r3.ok).toBe(false)
    if (!r3.ok)
      expect(packProblemsText(r3.problems, 'en').join('\n')).toMatch(
        /columns\.1\.periods: column "code": only a data, plan or note column/,
      )
  })
})

describe('reading a period in words', () => {
  it('reads the title line of every kind of period, whole words only', () => {
    expect(periodOfTitle('BÁO CÁO CÂN TRẺ EM DƯỚI 5 TUỔI THÁNG 3 NĂM 2025')).toEqual({
      kind: 'M03',
      year: 2025,
    })
    expect(periodOfTitle('BÁO CÁO THÁNG 12/2025')).toEqual({ kind: 'M12', year: 2025 })
    expect(periodOfTitle('BÁO CÁO THÁNG 1 NĂM 2025')).toEqual({ kind: 'M01', year: 2025 })
    expect(periodOfTitle('BÁO CÁO QUÝ I NĂM 2025')).toEqual({ kind: 'Q1', year: 2025 })
    expect(periodOfTitle('Báo cáo quý III năm 2025')).toEqual({ kind: 'Q3', year: 2025 })
    expect(periodOfTitle('BÁO CÁO 9 THÁNG ĐẦU NĂM 2025')).toEqual({ kind: '9M', year: 2025 })
    expect(periodOfTitle('BIỂU SỐ LIỆU 6 THÁNG ĐẦU NĂM 2025')).toEqual({ kind: 'H1', year: 2025 })
    expect(periodOfTitle('BIỂU SỐ LIỆU NĂM 2025')).toEqual({ kind: 'Y', year: 2025 })
    // a span of months is the year's report, not a month
    expect(periodOfTitle('BÁO CÁO NĂM 2025 (TỪ THÁNG 1 ĐẾN THÁNG 12)')).toEqual({ kind: 'Y', year: 2025 })
  })

  it('reads Kỳ báo cáo by the pack’s words first, then the usual words', () => {
    expect(periodKindOf('Tháng 3', monthly)).toBe('M03')
    expect(periodKindOf('Tháng 03', monthly)).toBe('M03')
    expect(periodKindOf('Tháng 10', monthly)).toBe('M10')
    expect(periodKindOf('T11', monthly)).toBe('M11')
    expect(periodKindOf('Năm', monthly)).toBe('Y')
    // the child-work form has no months, yet a month is read as a month (S04, not S09)
    expect(periodKindOf('Tháng 3', childWork)).toBe('M03')
    expect(periodKindOf('Quý II', childWork)).toBe('Q2')
    expect(periodKindOf('6 tháng đầu năm', childWork)).toBe('H1')
  })

  it('says a file of a period the form lacks in words (S04)', () => {
    const g = grid(
      infoSheet({ unitCode: '08001', period: 'Quý I', year: 2025, templateVersion: 'TE-2025.1' }),
      formSheet(childWork),
    )
    const a = analyseGrid(g, { pack: childWork, units, period: '2025-Y' as PeriodId, fileName: 'x.xlsx' })
    const s04 = a.problems.find((p) => p.rule === 'S04')
    expect(a.period).toBe('2025-Q1')
    expect(s04?.message.vi).toContain('Tệp là báo cáo quý I năm 2025, không phải năm 2025')
    expect(s04?.message.en).toContain('Q1 2025')
  })
})

describe('a column that exists only in the annual form', () => {
  const m03 = packForPeriod(monthly, '2025-M03' as PeriodId)
  const y = packForPeriod(monthly, '2025-Y' as PeriodId)

  it('is left out of the month’s form and kept in the year’s', () => {
    expect(m03.dataColumnKeys).toEqual(['total', 'male', 'female'])
    expect(m03.byCode.get('CT.01')?.dataColumns).toEqual(['total', 'male', 'female'])
    expect(m03.rules).toEqual([])
    expect(y).toBe(monthly)
    expect(y.dataColumnKeys).toContain('ethnic')
  })

  const file = (period: string, columns: string[], values: Record<string, Record<string, Value>>) =>
    grid(
      infoSheet({ unitCode: '08001', period, year: 2025, templateVersion: 'CT-2025.1' }),
      formSheet(
        monthly,
        {
          title: `BÁO CÁO CÂN TRẺ EM DƯỚI 5 TUỔI ${period.toUpperCase()} NĂM 2025`,
          columnOrder: columns,
          values,
        },
        'Bieu DD',
      ),
    )
  const values = {
    'CT.01': { total: 100, male: 60, female: 40, ethnic: 10 },
    'CT.02': { total: 20, male: 12, female: 8, ethnic: 30 },
    'CT.02r': { total: 20 },
  }
  const fixed = ['prev', 'total', 'male', 'female']

  it('is not demanded in a month, and a month’s file without it is clean', () => {
    const a = analyseGrid(file('Tháng 3', [...fixed, 'compare', 'note'], values), {
      pack: monthly,
      units,
      period: '2025-M03' as PeriodId,
      fileName: 'x.xlsx',
    })
    expect(a.period).toBe('2025-M03')
    expect(a.problems).toEqual([])
    expect(a.figures.some((f) => f.column === 'ethnic')).toBe(false)
  })

  it('is neither read nor checked in a month even when a unit fills it, and is checked in the year', () => {
    const all = [...fixed, 'ethnic', 'compare', 'note']
    const month = analyseGrid(file('Tháng 3', all, values), {
      pack: monthly,
      units,
      period: '2025-M03' as PeriodId,
      fileName: 'x.xlsx',
    })
    expect(month.problems.map((p) => p.rule)).toEqual([])
    expect(month.figures.some((f) => f.column === 'ethnic')).toBe(false)
    const year = analyseGrid(file('Năm', all, values), {
      pack: monthly,
      units,
      period: '2025-Y' as PeriodId,
      fileName: 'x.xlsx',
    })
    // CT.02 ethnic 30 > CT.02 total 20 (V07), and above CT.01 ethnic 10 (V10 and the pack's W02a)
    expect(year.problems.map((p) => `${p.rule}:${p.indicator}.${p.column}`).sort()).toEqual([
      'V07:CT.02.ethnic',
      'V10:CT.01.ethnic',
      'W02a:CT.02.ethnic',
    ])
  })

  it('is left out of a month’s blank form and merged report figures', async () => {
    const blank = XLSX.read(await writeBlankForm(monthly, { period: 'M03', year: 2025 }), { type: 'array' })
    const text = XLSX.utils.sheet_to_csv(blank.Sheets['Bieu DD'] as XLSX.WorkSheet)
    expect(text).toContain('THÁNG 3 2025')
    expect(text).not.toContain('Dân tộc thiểu số')
    const annual = XLSX.read(await writeBlankForm(monthly, { period: 'Y', year: 2025 }), { type: 'array' })
    expect(XLSX.utils.sheet_to_csv(annual.Sheets['Bieu DD'] as XLSX.WorkSheet)).toContain('Dân tộc thiểu số')

    const merged = mergeSubmissions({
      pack: monthly,
      period: '2025-M03' as PeriodId,
      units: [{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }],
      submissions: [
        {
          unit: '08001',
          fileName: 'x.xlsx',
          version: 1,
          acceptedWithReason: null,
          figures: [
            {
              indicator: 'CT.01',
              column: 'total',
              value: 100,
              sheet: 'Bieu DD',
              cell: 'F10',
              raw: '100',
              notes: [],
            },
            {
              indicator: 'CT.01',
              column: 'ethnic',
              value: 10,
              sheet: 'Bieu DD',
              cell: 'I10',
              raw: '10',
              notes: [],
            },
          ],
        },
      ],
    })
    expect(merged.totals['CT.01']?.total).toBe(100)
    expect(Object.keys(merged.totals['CT.01'] ?? {})).not.toContain('ethnic')
  })
})
