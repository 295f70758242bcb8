// Rows of a format 2 pack beyond the immunization form's own: a rate per 1,000 and one per 100,000
// from their operands, a ratio with its own plausible band, and a text column: each judged in a
// unit's file (rule at cell) and recomputed, or left out, in the province's totals.
import { describe, expect, it } from 'vitest'
import { mergeSubmissions } from '../../src-main/core/merge/merge-submissions'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { loadPack } from '../../src-main/core/template/load-pack'
import type { TemplatePack } from '../../src-main/core/template/pack'
import type { PeriodId } from '../../src-main/shared/period'
import { addressOf, formSheet, grid, infoSheet } from '../helpers/form-grid'
import type { Value } from '../helpers/form-grid'
import { IMMUNIZATION_DIR } from '../helpers/immunization-pack'
import { packFiles } from '../helpers/load-test-pack'

const EXTRA_ROWS = `TC.S3,III,CHỈ TIÊU KHÁC,,section,,,,,,,,,,,,
TC.11,10,Số trẻ em dưới 1 tuổi tử vong,trẻ em,count,done source,,,,,,,,,,territorial,flow
TC.10,11,Tỷ suất tử vong trẻ em dưới 1 tuổi,‰,permille,done,,,TC.11,TC.01,1000,,,,,territorial,flow
TC.16,12,Số bà mẹ tử vong liên quan thai sản,người,count,done,,,,,,,,,,territorial,flow
TC.15,13,Tỷ số tử vong mẹ,/100.000 trẻ đẻ sống,rate,done,,,TC.16,TC.01,100000,,,,,territorial,flow
TC.13,14,Số trẻ trai đẻ ra sống,trẻ em,count,done,,,,,,,,,,territorial,flow
TC.14,15,Số trẻ gái đẻ ra sống,trẻ em,count,done,,,,,,,,,,territorial,flow
TC.12,16,Tỷ số giới tính khi sinh,bé trai/100 bé gái,ratio,done,,,TC.13,TC.14,,,,100,120,territorial,stock
`

function extendedPack(): TemplatePack {
  const files = packFiles(IMMUNIZATION_DIR)
  files['indicators.csv'] += EXTRA_ROWS
  const layout = JSON.parse(files['layout.json'] as string) as { columns: unknown[] }
  layout.columns.splice(layout.columns.length - 1, 0, {
    key: 'source',
    role: 'data',
    kind: 'text',
    header: ['Nguồn số liệu'],
    index: '12',
    width: 12,
    nameEn: 'Source',
  })
  files['layout.json'] = JSON.stringify(layout)
  const r = loadPack(files)
  if (!r.ok) throw new Error(JSON.stringify(r.problems))
  return r.pack
}

const pack = extendedPack()
const units = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa' as const, dept: null, aliases: [] },
  { code: '08002', name: 'Xã Bình Lư', kind: 'xa' as const, dept: null, aliases: [] },
]

function analyse(values: Record<string, Record<string, Value>>, unit = '08001') {
  return analyseGrid(
    grid(
      infoSheet({ unitCode: unit, period: '6 tháng đầu năm', year: 2025, templateVersion: 'TCMR-2025.1' }),
      formSheet(
        pack,
        { values, title: 'BÁO CÁO KẾT QUẢ TIÊM CHỦNG MỞ RỘNG 6 THÁNG ĐẦU NĂM 2025' },
        'Bieu TCMR',
      ),
    ),
    { pack, units: indexUnits(units), period: '2025-H1' as PeriodId, fileName: `${unit}.xlsx` },
  )
}
const at = (code: string, col: string) => addressOf(pack, code, col)

/** One commune's rows: births, infant and maternal deaths, boys and girls, and the stated figures. */
function rows(o: {
  births: number
  deaths: number
  mothers: number
  boys: number
  stated?: Partial<Record<string, Value>>
}) {
  const s = o.stated ?? {}
  return {
    'TC.01': { done: o.births, q1: o.births - 10, q2: 10 },
    'TC.11': { done: o.deaths, source: 'Sổ tử vong A6' },
    'TC.10': { done: s['TC.10'] ?? Math.round((o.deaths / o.births) * 1000 * 100) / 100 },
    'TC.16': { done: o.mothers },
    'TC.15': { done: s['TC.15'] ?? Math.round((o.mothers / o.births) * 100000 * 100) / 100 },
    'TC.13': { done: o.boys },
    'TC.14': { done: o.births - o.boys },
    'TC.12': { done: s['TC.12'] ?? Math.round((o.boys / (o.births - o.boys)) * 10000) / 100 },
  }
}
const found = (values: Record<string, Record<string, Value>>) =>
  analyse(values)
    .problems.map((p) => `${p.rule}@${p.cell}`)
    .sort()

describe('rates per 1,000 and 100,000, a ratio with its band, a text column', () => {
  const ok = rows({ births: 400, deaths: 6, mothers: 1, boys: 210 })

  it('accepts figures that keep the rules; the text column is words, not a figure', () => {
    const a = analyse(ok)
    expect(a.problems.filter((p) => p.indicator?.startsWith('TC.1'))).toEqual([])
    expect(a.figures.find((f) => f.indicator === 'TC.11' && f.column === 'source')).toBeUndefined()
    expect(a.figures.find((f) => f.indicator === 'TC.10')?.value).toBe(15)
  })

  it('V12 with the row’s own factor: ‰ and per 100,000', () => {
    const a = analyse(
      rows({ births: 400, deaths: 6, mothers: 1, boys: 210, stated: { 'TC.10': 1.5, 'TC.15': 25 } }),
    )
    const v12 = a.problems.filter((p) => p.rule === 'V12')
    expect(v12.map((p) => p.cell).sort()).toEqual([at('TC.10', 'done'), at('TC.15', 'done')].sort())
    expect(v12.find((p) => p.indicator === 'TC.10')?.message.vi).toContain(
      'TC.11 / TC.01 x 1.000 = 6 / 400 x 1.000 = 15',
    )
    expect(v12.find((p) => p.indicator === 'TC.15')?.message.vi).toContain('x 100.000 = 250')
  })

  it('W08 outside the band the pack gives the ratio, and only there', () => {
    expect(found(rows({ births: 400, deaths: 6, mothers: 1, boys: 215 }))).toEqual([])
    const wide = analyse(rows({ births: 400, deaths: 6, mothers: 1, boys: 225 }))
    const w08 = wide.problems.filter((p) => p.rule === 'W08')
    expect(w08.map((p) => p.cell)).toEqual([at('TC.12', 'done')])
    expect(w08[0]?.message.vi).toBe(
      'Tỷ số giới tính khi sinh (Tổng số) 128,57 nằm ngoài khoảng hợp lý 100-120 bé trai/100 bé gái; hãy kiểm tra lại số liệu',
    )
  })

  it('recomputes each from the province’s numerator and denominator with its factor; text never summed', () => {
    const a = analyse(ok, '08001')
    const b = analyse(rows({ births: 100, deaths: 4, mothers: 1, boys: 48 }), '08002')
    const merged = mergeSubmissions({
      pack,
      period: '2025-H1' as PeriodId,
      units,
      submissions: [a, b].map((x, i) => ({
        unit: units[i]!.code,
        fileName: `${units[i]!.code}.xlsx`,
        version: 1,
        figures: x.figures,
        acceptedWithReason: null,
      })),
    })
    expect(merged.totals['TC.10']?.['done']).toBeCloseTo((10 / 500) * 1000, 9)
    expect(merged.totals['TC.15']?.['done']).toBeCloseTo((2 / 500) * 100000, 9)
    expect(merged.totals['TC.12']?.['done']).toBeCloseTo((258 / 242) * 100, 9)
    expect(merged.totals['TC.11']).toEqual({ done: 10 })
  })
})
