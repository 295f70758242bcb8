// A reporting unit of the province's list: a commune, ward, special zone or (before July 2025)
// district, or a provincial department.

export const UNIT_KINDS = ['xa', 'phuong', 'dac_khu', 'huyen', 'so_nganh'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

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
