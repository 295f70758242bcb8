// A small hand-made consolidation and unit list for the output tests and the screenshot script.
import type {
  Consolidation,
  Contribution,
  FiguresByColumn,
  UnitContribution,
} from '../../src-main/core/merge/consolidation'
import { columnApplies, isDataRow, TERRITORIAL, type TemplatePack } from '../../src-main/core/template/pack'
import type { Unit } from '../../src-main/core/units/unit'
import type { ReportHeader } from '../../src-main/core/output/report-header'
import { makePeriodId } from '../../src-main/shared/period'

export const HOSTILE = '=HYPERLINK("http://x","y")'
/** A file as the clerk's computer names it: the sheets show `bao-cao-CA.xlsx` only */
export const CLERK_PATH = 'C:\\Users\\van thu\\Desktop\\2025\\bao-cao-CA.xlsx'
/** A file name that reads as a formula (a file's name holds no slash: sheets show names, not paths) */
export const HOSTILE_FILE = '=HYPERLINK("x","y").xlsx'

/** A province report's header and signature texts, every one set. */
export function sampleHeader(o: Partial<ReportHeader> = {}): ReportHeader {
  return {
    governingBody: 'UBND TỈNH LAI CHÂU',
    issuer: 'SỞ Y TẾ',
    number: '123/BC-SYT',
    place: 'Lai Châu',
    date: '2025-11-15',
    signerTitle: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
    signer: 'Nguyễn Văn A',
    preparer: 'Trần Thị Bình',
    recipients: ['Bộ Y tế (Vụ Bà mẹ - Trẻ em)', 'UBND tỉnh', 'Lưu: VT, NVY'],
    ...o,
  }
}

export function sampleUnits(): Unit[] {
  return [
    { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
    { code: '08002', name: HOSTILE, kind: 'phuong', dept: null, aliases: [] },
    { code: '08003', name: 'Xã Bình Lư', kind: 'xa', dept: null, aliases: [] },
    { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
  ]
}

/** Every applicable cell gets a value from its position, except: the first count row's `male` is 0 and its `ethnic` blank. */
export function sampleConsolidation(pack: TemplatePack, opts: { provisional?: boolean } = {}): Consolidation {
  const totals: Record<string, FiguresByColumn> = {}
  const territorialSums: Record<string, FiguresByColumn> = {}
  const figures: Record<string, Record<string, FiguresByColumn>> = { '08001': {}, '08002': {}, CA: {} }
  const contributions: Contribution[] = []
  const firstCount = pack.indicators.find((i) => i.kind === 'count')
  for (const ind of pack.indicators) {
    if (!isDataRow(ind)) continue
    const row: Record<string, number | null> = {}
    for (const col of pack.columns) {
      if (!['prev', 'data', 'computed'].includes(col.role) || !columnApplies(pack, ind, col.key)) continue
      const base = 100 + ind.order * 10 + pack.columns.indexOf(col)
      let v: number | null =
        ind.kind === 'count' ? base : ind.kind === 'money' ? base + 0.123456 : 50 + (ind.order % 40) + 1 / 3
      if (col.role === 'computed') v = 101.23456
      if (ind === firstCount && col.key === 'male') v = 0
      if (ind === firstCount && col.key === 'ethnic') v = null
      row[col.key] = v
    }
    totals[ind.code] = row
    const total = row['total']
    if (typeof total === 'number' && ind.kind === 'count') {
      // as the merge has it: communes and wards for territorial rows, a department for its own rows
      // (the sample list has one, the police)
      const owners = ind.owner === TERRITORIAL ? ['08001', '08002'] : ind.owner === 'CA' ? ['CA'] : []
      const half = Math.floor(total / 2)
      owners.forEach((u, k) => {
        const value = owners.length === 1 ? total : k === 0 ? half : total - half
        figures[u]![ind.code] = { total: value }
        contributions.push({
          indicator: ind.code,
          column: 'total',
          unit: u,
          value,
          fileName: u === '08002' ? HOSTILE_FILE : u === 'CA' ? CLERK_PATH : `bao-cao-${u}.xlsx`,
          version: 1,
          sheet: 'Bieu 01',
          cell: `F${11 + ind.order}`,
          raw: u === '08002' ? `=${value}` : `${value.toLocaleString('de-DE')}`,
          notes:
            u === '08001'
              ? [
                  {
                    code: 'thousands',
                    text: { vi: 'Đọc dấu chấm là dấu ngăn cách hàng nghìn', en: 'dot read as thousands' },
                  },
                ]
              : [],
        })
      })
      if (ind.owner !== TERRITORIAL) territorialSums[ind.code] = { total: total + 3 }
    }
  }
  const units: UnitContribution[] = [
    {
      unit: '08001',
      fileName: 'bao-cao-08001.xlsx',
      version: 1,
      figures: figures['08001']!,
      sources: contributions.filter((x) => x.unit === '08001'),
      acceptedWithReason: null,
    },
    {
      unit: '08002',
      fileName: HOSTILE_FILE,
      version: 2,
      figures: figures['08002']!,
      sources: contributions.filter((x) => x.unit === '08002'),
      acceptedWithReason: '-Đã gọi điện xác nhận với cán bộ phụ trách: số liệu đúng như đơn vị đã gửi',
    },
    {
      unit: 'CA',
      fileName: CLERK_PATH,
      version: 1,
      figures: figures['CA']!,
      sources: contributions.filter((x) => x.unit === 'CA'),
      acceptedWithReason: null,
    },
  ]
  const r01 = pack.indicators.find((i) => i.kind === 'count' && i.owner !== TERRITORIAL && i.owner !== null)
  const provisional = opts.provisional ?? true
  return {
    templateId: pack.manifest.id,
    templateVersion: pack.manifest.version,
    period: makePeriodId(pack.manifest.years[0] ?? 2025, 'Y'),
    totals,
    territorialSums,
    contributions,
    units,
    missing: provisional ? ['08003'] : [],
    problems: r01
      ? [
          {
            rule: 'R01',
            severity: 'warning',
            indicator: r01.code,
            column: 'total',
            message: {
              vi: 'Số liệu của sở, ngành khác tổng của các xã, phường',
              en: 'Department figure differs from the territorial sum',
            },
          },
        ]
      : [],
    provisional,
  }
}
