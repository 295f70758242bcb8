// Seeded fuzzing of the reader and the analysis: valid workbooks mutated in their bytes, in their XML
// parts and in their cell contents. CI runs a bounded number of rounds; more on demand:
//   FUZZ_ROUNDS=5000 npx vitest run test/integration/fuzz.test.ts   (FUZZ_SEED=<n> to vary the stream)
import { afterAll, describe, expect, it } from 'vitest'
import type { PeriodId } from '../../src-main/shared/period'
import type { SubmissionAnalysis } from '../../src-main/core/submission/analysis'
import { indexUnits } from '../../src-main/core/submission/identify-unit'
import { ReadPool } from '../../src-main/services/read-pool/read-pool'
import { makeRng } from '../fixtures/generator/rng'
import type { Rng } from '../fixtures/generator/rng'
import { loadTestPack } from '../helpers/load-test-pack'
import type { Value } from '../helpers/form-grid'
import { validWorkbook } from '../fixtures/hostile/valid-workbook'
import { rezip, unzip } from '../fixtures/hostile/zip'

const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 500)
const SEED = Number(process.env.FUZZ_SEED ?? 20251120)
const TIMEOUT_MS = 10_000

const pack = loadTestPack()
const units = indexUnits([
  { code: '08001', name: 'Xã Tam Đường', kind: 'xa', dept: null, aliases: [] },
  { code: 'CA', name: 'Công an tỉnh', kind: 'so_nganh', dept: 'CA', aliases: [] },
])
const pool = new ReadPool(
  { pack, units, period: '2025-Y' as PeriodId },
  { workers: 2, timeoutMs: TIMEOUT_MS },
)
afterAll(() => pool.close())

const dataRows = pack.indicators.filter((i) => i.kind !== 'section')
const dataCols = pack.columns
  .filter((c) => c.role === 'data' || c.role === 'prev' || c.role === 'note')
  .map((c) => c.key)

const WEIRD_TEXT = [
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '-',
  '@SUM(A1)',
  '1.234,5',
  '1,234',
  '12 em',
  '80%',
  'KCS',
  '#REF!',
  '\u0000\u0001\u0002',
  '\ud800',
  'Ð¬Ñ\u00a0',
  'ÐÃ¢y lÃ  TCVN3 ®¹i häc',
  'x'.repeat(32_000),
  '9'.repeat(400),
  '-0',
  'NaN',
  'Infinity',
  '1e308',
]

function weirdValue(rng: Rng): Value {
  switch (rng.int(0, 5)) {
    case 0:
      return rng.pick(WEIRD_TEXT)
    case 1:
      return rng.pick([Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -1, 0.1 + 0.2, 1e21, -0])
    case 2:
      return rng.int(-1000, 100_000)
    case 3:
      return rng.float(-10, 1000)
    case 4:
      return rng.chance(0.5)
    default:
      return {
        kind: rng.pick(['error', 'date', 'blank'] as const),
        value: rng.pick(['#DIV/0!', 45000, null]),
      }
  }
}

/** A valid form with some cells (figures, codes, labels, info) replaced by odd values. */
function cellMutant(rng: Rng): Uint8Array {
  const values: Record<string, Record<string, Value>> = {}
  for (let k = rng.int(1, 12); k > 0; k--) {
    const ind = rng.pick(dataRows)
    ;(values[ind.code] ??= {})[rng.pick(dataCols)] = weirdValue(rng)
  }
  const info: Record<string, Value> = {
    unitCode: rng.chance(0.8) ? '08001' : weirdValue(rng),
    period: rng.chance(0.8) ? 'Năm' : weirdValue(rng),
    year: rng.chance(0.8) ? 2025 : weirdValue(rng),
  }
  return validWorkbook(pack, {
    values,
    info,
    ...(rng.chance(0.2) ? { unitLine: String(weirdValue(rng)) } : {}),
    ...(rng.chance(0.2) ? { omit: [rng.pick(dataRows).code] } : {}),
    ...(rng.chance(0.1) ? { bookType: rng.pick(['xls', 'ods', 'xlsb'] as const) } : {}),
  })
}

function byteMutant(rng: Rng, base: Uint8Array): Uint8Array {
  const b = base.slice()
  switch (rng.int(0, 4)) {
    case 0: // bit flips
      for (let k = rng.int(1, 64); k > 0; k--) {
        const i = rng.int(0, b.length - 1)
        b[i] = (b[i] as number) ^ (1 << rng.int(0, 7))
      }
      return b
    case 1: // truncation
      return b.slice(0, rng.int(0, b.length - 1))
    case 2: {
      // a run of random bytes
      const at = rng.int(0, b.length - 1)
      for (let i = at; i < Math.min(b.length, at + rng.int(1, 4096)); i++) b[i] = rng.int(0, 255)
      return b
    }
    case 3: {
      // a chunk duplicated in place
      const at = rng.int(0, b.length - 1)
      const len = rng.int(1, 2048)
      const out = new Uint8Array(b.length + len)
      out.set(b.subarray(0, at), 0)
      out.set(b.subarray(at, at + len), at)
      out.set(b.subarray(at), at + Math.min(len, b.length - at))
      return out
    }
    default: // a zip header field scrambled
      for (const sig of [0x04034b50, 0x02014b50, 0x06054b50]) {
        const view = new DataView(b.buffer)
        for (let i = 0; i + 4 <= b.length; i++) {
          if (view.getUint32(i, true) === sig && rng.chance(0.3)) {
            const off = i + rng.int(4, 40)
            if (off + 4 <= b.length) view.setUint32(off, rng.int(0, 0xffffffff) >>> 0, true)
          }
        }
      }
      return b
  }
}

const enc = new TextEncoder()
const dec = new TextDecoder()

/** The parts of the zip kept readable, their XML text damaged. */
function xmlMutant(rng: Rng, base: Uint8Array): Uint8Array {
  const parts = unzip(base)
  const names = [...parts.keys()].filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))
  const name = rng.pick(names)
  let xml = dec.decode(parts.get(name))
  for (let k = rng.int(1, 6); k > 0; k--) {
    const i = rng.int(0, Math.max(0, xml.length - 1))
    switch (rng.int(0, 5)) {
      case 0:
        xml = xml.slice(0, i) + xml.slice(i + rng.int(1, 200))
        break
      case 1:
        xml = xml.replace(
          /r="[A-Z]+\d+"/,
          `r="${rng.pick(['XFD1048576', 'A0', 'ZZZZ1', '', 'A-1', 'A99999999'])}"`,
        )
        break
      case 2:
        xml = xml.replace(
          /<v>[^<]*<\/v>/,
          `<v>${rng.pick(['', 'abc', '1e999', '-', '99999999999999999999'])}</v>`,
        )
        break
      case 3:
        xml = xml.replace(/ref="[^"]*"/, `ref="${rng.pick(['A1:XFD1048576', 'B2:A1', 'garbage', ''])}"`)
        break
      case 4:
        xml =
          xml.slice(0, i) +
          rng.pick(['<', '>', '&', '&amp', ']]>', '<![CDATA[', '\u0000', '<x>', '</row>']) +
          xml.slice(i)
        break
      default:
        xml = xml.replace(/t="s"/, `t="${rng.pick(['e', 'n', 'b', 'str', 'inlineStr', 'd', 'z'])}"`)
    }
  }
  return rezip(parts, { [name]: enc.encode(xml) })
}

function check(a: SubmissionAnalysis, label: string): void {
  expect(['accepted', 'rejected'], label).toContain(a.status)
  expect(a.status === 'rejected', label).toBe(a.problems.some((p) => p.severity === 'error'))
  for (const p of a.problems) {
    expect(typeof p.rule, label).toBe('string')
    expect(typeof p.message.vi, label).toBe('string')
    expect(typeof p.message.en, label).toBe('string')
  }
  // a reader that was stopped is a finding too: the limits are generous for files this small
  const s01 = a.problems.find((p) => p.rule === 'S01')?.message.en ?? ''
  expect(s01, label).not.toMatch(/took too long|too much memory|stopped unexpectedly/)
}

describe(`fuzz: ${ROUNDS} mutated workbooks (seed ${SEED})`, () => {
  it('ends every input accepted or rejected with problems, within the limits, without a crash', async () => {
    const rng = makeRng(SEED)
    const base = [
      validWorkbook(pack),
      validWorkbook(pack, { bookType: 'ods' }),
      validWorkbook(pack, { bookType: 'xls' }),
    ]
    const jobs: Array<Promise<void>> = []
    const counts = { accepted: 0, rejected: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const r = rng.fork(`round-${round}`)
      const kind = r.int(0, 2)
      const bytes =
        kind === 0 ? cellMutant(r) : kind === 1 ? byteMutant(r, r.pick(base)) : xmlMutant(r, base[0]!)
      const label = `seed ${SEED} round ${round} (${['cells', 'bytes', 'xml'][kind]})`
      jobs.push(
        pool.analyse(bytes, `fuzz-${round}.xlsx`).then((a) => {
          check(a, label)
          counts[a.status]++
        }),
      )
      // keep memory flat: never more than a few dozen files in flight
      if (jobs.length >= 32) await Promise.all(jobs.splice(0))
    }
    await Promise.all(jobs)
    expect(counts.accepted + counts.rejected).toBe(ROUNDS)
    // the mutations are not all fatal, and not all harmless
    if (ROUNDS >= 50) {
      expect(counts.accepted).toBeGreaterThan(0)
      expect(counts.rejected).toBeGreaterThan(0)
    }
  }, 600_000)
})
