// Conformance of identification with the spec: who (S03), which period (S04 versus S09), which form
// (S05, W07), which rows a unit must fill (S06), and where each problem is placed.
import { describe, expect, it } from 'vitest'
import { analyseGrid } from '../../src-main/core/submission/analyse-submission'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import type { Unit } from '../../src-main/core/units/unit'
import type { PeriodId } from '../../src-main/shared/period'
import { loadTestPack, shippedPackFiles } from '../helpers/load-test-pack'
import { loadPack } from '../../src-main/core/template/load-pack'
import type { TemplatePack } from '../../src-main/core/template/pack'

import { formSheet, grid, infoSheet } from '../helpers/form-grid'
import type { FormOptions } from '../helpers/form-grid'

const pack = loadTestPack()
const UNITS: Unit[] = [
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: '08002', name: 'Phường Tân Phong', kind: 'phuong', dept: null, aliases: [] },
  { code: '08003', name: 'Xã Bình Lư', kind: 'xa', dept: null, aliases: [] },
  { code: '08004', name: 'Phường Bình Lư', kind: 'phuong', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
  { code: 'CA-PC', name: 'Phòng Cảnh sát hình sự', kind: 'so_nganh', dept: 'CA', aliases: [] },
]
const units = indexUnits(UNITS)

function analyse(
  info: Record<string, unknown> | null,
  o: FormOptions = {},
  period: PeriodId = '2025-Y' as PeriodId,
  fileName = 'bao-cao.xlsx',
) {
  const sheets = [formSheet(pack, o)]
  if (info) sheets.unshift(infoSheet(info as never))
  return analyseGrid(grid(...sheets), { pack, units, period, fileName })
}
const rules = (a: ReturnType<typeof analyse>) => a.problems.map((p) => `${p.rule}@${p.cell ?? '-'}`).sort()
const Y = { unitCode: '08001', period: 'Năm', year: 2025, templateVersion: 'TE-2025.1' }
const NO_PERIOD_TITLE = 'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM'

describe('the period: S04 versus S09', () => {
  it('S09, not S04, when neither Thong tin, the title nor the file name gives a period', () => {
    const a = analyse({ unitCode: '08001' }, { title: NO_PERIOD_TITLE })
    expect(rules(a)).toEqual(['S09@-'])
    expect(a.period).toBe('2025-Y')
    expect(a.status).toBe('accepted')
  })

  it('the date line is not a period', () => {
    const a = analyse({ unitCode: '08001' }, { title: NO_PERIOD_TITLE }, '2024-Y' as PeriodId)
    expect(rules(a)).toEqual(['S09@-'])
  })

  it('S04 at the Kỳ báo cáo cell for the other half, with the text found', () => {
    const a = analyse({ ...Y, period: '6 tháng đầu năm' })
    expect(rules(a)).toEqual(['S04@B3'])
    expect(a.problems[0]).toMatchObject({ sheet: 'Thong tin', value: '6 tháng đầu năm', severity: 'error' })
    expect(a.status).toBe('rejected')
  })

  it('S04 at the Năm cell for another year', () => {
    expect(rules(analyse({ ...Y, year: 2024 }, { title: NO_PERIOD_TITLE }))).toEqual(['S04@B4'])
  })

  it('reads Cả năm, 12 tháng and Sáu tháng in Kỳ báo cáo', () => {
    expect(analyse({ ...Y, period: 'Cả năm' }).period).toBe('2025-Y')
    expect(analyse({ ...Y, period: '12 tháng' }).period).toBe('2025-Y')
    expect(analyse({ ...Y, period: 'Sáu tháng đầu năm' }, {}, '2025-H1' as PeriodId).period).toBe('2025-H1')
  })

  it('S04 at the title when the period comes from the title', () => {
    const a = analyse({ unitCode: '08001' }, { title: 'BIỂU SỐ LIỆU CÔNG TÁC TRẺ EM 6 THÁNG ĐẦU NĂM 2025' })
    expect(rules(a)).toEqual(['S04@A4'])
    expect(a.period).toBe('2025-H1')
  })
})

describe('the form: S05 and W07', () => {
  it('S05 at the version cell with the version as value; the file stays accepted', () => {
    const a = analyse({ ...Y, templateVersion: 'TE-2024.2' })
    expect(rules(a)).toEqual(['S05@B6'])
    expect(a.problems[0]?.value).toBe('TE-2024.2')
    expect(a.status).toBe('accepted')
  })

  it('W07 at a title of another year when Thong tin gives the period', () => {
    const a = analyse(Y, { title: 'BIỂU SỐ LIỆU KẾT QUẢ THỰC HIỆN CÔNG TÁC TRẺ EM NĂM 2024' })
    expect(rules(a)).toEqual(['W07@A4'])
    expect(a.status).toBe('accepted')
  })
})

describe('W07 from the ministry line', () => {
  it('W07 for the form of another ministry, placed at that line', () => {
    const g = grid(infoSheet(Y as never), formSheet(pack, {}))
    const rows = g.sheets[1]!.rows as unknown as Array<Array<unknown>>
    rows[4] = [
      {
        kind: 'text',
        value: '(Kèm theo Công văn số 567/LĐTBXH-TE ngày 10/3/2024 của Bộ Lao động - Thương binh và Xã hội)',
      },
    ]
    const a = analyseGrid(g, { pack, units, period: '2025-Y' as PeriodId, fileName: 'x.xlsx' })
    expect(rules(a)).toEqual(['W07@A5'])
  })
})

describe('the unit: S03 and S06', () => {
  it('an unknown code falls through to the name', () => {
    const a = analyse({ ...Y, unitCode: '99999', unitName: 'UBND xã Tam Đường' })
    expect(a.unit).toBe('08001')
    expect(rules(a)).toEqual([])
  })

  it('S03 when the name matches two units, placed at the name cell', () => {
    const a = analyse({ ...Y, unitCode: '', unitName: 'Bình Lư' }, { unitLine: 'UBND' })
    expect(rules(a)).toEqual(['S03@B2'])
    expect(a.unit).toBeNull()
  })

  it('S03 when the code and the name in Thong tin name different units', () => {
    const a = analyse({ ...Y, unitName: 'Phường Tân Phong' }, { unitLine: 'UBND' })
    expect(rules(a)).toEqual(['S03@B1'])
    expect(a.unit).toBeNull()
  })

  it('a unit that shares its department code must fill the department rows (S06)', () => {
    const a = analyse(
      { ...Y, unitCode: 'CA-PC' },
      { unitLine: 'PHÒNG CẢNH SÁT HÌNH SỰ', omit: ['XH.0104', 'TE.0306', 'XH.0202'] },
    )
    expect(a.unit).toBe('CA-PC')
    expect(a.problems.filter((p) => p.rule === 'S06').map((p) => p.indicator)).toEqual(['TE.0306', 'XH.0202'])
  })

  it('messages come in English too', () => {
    const a = analyse({ ...Y, unitCode: '77777', unitName: 'Xã Không Có' }, { unitLine: 'UBND' })
    const s03 = a.problems.find((p) => p.rule === 'S03')
    expect(s03?.message.en).toMatch(/not in the unit list/)
    expect(s03?.message.vi).toMatch(/không có trong danh sách/)
  })
})

describe('unit names in the header: the prefixes come from the pack', () => {
  const minhSon: Unit = { code: '08010', name: 'Xã Minh Sơn', kind: 'xa', dept: null, aliases: [] }
  const withMinhSon = indexUnits([...UNITS, minhSon])
  const header = (p: TemplatePack, unitLine: string) =>
    analyseGrid(grid(formSheet(p, { unitLine })), {
      pack: p,
      units: withMinhSon,
      period: '2025-Y' as PeriodId,
      fileName: 'bao-cao.xlsx',
    })
  const withPrefixes = (prefixes: string[] | undefined): TemplatePack => {
    const header = { ...pack.layout.header } as Record<string, unknown>
    if (prefixes) header['unitPrefixes'] = prefixes
    else delete header['unitPrefixes']
    const r = loadPack({ ...shippedPackFiles(), 'layout.json': JSON.stringify({ ...pack.layout, header }) })
    if (!r.ok) throw new Error('pack refused')
    return r.pack
  }

  it('TRẠM Y TẾ XÃ MINH SƠN names Xã Minh Sơn when the pack declares the prefix, in any case and accents', () => {
    // the child-work form declares no health-station prefix: the line names no unit (S03)
    expect(header(pack, 'TRẠM Y TẾ XÃ MINH SƠN').problems.map((p) => p.rule)).toContain('S03')
    const p = withPrefixes(['Trạm y tế xã', 'UBND'])
    for (const line of ['TRẠM Y TẾ XÃ MINH SƠN', 'Tram Y te xa Minh Son', 'TRẠM Y TẾ XÃ  MINH  SƠN']) {
      const a = header(p, line)
      expect(a.unit, line).toBe('08010')
      expect(a.problems.map((x) => x.rule)).not.toContain('S03')
    }
    // a name written as it is still wins over a prefix (SỞ is both)
    expect(header(withPrefixes(['SỞ', 'UBND']), 'UBND XÃ TAM ĐƯỜNG').unit).toBe('08001')
  })

  it('a pack that declares no prefixes gets the usual ones, health stations and centres among them', () => {
    const p = withPrefixes(undefined)
    expect(p.layout.header.unitPrefixes).toContain('TRẠM Y TẾ')
    expect(header(p, 'TRẠM Y TẾ XÃ MINH SƠN').unit).toBe('08010')
    expect(header(p, 'TRUNG TÂM Y TẾ XÃ MINH SƠN').unit).toBe('08010')
    expect(header(p, 'UBND XÃ TAM ĐƯỜNG').unit).toBe('08001')
  })
})
