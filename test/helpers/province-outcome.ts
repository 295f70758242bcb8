// What `sheaf consolidate --json` answered, held against what the fixture generator (written apart
// from the engine) expects of a generated province: each file's unit, status and problems at their
// cells, and every total.
import path from 'node:path'
import type { ProvinceFile } from '../fixtures/generator'

export type JsonIssue = {
  rule: string
  severity: string
  sheet?: string
  cell?: string
  indicator?: string
  column?: string
}

export type JsonDoc = {
  submissions: Array<{ file: string; unit: string | null; status: string; issues: JsonIssue[] }>
  missing: string[]
  issues: JsonIssue[]
  totals: Record<string, Record<string, number | null>>
  output: string
}

const key = (p: JsonIssue) =>
  `${p.rule}|${p.sheet ?? ''}|${p.cell ?? ''}|${p.indicator ?? ''}|${p.column ?? ''}`

export const close = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a === b ||
  (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)))

/** Each file whose unit, status or problems differ from the generator's, said in a line. */
export function fileMismatches(files: readonly ProvinceFile[], doc: JsonDoc): string[] {
  const byName = new Map(doc.submissions.map((s) => [path.basename(s.file), s]))
  const mismatches: string[] = []
  for (const f of files) {
    const got = byName.get(f.name)
    if (!got) {
      mismatches.push(`${f.name}: not listed`)
      continue
    }
    const e = f.expected
    if (got.unit !== e.unit) mismatches.push(`${f.name}: unit ${got.unit} ≠ ${e.unit}`)
    if (got.status !== e.status) mismatches.push(`${f.name}: status ${got.status} ≠ ${e.status}`)
    // Where the generator does not place a problem (no cell), compare the rule only.
    const want = e.problems.map((p) => (p.cell ? key(p) : p.rule)).sort()
    const have = got.issues
      .map((p) => (e.problems.some((q) => q.rule === p.rule && !q.cell) ? p.rule : key(p)))
      .sort()
    if (JSON.stringify(want) !== JSON.stringify(have))
      mismatches.push(
        `${f.name} [${e.mistake ?? 'clean'}; ${e.drifts.join(',')}]:\n   want ${want.join(' ')}\n   have ${have.join(' ')}`,
      )
  }
  return mismatches
}

/** Each total that differs from the generator's. */
export function totalMismatches(
  expected: Readonly<Record<string, Readonly<Record<string, number | null>>>>,
  doc: JsonDoc,
): string[] {
  const wrong: string[] = []
  for (const [code, row] of Object.entries(expected))
    for (const [col, v] of Object.entries(row))
      if (!close(doc.totals[code]?.[col], v)) wrong.push(`${code}.${col}: ${doc.totals[code]?.[col]} ≠ ${v}`)
  return wrong
}
