// A reporting unit of the province's list: a commune, ward, special zone or (before July 2025)
// district, or a provincial department.

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
