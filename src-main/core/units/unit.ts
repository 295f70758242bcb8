// A reporting unit of the province's list: a commune, ward, special zone or (before July 2025)
// district, or a provincial department; of the ministry's list, a province.

import type { UnitKind } from '../../shared/unit-kinds'

export type Unit = Readonly<{
  code: string
  name: string
  kind: UnitKind
  /** the department code that `owner` in indicators.csv refers to (departments only) */
  dept: string | null
  aliases: readonly string[]
  active?: boolean
}>

export function isTerritorial(u: Unit): boolean {
  return u.kind !== 'so_nganh'
}

/**
 * A province at the ministry: its file is the province's consolidated report, which fills every row
 * of the form, the rows its own departments filled included; so its figures count for every row.
 */
export function fillsWholeForm(u: Unit): boolean {
  return u.kind === 'tinh'
}

/** Whose rows a province's figures count for, beside `territorial` and the departments' codes. */
export const WHOLE_FORM = '*'
