import { describe, expect, it } from 'vitest'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { Unit } from '../../src-main/core/units/unit'
import type { PeriodId } from '../../src-main/shared/period'
import { loadTestPack } from '../helpers/load-test-pack'
import { addressOf, formSheet, grid, infoSheet, sheet } from '../helpers/form-grid'
import type { FormOptions } from '../helpers/form-grid'
import { figureRuleCases } from '../helpers/rule-cases'

const pack = loadTestPack()
const UNITS: Unit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: ['Tam Duong'] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: ['Công an tỉnh Lai Châu'] },
  { code: 'SYT', name: 'Sở Y tế', kind: 'so_nganh', dept: 'SYT', aliases: [] },
]
const units = indexUnits(UNITS)
const period = '2025-Y' as PeriodId

function analyse(
  o: FormOptions = {},
  info: Record<string, unknown> | null = {
    unitCode: '08001',
    period: 'Năm',
    year: 2025,
    templateVersion: 'TE-2025.1',
  },
  fileName = 'bao-cao.xlsx',
) {
  const sheets = [formSheet(pack, o)]
  if (info) sheets.unshift(infoSheet(info as never))
  return analyseGrid(grid(...sheets), { pack, units, period, fileName })
}

const rules = (a: ReturnType<typeof analyse>) => a.problems.map((p) => `${p.rule}@${p.cell ?? '-'}`).sort()

describe('analyseGrid: identification', () => {
  it('accepts a clean blank form from a commune and reads who sent it', () => {
    const a = analyse()
    expect(a.problems).toEqual([])
    expect(a.status).toBe('accepted')
    expect(a.unit).toBe('08001')
    expect(a.unitSource).toBe('info-code')
    expect(a.period).toBe('2025-Y')
    expect(a.table?.rowCount).toBe(pack.indicators.length)
  })

  it('matches a code that lost its leading zero, and a name written with UBND and no diacritics', () => {
    expect(analyse({}, { unitCode: 8001, period: 'Năm', year: 2025 }).unit).toBe('08001')
    const byName = analyse(
      { unitLine: 'UBND PHƯỜNG TÂN PHONG' },
      { unitName: 'UBND phuong Tan Phong', period: 'Năm', year: 2025 },
    )
    expect(byName.unit).toBe('08002')
    expect(byName.unitSource).toBe('info-name')
  })

  it('falls back to the header block, then the file name', () => {
    expect(analyse({ unitLine: 'UBND XÃ TAM ĐƯỜNG' }, null).unit).toBe('08001')
    const byFile = analyse({ unitLine: 'UBND' }, null, 'in/08002-phuong-tan-phong.xlsx')
    expect(byFile.unit).toBe('08002')
    expect(byFile.unitSource).toBe('file-name')
  })

  it('reports S03 at the code cell when the code and the header name different units', () => {
    const a = analyse({ unitLine: 'UBND PHƯỜNG TÂN PHONG' }, { unitCode: '08001', period: 'Năm', year: 2025 })
    expect(rules(a)).toEqual(['S03@B1'])
    expect(a.status).toBe('rejected')
    expect(a.unit).toBeNull()
  })

  it('reports S03 for a unit that is not in the list', () => {
    const a = analyse(
      { unitLine: 'UBND XÃ KHÔNG CÓ' },
      { unitCode: '99999', unitName: 'Xã Không Có', period: 'Năm', year: 2025 },
      'x.xlsx',
    )
    expect(a.problems.map((p) => p.rule)).toEqual(['S03'])
  })

  it('reports S04 at the year cell for another year, and reads the period from the title', () => {
    const a = analyse({}, { unitCode: '08001', period: 'Năm', year: 2024 })
    expect(rules(a)).toEqual(['S04@B4'])
    const h1 = analyse({ title: 'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM 6 THÁNG ĐẦU NĂM 2025' }, null)
    expect(h1.period).toBe('2025-H1')
    expect(rules(h1)).toEqual(['S04@A4'])
  })

  it('assumes the period being consolidated with S09 when none can be read', () => {
    const a = analyse({ title: 'BIỂU SỐ LIỆU CÔNG TÁC TRẺ EM' }, { unitCode: '08001' })
    expect(rules(a)).toEqual(['S09@-'])
    expect(a.period).toBe('2025-Y')
    expect(a.status).toBe('accepted')
  })

  it('warns S05 for an older form version and W07 for a title of another year', () => {
    const a = analyse(
      { title: 'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM NĂM 2024' },
      { unitCode: '08001', period: 'Năm', year: 2025, templateVersion: 'TE-2024.2' },
    )
    expect(rules(a)).toEqual(['S05@B6', 'W07@A4'])
    expect(a.status).toBe('accepted')
  })
})

describe('analyseGrid: finding the table through drift', () => {
  const values = { 'TE.0101': { prev: 5000, total: 5100, male: 2600, female: 2500 } }
  it('reads the table with rows inserted above and columns reordered', () => {
    const a = analyse({
      values,
      extraTopRows: 3,
      columnOrder: [
        'prev',
        'female',
        'male',
        'total',
        'age_0_6',
        'age_6_11',
        'age_11_16',
        'ethnic',
        'compare',
        'note',
      ],
    })
    expect(a.problems).toEqual([])
    const f = a.figures.find((x) => x.indicator === 'TE.0101' && x.column === 'total')
    expect(f?.value).toBe(5100)
    expect(f?.cell).toBe('H14')
  })

  it('reads labels when the code column is empty, and prefers the visible sheet to a hidden old copy', () => {
    const old = formSheet(pack, { values: { 'TE.0101': { total: 1 } } }, 'Cu')
    const g = grid(
      infoSheet({ unitCode: '08001', period: 'Năm', year: 2025 }),
      { ...old, hidden: true },
      formSheet(pack, { values, codeColumn: false }, 'Biểu 1'),
    )
    const a = analyseGrid(g, { pack, units, period, fileName: 'f.xlsx' })
    expect(a.table?.sheet).toBe('Biểu 1')
    expect(a.figures.find((x) => x.indicator === 'TE.0101' && x.column === 'total')?.value).toBe(5100)
  })

  it('reports S02 when no sheet has the table', () => {
    const a = analyseGrid(grid(sheet('Sheet1', [['Báo cáo'], ['1', '2']])), {
      pack,
      units,
      period,
      fileName: '08001.xlsx',
    })
    expect(a.problems.map((p) => p.rule)).toContain('S02')
    expect(a.status).toBe('rejected')
  })

  it('reports S06 for a missing territorial row but not for a department row', () => {
    const a = analyse({ omit: ['TE.0203', 'XH.0104'] })
    expect(a.problems.map((p) => `${p.rule}:${p.indicator}`)).toEqual(['S06:TE.0203'])
  })

  it('a department that sends only its own rows is complete', () => {
    const own = pack.indicators.filter((i) => i.owner !== 'CA' && i.kind !== 'section').map((i) => i.code)
    const a = analyse(
      { omit: own, unitLine: 'CÔNG AN TỈNH LAI CHÂU' },
      { unitCode: 'CA', period: 'Năm', year: 2025 },
    )
    expect(a.problems).toEqual([])
    expect(a.unit).toBe('CA')
  })

  it('reports S07 at the first filled cell of a row that matches no indicator, and of a repeated code', () => {
    const a = analyse({
      extraRows: [
        ['46', 'TE.9999', 'Chỉ tiêu lạ', 'người', null, 12],
        ['1', 'TE.0101', 'Dân số trẻ em (dưới 16 tuổi)', 'người', 5],
      ],
    })
    expect(rules(a)).toEqual([
      `S07@E${9 + pack.indicators.length + 2}`,
      `S07@F${9 + pack.indicators.length + 1}`,
    ])
  })
})

describe('analyseGrid: every figure rule at its cell', () => {
  const at = (code: string, col: string) => addressOf(pack, code, col)
  const cases = figureRuleCases(pack)
  it.each(cases)('%s', (_name, values, expected) => {
    expect(rules(analyse({ values }))).toEqual(expected.sort())
  })

  it('reads Vietnamese text numbers with a note and keeps the raw text', () => {
    const a = analyse({ values: { 'TE.0101': { total: '1.234', male: '617 em', female: '617' } } })
    expect(a.problems).toEqual([])
    const f = a.figures.find((x) => x.indicator === 'TE.0101' && x.column === 'total')
    expect(f?.value).toBe(1234)
    expect(f?.raw).toBe('1.234')
    expect(f?.notes.length).toBeGreaterThan(0)
  })

  it('a value that failed V02 counts as blank in the other rules', () => {
    expect(rules(analyse({ values: { 'TE.0103': { total: '1,234', male: 1, female: 1 } } }))).toEqual([
      `V02@${at('TE.0103', 'total')}`,
    ])
  })
})

describe('analyseGrid: the period from the file name', () => {
  it('reads the period from the file name when the content has none', () => {
    const g = grid(formSheet(pack, { title: 'BIỂU SỐ LIỆU CÔNG TÁC TRẺ EM' }))
    const h1 = analyseGrid(g, { pack, units, period, fileName: 'in/08001_bao_cao_6_thang_dau_nam_2025.xlsx' })
    expect(h1.period).toBe('2025-H1')
    expect(h1.problems.map((p) => p.rule)).toEqual(['S04'])
    const y = analyseGrid(g, { pack, units, period, fileName: 'in/08001-bc-nam-2025.xlsx' })
    expect(y.period).toBe('2025-Y')
    expect(y.problems).toEqual([])
  })
})

describe('analyseGrid: a unit assigned by hand', () => {
  const nobody = { unitCode: '99999', unitName: 'Xã Không Có', period: 'Năm', year: 2025 }
  const byHand = (o: FormOptions, forcedUnit: string) =>
    analyseGrid(grid(infoSheet(nobody as never), formSheet(pack, { unitLine: 'UBND XÃ KHÔNG CÓ', ...o })), {
      pack,
      units,
      period,
      fileName: 'bao-cao.xlsx',
      forcedUnit,
    })

  it('takes the chosen unit instead of S03, and the file is accepted', () => {
    expect(rules(analyse({ unitLine: 'UBND XÃ KHÔNG CÓ' }, nobody, 'x.xlsx'))).toEqual(['S03@B1'])
    const a = byHand({ values: { 'TE.0101': { total: 10, male: 6, female: 4 } } }, '08002')
    expect(a.unit).toBe('08002')
    expect(a.unitSource).toBe('manual')
    expect(a.problems).toEqual([])
    expect(a.status).toBe('accepted')
    expect(a.figures.find((f) => f.indicator === 'TE.0101' && f.column === 'total')?.value).toBe(10)
  })

  it('checks the rows the chosen unit must fill (S06)', () => {
    const caRow = pack.indicators.find((i) => i.owner === 'CA' && i.kind !== 'section')?.code as string
    const o = { omit: ['TE.0203', caRow] }
    expect(byHand(o, '08001').problems.map((p) => `${p.rule}:${p.indicator}`)).toEqual(['S06:TE.0203'])
    expect(byHand(o, 'CA').problems.map((p) => `${p.rule}:${p.indicator}`)).toEqual([`S06:${caRow}`])
    expect(byHand(o, 'CA').status).toBe('rejected')
  })

  it('a code that is not in the unit list is still S03', () => {
    const a = byHand({}, '77777')
    expect(a.unit).toBeNull()
    expect(a.problems.map((p) => p.rule)).toEqual(['S03'])
    expect(a.problems[0]?.value).toBe('77777')
  })
})

describe('analyseGrid: headers drawn differently', () => {
  it('reads `Trong đó: Nam` and `Nữ (người)` as the sex columns, and a single header row', () => {
    const s = formSheet(pack, { values: { 'TE.0101': { total: 10, male: 6, female: 4 } } })
    const rows = s.rows.map((r) => [...(r ?? [])])
    const header1 = rows[6]!
    const header2 = rows[7]!
    // One header row: the level-2 texts replace the group text, written with extra words.
    const flat = header1.map((c, i) => header2[i] ?? c)
    flat[6] = { kind: 'text', value: 'Trong đó: Nam' }
    flat[7] = { kind: 'text', value: 'Nữ (người)' }
    rows[6] = flat
    rows[7] = []
    const g = grid(infoSheet({ unitCode: '08001', period: 'Năm', year: 2025 }), { ...s, rows, merges: [] })
    const a = analyseGrid(g, { pack, units, period, fileName: 'f.xlsx' })
    expect(a.problems).toEqual([])
    const male = a.figures.find((f) => f.indicator === 'TE.0101' && f.column === 'male')
    expect(male?.value).toBe(6)
    expect(a.figures.find((f) => f.indicator === 'TE.0101' && f.column === 'female')?.value).toBe(4)
  })
})
