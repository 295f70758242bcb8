// The fixture generator: clean figures obey the form's rules, a seed gives the same province, and
// the files hold the expected values in the expected cells when opened with SheetJS.
import * as XLSX from '@e965/xlsx'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadTestPack } from '../helpers/load-test-pack'
import type { GenUnit, Province } from '../fixtures/generator'
import {
  DRIFTS,
  MISTAKES,
  checkFigures,
  generateProvince,
  generateUnitFigures,
  makeRng,
  rowsOfUnit,
  toTcvn3,
} from '../fixtures/generator'
import { rightCode, rightColumn } from '../fixtures/generator/pack-dims'

const pack = loadTestPack()
const commune: GenUnit = { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null }
const departments: GenUnit[] = ['CA', 'VKS', 'TA', 'GDDT', 'SYT'].map((d) => ({
  code: d,
  name: d,
  kind: 'so_nganh',
  dept: d,
}))
const near = (a: number, b: number): boolean => Math.abs(a - b) < 1e-6

/** Reads a cell the way the files write it: a number, or text the Vietnamese way, maybe with a unit. */
function cellNumber(cell: XLSX.CellObject | undefined): number | null {
  if (!cell || cell.v === undefined || cell.v === null || cell.v === '') return null
  if (typeof cell.v === 'number') return cell.v
  const text = String(cell.v)
    .replace(/\s*[^\d.,-]+$/u, '')
    .replace(/\./g, '')
    .replace(',', '.')
  return Number(text)
}

describe('generateUnitFigures', () => {
  it('gives every row the unit fills, in every column that applies, and nothing else', () => {
    const f = generateUnitFigures(pack, commune, makeRng(1), '2025-Y')
    const rows = rowsOfUnit(pack, commune)
    expect(Object.keys(f).sort()).toEqual(rows.map((r) => r.code).sort())
    for (const r of rows) {
      const keys = Object.keys(f[r.code] ?? {})
      for (const c of r.dataColumns) expect(keys).toContain(c)
      expect(keys).toContain('prev')
      expect(keys.includes('compare')).toBe(r.kind === 'count' || r.kind === 'money')
    }
    const ca = generateUnitFigures(pack, departments[0] as GenUnit, makeRng(1), '2025-Y')
    expect(Object.keys(ca).every((code) => pack.byCode.get(code)?.owner === 'CA')).toBe(true)
  })

  it('is the same for a seed and differs between seeds', () => {
    const a = generateUnitFigures(pack, commune, makeRng(99), '2025-Y')
    const b = generateUnitFigures(pack, commune, makeRng(99), '2025-Y')
    const c = generateUnitFigures(pack, commune, makeRng(100), '2025-Y')
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })

  it('satisfies every rule of the spec and the pack, over many seeds and units', () => {
    for (let seed = 1; seed <= 300; seed++) {
      for (const unit of [commune, ...departments]) {
        const period = seed % 2 ? '2025-Y' : '2025-H1'
        const f = generateUnitFigures(pack, unit, makeRng(seed), period, { rateDecimals: seed % 3 ? 1 : 2 })
        const problems = checkFigures(pack, f, 'Bieu 01', () => undefined)
        expect(problems, `seed ${seed} unit ${unit.code}`).toEqual([])
      }
    }
  })

  it('keeps the relations of the form, checked here directly', () => {
    for (let seed = 1; seed <= 60; seed++) {
      for (const unit of [commune, ...departments]) {
        const f = generateUnitFigures(pack, unit, makeRng(seed), '2025-Y')
        const v = (code: string, c: string): number | null => f[code]?.[c] ?? null
        for (const ind of rowsOfUnit(pack, unit)) {
          const t = v(ind.code, 'total') as number
          if (ind.kind === 'count' || ind.kind === 'money') {
            for (const c of ind.dataColumns) {
              const x = v(ind.code, c) as number
              expect(x).toBeGreaterThanOrEqual(0)
              if (ind.kind === 'count') expect(Number.isInteger(x)).toBe(true)
              else expect(near(x * 10, Math.round(x * 10))).toBe(true)
            }
            if (ind.dataColumns.includes('male'))
              expect(v(ind.code, 'male')! + v(ind.code, 'female')!).toBe(t)
            if (ind.dataColumns.includes('age_0_6'))
              expect(v(ind.code, 'age_0_6')! + v(ind.code, 'age_6_11')! + v(ind.code, 'age_11_16')!).toBe(t)
            if (ind.dataColumns.includes('ethnic')) expect(v(ind.code, 'ethnic')!).toBeLessThanOrEqual(t)
            const prev = v(ind.code, 'prev') as number
            if (t > 10) expect(Math.abs(t - prev)).toBeLessThanOrEqual(0.4 * t)
            if (prev)
              expect(Math.abs((v(ind.code, 'compare') as number) - (t / prev) * 100)).toBeLessThanOrEqual(
                0.05 + 1e-9,
              )
            const kids = (pack.children.get(ind.code) ?? []).filter((k) => f[k.code])
            for (const c of ind.dataColumns) {
              const of = (rel: string): number[] =>
                kids
                  .filter((k) => k.relation === rel && k.dataColumns.includes(c))
                  .map((k) => v(k.code, c) as number)
              const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
              const p = v(ind.code, c) as number
              if (of('sum').length) expect(near(sum(of('sum')), p)).toBe(true)
              if (of('part').length) expect(sum(of('part'))).toBeLessThanOrEqual(p + 1e-9)
              for (const x of [...of('each'), ...of('group')]) expect(x).toBeLessThanOrEqual(p)
              if (of('group').length) expect(sum(of('group'))).toBeGreaterThanOrEqual(p)
            }
          }
          if (ind.kind === 'rate' && ind.num && ind.den && f[ind.num] && f[ind.den]) {
            for (const c of ind.dataColumns) {
              const d = v(ind.den, c)
              if (!d) continue
              expect(
                Math.abs((v(ind.code, c) as number) - ((v(ind.num, c) as number) / d) * 100),
              ).toBeLessThanOrEqual(0.05 + 1e-9)
            }
          }
          if (ind.kind === 'ratio') expect(t >= 100 && t <= 115).toBe(true)
        }
        for (const rule of pack.rules) {
          const l = v(rule.left.code, rule.left.column ?? 'total')
          const r = v(rightCode(rule), rightColumn(rule) ?? 'total')
          if (l === null || r === null) continue
          if (rule.op === '=') expect(l, rule.id).toBe(r)
          else expect(l, rule.id).toBeLessThanOrEqual(r)
        }
      }
    }
  })

  it('gives a commune a realistic child population', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const t = generateUnitFigures(pack, commune, makeRng(seed), '2025-Y')['TE.0101']?.['total'] as number
      expect(t).toBeGreaterThanOrEqual(1500)
      expect(t).toBeLessThanOrEqual(9000)
    }
  })
})

describe('toTcvn3', () => {
  it('writes Vietnamese the way .VnTime files hold it', () => {
    expect(toTcvn3('Dân số trẻ em')).toBe('D©n sè trÎ em')
    expect(toTcvn3('Đường')).toBe('§−êng'.replace('−', '\u00ad'))
  })
})

describe('generateProvince', () => {
  let every: Province
  beforeAll(async () => {
    every = await generateProvince({ seed: 7, communes: 45, mistakes: 'every-rule' })
  })

  it('is the same for a seed', async () => {
    const a = await generateProvince({ seed: 3, communes: 12, mistakes: 'typical' })
    const b = await generateProvince({ seed: 3, communes: 12, mistakes: 'typical' })
    expect(a.unitsCsv).toBe(b.unitsCsv)
    expect(a.files.map((f) => [f.name, f.expected])).toEqual(b.files.map((f) => [f.name, f.expected]))
    expect(a.expectedTotals).toEqual(b.expectedTotals)
  })

  it('carries each mistake of the catalogue and each drift, with its expected rule', () => {
    const mistakes = new Set(every.files.map((f) => f.expected.mistake).filter(Boolean))
    expect([...mistakes].sort()).toEqual([...MISTAKES].sort())
    const drifts = new Set(every.files.flatMap((f) => f.expected.drifts))
    expect([...drifts].sort()).toEqual([...DRIFTS].sort())
    for (const f of every.files) {
      const m = f.expected.mistake
      if (!m) {
        const duplicate = every.duplicates.some((d) => d.files.includes(f.name))
        expect(f.expected.problems, f.name).toEqual(duplicate ? [{ rule: 'S08', severity: 'warning' }] : [])
        continue
      }
      const rule = m.slice(0, 3)
      expect(
        f.expected.problems.some((p) => p.rule.startsWith(rule)),
        `${f.name}: ${m}`,
      ).toBe(true)
      expect(f.expected.status).toBe(
        f.expected.problems.some((p) => p.severity === 'error') ? 'rejected' : 'accepted',
      )
    }
    expect(every.duplicates).toHaveLength(1)
  })

  it('writes files that open with SheetJS and hold the expected figures in the expected cells', () => {
    let checked = 0
    for (const f of every.files) {
      if (f.expected.writer === 'garbage') continue
      const wb = XLSX.read(f.bytes)
      if (!f.expected.sheet) continue
      const ws = wb.Sheets[f.expected.sheet]
      expect(ws, f.name).toBeDefined()
      for (const [code, row] of Object.entries(f.expected.figures)) {
        for (const [col, value] of Object.entries(row)) {
          const addr = f.expected.cells[code]?.[col] as string
          const got = cellNumber(ws?.[addr])
          expect(got, `${f.name} ${code}.${col} at ${addr}`).toBe(value)
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(3000)
  })

  it('puts the mistake in the cell it names', () => {
    const file = (m: string) => every.files.find((f) => f.expected.mistake === m)
    const at = (m: string): XLSX.CellObject | undefined => {
      const f = file(m)
      const p = f?.expected.problems[0]
      const ws = XLSX.read(f?.bytes as Uint8Array).Sheets[p?.sheet as string]
      return ws?.[p?.cell as string]
    }
    expect(at('V01')?.v).toBe('đang cập nhật')
    expect(at('V02')?.v).toBe('1,234')
    expect(at('V13')?.t).toBe('e')
    expect(at('V04')?.v).toBe(5)
    expect(at('S05')?.v).toBe('TE-2024.2')
    expect(at('W08')?.v).toBe(150)
  })

  it('writes the drifts as described', () => {
    const byDrift = (d: string) => {
      const f = every.files.find((x) => x.expected.drifts.includes(d))
      return { f, wb: XLSX.read(f?.bytes as Uint8Array, { cellFormula: true }) }
    }
    expect(byDrift('sheet-renamed-bieu-1').wb.SheetNames).toContain('Biểu 1')
    expect(byDrift('no-info-sheet').wb.SheetNames).not.toContain('Thong tin')
    const hidden = byDrift('hidden-old-copy').wb
    expect(hidden.Workbook?.Sheets?.find((s) => s.name === 'Bieu 01 (cu)')?.Hidden).toBe(1)
    const tcvn = byDrift('labels-tcvn3')
    expect(XLSX.utils.sheet_to_csv(tcvn.wb.Sheets['Bieu 01'] as XLSX.WorkSheet)).toContain('D©n sè trÎ em')
    const formulas = byDrift('formulas')
    const ws = formulas.wb.Sheets[formulas.f?.expected.sheet as string] as XLSX.WorkSheet
    const cmp = formulas.f?.expected.cells['TE.0101']?.['compare'] as string
    expect(ws[cmp]?.f).toMatch(/^ROUND\(/)
    const info = byDrift('code-without-zero').wb.Sheets['Thong tin'] as XLSX.WorkSheet
    expect(typeof info['B1']?.v).toBe('number')
  })

  it('adds up the accepted files by the merge rules', () => {
    const active = every.files.filter(
      (f) =>
        f.expected.status === 'accepted' &&
        f.expected.unit &&
        !every.duplicates[0]?.files.slice(0, -1).includes(f.name),
    )
    const territorial = active.filter((f) => !/^[A-Z]/.test(f.expected.unit as string))
    const sum = (code: string, col: string, files = territorial) =>
      files.reduce((a, f) => a + (f.expected.figures[code]?.[col] ?? 0), 0)
    expect(every.expectedTotals['TE.0101']?.['total']).toBe(sum('TE.0101', 'total'))
    expect(every.expectedTotals['TE.0701']?.['total']).toBe(territorial.length)
    const rate = every.expectedTotals['TE.0104r']?.['total'] as number
    expect(rate).toBeCloseTo((sum('TE.0104', 'total') / sum('TE.0103', 'total')) * 100, 9)
    const syt = active.find((f) => f.expected.unit === 'SYT')
    expect(every.expectedTotals['TE.0102']?.['total']).toBe(syt?.expected.figures['TE.0102']?.['total'])
    // the police file is rejected in this province: its rows stay blank, never the communes' sum
    expect(every.expectedMissing).toContain('CA')
    expect(every.expectedTotals['XH.0101']?.['total']).toBeNull()
    const t = every.expectedTotals['TE.0101'] as Record<string, number>
    expect(t['compare']).toBeCloseTo(((t['total'] as number) / (t['prev'] as number)) * 100, 9)
  })

  it('makes a province of 170 communes', async () => {
    const p = await generateProvince({ seed: 11, communes: 170, mistakes: 'typical' })
    expect(p.units.filter((u) => u.kind !== 'so_nganh')).toHaveLength(170)
    expect(p.expectedMissing.length).toBeGreaterThan(0)
  })
})
