// The kinds of reporting unit: a commune, ward, special zone or (before July 2025) district, or a
// provincial department; at the ministry, a province (`tinh`), whose consolidated report fills every
// row of the form. The one list the unit-list file, the API, the screens and the database's
// CHECK (a test holds it to this list) agree on.
export const UNIT_KINDS = ['xa', 'phuong', 'dac_khu', 'huyen', 'so_nganh', 'tinh'] as const
export type UnitKind = (typeof UNIT_KINDS)[number]

export function isUnitKind(text: string): text is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(text)
}
