// What a reader made of a workbook, as plain data, for the differential tests of the fast readers
// against the SheetJS path: the same Grid compares equal whichever path built it.
import type { Grid } from '../../src-main/core/workbook/grid'

/** A Grid as plain data: holes and undefined fields compare alike. */
export function plainGrid(grid: Grid): unknown {
  return JSON.parse(JSON.stringify(grid, (_k, v: unknown) => (v === undefined ? null : v)))
}

export type ReadOutcome = { grid: unknown } | { error: string }

/** What a read gives: its Grid as plain data, or its error's message. */
export function readOutcome(read: () => Grid): ReadOutcome {
  try {
    return { grid: plainGrid(read()) }
  } catch (e) {
    return { error: (e as Error).message }
  }
}
