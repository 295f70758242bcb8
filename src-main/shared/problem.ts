// The shape of one problem found in a submission or a consolidation: the interface every screen,
// the CLI's JSON and every export share.
import { z } from 'zod'
import type { Localized } from './localized'

export const RULE_IDS = [
  'S01',
  'S02',
  'S03',
  'S04',
  'S05',
  'S06',
  'S07',
  'S08',
  'S09',
  'V01',
  'V02',
  'V03',
  'V04',
  'V05',
  'V06',
  'V07',
  'V08',
  'V09',
  'V10',
  'V11',
  'V12',
  'V13',
  'W01',
  'W02',
  'W03',
  'W04',
  'W05',
  'W06',
  'W07',
  'W08',
  'R01',
  'R02',
] as const
export type CatalogueRule = (typeof RULE_IDS)[number]

export type Severity = 'error' | 'warning'

export type ProblemValue = string | number | boolean | null

/**
 * `rule` is a catalogue id, or for V08/W02 the id of the row of rules.csv that failed (`V08a`).
 * `sheet` and `cell` (A1) say where the rule placed it; `indicator` and `column` which figure.
 */
export type Problem = Readonly<{
  rule: string
  severity: Severity
  sheet?: string
  cell?: string
  indicator?: string
  column?: string
  value?: ProblemValue
  /** R02: the form's rule that failed on the province's totals (`V10`, `V08b`) */
  failedRule?: string
  message: Localized
}>

export const problemSchema = z.object({
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  sheet: z.string().optional(),
  cell: z.string().optional(),
  indicator: z.string().optional(),
  column: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  failedRule: z.string().optional(),
  message: z.object({ vi: z.string(), en: z.string() }),
})

export function isError(p: Problem): boolean {
  return p.severity === 'error'
}
