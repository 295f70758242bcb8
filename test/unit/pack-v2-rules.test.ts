// The rules of a format 2 pack (the bundled immunization form) on a unit's file: groups of columns
// that add up (quarters), an "of which" column, a plan column checked like the figures, computed
// columns, bounds from the pack (a coverage up to 120%), rules against a number and with messages
// built from the pack's labels, a text row; each problem with its rule, cell and words.
import { describe, expect, it } from 'vitest'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { PeriodId } from '../../src-main/shared/period'
import { addressOf, formSheet, grid, infoSheet, sheet } from '../helpers/form-grid'
import type { Value } from '../helpers/form-grid'
import { loadImmunizationPack } from '../helpers/immunization-pack'

const pack = loadImmunizationPack()
const units = indexUnits([{ code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] }])
const INFO = { unitCode: '08001', period: '6 tháng đầu năm', year: 2025, templateVersion: 'TCMR-2025.1' }

type Row = { plan?: number; prev?: number; q1: number; q2: number; minority?: number }
/** births, then each vaccine's count; every rate and computed column follows from them */
const BASE: Record<string, Row> = {
  'TC.01': { plan: 200, prev: 190, q1: 95, q2: 100, minority: 60 },
  'TC.02': { plan: 190, prev: 180, q1: 90, q2: 92, minority: 55 },
  'TC.03': { plan: 195, prev: 185, q1: 94, q2: 98, minority: 58 },
  'TC.03a': { plan: 190, prev: 170, q1: 90, q2: 95, minority: 55 },
  'TC.04': { plan: 195, prev: 188, q1: 95, q2: 99, minority: 59 },
  'TC.05': { plan: 190, prev: 181, q1: 91, q2: 93, minority: 56 },
  'TC.06': { plan: 190, prev: 182, q1: 91, q2: 94, minority: 56 },
  'TC.07': { plan: 190, prev: 183, q1: 92, q2: 95, minority: 57 },
  'TC.08': { prev: 1, q1: 0, q2: 1 },
}
const round2 = (x: number) => Math.round(x * 100) / 100

function validValues(): Record<string, Record<string, Value>> {
  const out: Record<string, Record<string, Value>> = {}
  for (const [code, r] of Object.entries(BASE)) {
    const done = r.q1 + r.q2
    const row: Record<string, Value> = { q1: r.q1, q2: r.q2, done }
    if (r.prev !== undefined) row['prev'] = r.prev
    if (r.plan !== undefined) {
      row['plan'] = r.plan
      row['minority'] = r.minority ?? null
    }
    if (code !== 'TC.01' && code !== 'TC.08' && r.plan !== undefined && r.prev !== undefined) {
      row['pct'] = round2((done / r.plan) * 100)
      row['cmp'] = round2((done / r.prev) * 100)
    }
    out[code] = row
  }
  for (const ind of pack.indicators) {
    if (ind.kind !== 'rate' || !ind.num || !ind.den) continue
    const num = out[ind.num] as Record<string, number>
    const den = out[ind.den] as Record<string, number>
    const row: Record<string, Value> = {}
    for (const col of ind.mergedColumns) row[col] = round2((num[col]! / den[col]!) * ind.scale)
    out[ind.code] = row
  }
  out['TC.09'] = { done: 'Tiêm vét sởi tháng 5 tại 3 thôn' }
  return out
}

function analyse(change: (v: Record<string, Record<string, Value>>) => void = () => {}) {
  const values = validValues()
  change(values)
  return analyseGrid(
    grid(
      infoSheet(INFO),
      formSheet(
        pack,
        { values, title: 'BÁO CÁO KẾT QUẢ TIÊM CHỦNG MỞ RỘNG 6 THÁNG ĐẦU NĂM 2025' },
        'Bieu TCMR',
      ),
    ),
    {
      pack,
      units,
      period: '2025-H1' as PeriodId,
      fileName: 'tam-duong.xlsx',
    },
  )
}
const at = (code: string, col: string) => addressOf(pack, code, col)
const found = (change: Parameters<typeof analyse>[0]) =>
  analyse(change).problems.map((p) => `${p.rule}@${p.cell ?? '-'}`)
const set = (code: string, col: string, v: Value) => (values: Record<string, Record<string, Value>>) => {
  ;(values[code] as Record<string, Value>)[col] = v
}

describe('a format 2 pack on a unit file', () => {
  it('accepts a file whose figures keep every rule, reading the plan, quarters and computed columns', () => {
    const a = analyse()
    expect(a.problems).toEqual([])
    expect(a.status).toBe('accepted')
    const fig = (code: string, col: string) => a.figures.find((f) => f.indicator === code && f.column === col)
    expect(fig('TC.02', 'plan')).toMatchObject({ value: 190, cell: at('TC.02', 'plan') })
    expect(fig('TC.02', 'q2')).toMatchObject({ value: 92, cell: at('TC.02', 'q2') })
    expect(fig('TC.02', 'pct')?.value).toBeCloseTo(95.79, 2)
    // words in a text row are not a figure and not an error
    expect(fig('TC.09', 'done')).toBeUndefined()
  })

  it('V06: quarters that do not add up to the total, at the first quarter, named by the group', () => {
    const a = analyse(set('TC.08', 'q1', 3))
    expect(a.problems.map((p) => `${p.rule}@${p.cell}`)).toEqual([`V06@${at('TC.08', 'q1')}`])
    expect(a.problems[0]?.message.vi).toBe(
      'Thực hiện theo quý: Quý I (3) + Quý II (1) = 4 khác Tổng số (1); hãy sửa ô sai để tổng khớp',
    )
  })

  it('V07: the "of which" column above its total, in the words of the columns', () => {
    const a = analyse(set('TC.05', 'minority', 190))
    // the minority coverage (TC.05r) no longer matches either: V12 there
    expect(a.problems.map((p) => `${p.rule}@${p.cell}`)).toEqual([
      `V07@${at('TC.05', 'minority')}`,
      `V12@${at('TC.05r', 'minority')}`,
    ])
    expect(a.problems[0]?.message.vi).toBe(
      'Trong đó: dân tộc thiểu số (190) lớn hơn Tổng số (184); Trong đó: dân tộc thiểu số là một phần của Tổng số, hãy sửa ô sai',
    )
  })

  it('V03: a coverage may pass 100% up to the pack’s 120%, not beyond', () => {
    expect(found(set('TC.04r', 'done', 110))).toEqual([`V12@${at('TC.04r', 'done')}`])
    const over = analyse(set('TC.04r', 'done', 121.5))
    expect(over.problems.map((p) => `${p.rule}@${p.cell}`)).toEqual([`V03@${at('TC.04r', 'done')}`])
    expect(over.problems[0]?.message.vi).toBe(
      'Tổng số: tỷ lệ 121,5% lớn hơn 120%; hãy kiểm tra lại tử số và mẫu số',
    )
  })

  it('W05: a computed column that is not its columns’ quotient, naming them', () => {
    const a = analyse(set('TC.05', 'pct', 90))
    expect(a.problems.map((p) => `${p.rule}@${p.cell}`)).toEqual([`W05@${at('TC.05', 'pct')}`])
    expect(a.problems[0]?.message.vi).toBe(
      'Tỷ lệ đạt so với kế hoạch (%) ghi 90%, nhưng Tổng số / Kế hoạch x 100 = 96,84%; hãy sửa lại ô này',
    )
  })

  it('the plan column is checked by the rows’ relations: parts above their row (V10)', () => {
    const a = analyse(set('TC.03a', 'plan', 200))
    expect(a.problems.map((p) => `${p.rule}@${p.cell}`).sort()).toEqual(
      // and the plan's own consequences: the planned coverage and done / plan % of TC.03a
      [`V10@${at('TC.03', 'plan')}`, `V12@${at('TC.03r', 'plan')}`, `W05@${at('TC.03a', 'pct')}`].sort(),
    )
  })

  it('a rule with no message speaks with the rows’ labels and the column’s name', () => {
    const a = analyse((v) => {
      set('TC.02', 'q1', 93)(v)
      set('TC.02', 'done', 185)(v)
      set('TC.07', 'q1', 80)(v)
      set('TC.07', 'done', 175)(v)
    })
    const v08a = a.problems.find((p) => p.rule === 'V08a' && p.column === 'done')
    expect(v08a?.cell).toBe(at('TC.02', 'done'))
    expect(v08a?.message.vi).toMatch(
      /^Số trẻ em dưới 1 tuổi được tiêm chủng đầy đủ \(Tổng số\) không được lớn hơn Số trẻ em dưới 1 tuổi được tiêm vắc xin sởi mũi 1 \(Tổng số\) \(TC\.02 Tổng số: 185; TC\.07 Tổng số: 175\)/,
    )
  })

  it('rules against a number: > 0 with its own message, >= 30 with a built one', () => {
    const zero = analyse((v) => {
      v['TC.01'] = { ...v['TC.01'], q1: 0, q2: 0, done: 0 }
    })
    const w02a = zero.problems.find((p) => p.rule === 'W02a')
    expect(w02a).toMatchObject({ severity: 'warning', cell: at('TC.01', 'done'), column: 'done', value: 0 })
    expect(w02a?.message.vi).toMatch(/^Số trẻ đẻ ra sống trong kỳ thường lớn hơn 0 \(TC\.01 Tổng số: 0\)/)
    const low = analyse((v) => {
      set('TC.02r', 'done', 25)(v)
    })
    const w02b = low.problems.find((p) => p.rule === 'W02b')
    expect(w02b?.cell).toBe(at('TC.02r', 'done'))
    expect(w02b?.message.vi).toMatch(
      /^Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ \(Tổng số\) không được nhỏ hơn 30/,
    )
  })

  it('W04 and W06 compare the main column with the previous period, in the columns’ names', () => {
    const far = analyse(set('TC.08', 'prev', 40))
    expect(far.problems.map((p) => `${p.rule}@${p.cell}`)).toEqual([`W04@${at('TC.08', 'done')}`])
    expect(far.problems[0]?.message.vi).toMatch(
      /^Tổng số \(1\) chênh lệch hơn 50% so với Cùng kỳ năm trước \(40\)/,
    )
  })

  it('a text row holds words, never read as a figure (no V01)', () => {
    expect(found(set('TC.09', 'done', 'không có'))).toEqual([])
    expect(found(set('TC.09', 'done', 12))).toEqual([])
  })
})

describe('a format 2 pack merged', () => {
  const UNITS = [
    { code: '08001', name: 'Xã Tam Đường', kind: 'xa' as const, dept: null, aliases: [] },
    { code: '08002', name: 'Xã Bình Lư', kind: 'xa' as const, dept: null, aliases: [] },
  ]
  const first = analyse()
  const second = analyse((v) => {
    set('TC.02', 'plan', 150)(v)
    set('TC.02', 'pct', round2((182 / 150) * 100))(v)
    set('TC.02r', 'plan', 75)(v)
  })
  const merged = mergeSubmissions({
    pack,
    period: '2025-H1' as PeriodId,
    units: UNITS,
    submissions: [first, second].map((a, i) => ({
      unit: UNITS[i]!.code,
      fileName: `${UNITS[i]!.code}.xlsx`,
      version: 1,
      figures: a.figures,
      acceptedWithReason: null,
    })),
  })
  const t = (code: string) => merged.totals[code] ?? {}

  it('sums the plan, the quarters and the "of which" column; recomputes the computed columns', () => {
    expect(t('TC.02')).toMatchObject({ plan: 340, prev: 360, done: 364, q1: 180, q2: 184, minority: 110 })
    // done / plan and done / last year from the province's totals, never the sum of the units' %
    expect(t('TC.02')['pct']).toBeCloseTo((364 / 340) * 100, 9)
    expect(t('TC.02')['cmp']).toBeCloseTo((364 / 360) * 100, 9)
  })

  it('recomputes coverage rates from the merged numerator and denominator in every column', () => {
    expect(t('TC.02r')['done']).toBeCloseTo((364 / 390) * 100, 9)
    expect(t('TC.02r')['plan']).toBeCloseTo((340 / 400) * 100, 9)
    expect(t('TC.02r')['q1']).toBeCloseTo((180 / 190) * 100, 9)
  })

  it('never sums a text row', () => {
    expect(t('TC.09')).toEqual({})
    expect(merged.problems).toEqual([])
  })
})

describe('a file with no table of the form', () => {
  it('S02 names the header texts of the form’s code and label columns', () => {
    const a = analyseGrid(grid(infoSheet(INFO), sheet('Sheet1', [['Danh sách trẻ'], ['Nguyễn Văn A', 1]])), {
      pack,
      units,
      period: '2025-H1' as PeriodId,
      fileName: 'x.xlsx',
    })
    expect(a.problems.find((p) => p.rule === 'S02')?.message.vi).toBe(
      'Không tìm thấy bảng số liệu: không có sheet nào có dòng tiêu đề của biểu (Mã chỉ tiêu, Nội dung chỉ tiêu) và các dòng chỉ tiêu',
    )
  })
})
