// A unit's accepted submission for merge tests, from figures given by indicator and column.
import type { MergeSubmission } from '../../src-main/core/merge/merge-submissions'
import type { Figure } from '../../src-main/core/submission/analysis'

export function submissionOf(unit: string, figs: Record<string, Record<string, number>>): MergeSubmission {
  const figures: Figure[] = []
  let n = 0
  for (const [indicator, cols] of Object.entries(figs))
    for (const [column, value] of Object.entries(cols))
      figures.push({
        indicator,
        column,
        value,
        sheet: 'Bieu 01',
        cell: `F${++n}`,
        raw: String(value),
        notes: [],
      })
  return { unit, fileName: `${unit}.xlsx`, version: 1, figures, acceptedWithReason: null }
}
