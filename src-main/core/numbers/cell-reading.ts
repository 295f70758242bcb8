// The result of reading one data cell: a number (or blank) with the notes of every conversion, or
// the problem that stopped it. Notes are shown to the validator; nothing is converted silently.
import type { Localized } from '../../shared/localized'

export type ReadNote = Readonly<{ code: string; text: Localized }>

export type CellReading =
  | Readonly<{ status: 'blank'; notes: readonly ReadNote[] }>
  | Readonly<{ status: 'number'; value: number; notes: readonly ReadNote[] }>
  /** V01: not a number (text, a boolean, a date); V02: two readings; V13: formula error or no cached value */
  | Readonly<{
      status: 'invalid'
      rule: 'V01' | 'V02' | 'V13'
      reason: Localized
      notes: readonly ReadNote[]
    }>
